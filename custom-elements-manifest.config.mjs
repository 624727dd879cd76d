// `npm run analyze` → packages/elements/custom-elements.json (the "customElements" field of
// @case-portal/elements points at it): tags, attributes, properties, events, slots, CSS parts.

/**
 * Tags are registered through `defineElement('case-list', CaseList)` (packages/elements/src/define/),
 * which the analyzer does not know: record those calls as custom-element definitions and link each
 * class to its tag. Also drops the helper's own `customElements.define(tag, ctor)`, which the
 * analyzer would otherwise report as an element named "tag".
 */
function defineElementCalls({ helper = 'defineElement' } = {}) {
  return {
    name: 'case-portal:define-element-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== helper) return;
      const [tag, ctor] = node.arguments;
      if (!tag || !ctor || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(ctor)) return;
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: ctor.text, module: moduleDoc.path }, // module fixed in packageLinkPhase
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      const classes = new Map();
      for (const mod of customElementsManifest.modules ?? []) {
        for (const d of mod.declarations ?? []) if (d.kind === 'class') classes.set(d.name, { decl: d, module: mod.path });
      }
      for (const mod of customElementsManifest.modules ?? []) {
        mod.exports = (mod.exports ?? []).filter((e) => {
          if (e.kind !== 'custom-element-definition') return true;
          const found = classes.get(e.declaration?.name);
          // `customElements.define(tag, ctor)` inside a helper: no literal tag, no known class.
          if (!found || !/^[a-z][a-z0-9._]*-[a-z0-9._-]*$/.test(e.name)) return false;
          e.declaration.module = found.module;
          found.decl.tagName ??= e.name;
          found.decl.customElement = true;
          return true;
        });
      }
    },
  };
}

/**
 * Events: the analyzer also guesses an event from every `dispatchEvent(new SomeEvent(arg))`, naming it
 * after the argument ("record", "error", ""). Every event of this library is a typed class with the
 * `case-` prefix, documented with @fires: keep those, drop the guesses.
 */
function onlyPrefixedEvents(prefix = 'case-') {
  return {
    name: 'case-portal:only-prefixed-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const d of mod.declarations ?? []) {
          if (d.events) d.events = d.events.filter((e) => typeof e.name === 'string' && e.name.startsWith(prefix));
        }
      }
    },
  };
}

export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: [
    'packages/elements/src/**/*.test.ts',
    'packages/elements/src/**/*.stories.ts',
    'packages/elements/src/**/*.d.ts',
    'packages/elements/src/bundle.ts',
  ],
  outdir: 'packages/elements',
  litelement: true,
  // package.json already declares "customElements": do not let the analyzer rewrite any package.json.
  packagejson: false,
  dev: false,
  plugins: [defineElementCalls(), onlyPrefixedEvents()],
};
