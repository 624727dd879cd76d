// Part of `npm run build` (also `npm run analyze` alone) → in packages/elements, all shipped:
//   custom-elements.json          the manifest ("customElements" in its package.json): tags, attributes,
//                                 properties, events, slots, CSS parts, --case-* tokens
//   vscode.html-custom-data.json  VS Code `html.customData`: tag and attribute completion with docs
//   vscode.css-custom-data.json   VS Code `css.customData`: the --case-* tokens and ::part names
//   web-types.json                JetBrains IDEs (found through "web-types" in its package.json)
//   config.schema.json            JSON Schema of an editor's JSON configuration, per element (shared/editor-config.ts)
// test/manifest.test.ts checks the manifest against the code.
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { readFileSync, writeFileSync } from 'node:fs';

const OUT = 'packages/elements';

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

/**
 * The analyzer names modules by their path in this repository (`packages/elements/src/x.ts`, and
 * `/packages/elements/src/x.js` for superclasses). A consumer has the package's built files: name
 * them `dist/x.js`, relative to the package root like the manifest itself.
 */
function shippedModulePaths({ from = /^\/?packages\/elements\/src\/(.+)\.(?:ts|js)$/, to = 'dist/$1.js' } = {}) {
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.forEach(rewrite);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = value.replace(from, to);
      else rewrite(value);
    }
  };
  return {
    name: 'case-portal:shipped-module-paths',
    packageLinkPhase({ customElementsManifest }) {
      rewrite(customElementsManifest.modules);
    },
  };
}

/**
 * The JetBrains plugin names web-types.json after the package.json in the working directory (the
 * monorepo root); IDEs match it to the installed package by name: use @case-portal/elements'.
 */
function webTypesOfPackage(file = `${OUT}/web-types.json`, pkg = `${OUT}/package.json`) {
  return {
    name: 'case-portal:web-types-of-package',
    packageLinkPhase() {
      const { name, version } = JSON.parse(readFileSync(pkg, 'utf8'));
      const webTypes = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, `${JSON.stringify({ ...webTypes, name, version }, null, 2)}\n`);
    },
  };
}

/**
 * The JSON Schema of an editor's `<script type="application/json">` configuration, one definition per
 * element, from the manifest's attributes (the runtime reads the same attributes from the classes:
 * test/manifest.test.ts checks both agree) and the `features` an editor may switch off.
 */
function configSchema(file = `${OUT}/config.schema.json`, source = `${OUT}/src/shared/feature-switches.ts`) {
  const list = (attr) => /\[\]/.test(attr.type?.text ?? '');
  const typeOf = (attr) => {
    const text = attr.type?.text ?? 'string';
    if (list(attr)) return { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] };
    if (/\bboolean\b/.test(text)) return { type: 'boolean' };
    if (/\bnumber\b/.test(text)) return { type: 'number' };
    return { type: 'string' };
  };
  return {
    name: 'case-portal:config-schema',
    packageLinkPhase({ customElementsManifest }) {
      const block = readFileSync(source, 'utf8').match(/FEATURE_KEYS = Object\.keys\(\{([\s\S]*?)\}/)[1];
      const features = [...block.matchAll(/(\w+): true/g)].map((m) => m[1]);
      const defs = {
        features: {
          description: 'Actions and switches the backend allows that this element should not offer: false switches one off (true changes nothing).',
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(features.map((f) => [f, { type: 'boolean' }])),
        },
      };
      for (const mod of customElementsManifest.modules ?? []) {
        for (const d of mod.declarations ?? []) {
          if (!d.customElement || !d.tagName) continue;
          const properties = { $schema: { type: 'string' }, features: { $ref: '#/$defs/features' } };
          for (const attr of d.attributes ?? []) {
            if (attr.name === 'config') continue;
            properties[attr.name] = { ...typeOf(attr), ...(attr.description ? { description: attr.description } : {}) };
          }
          defs[d.tagName] = { description: `The configuration of <${d.tagName}>: its attributes as keys.`, type: 'object', additionalProperties: false, properties };
        }
      }
      const tags = Object.keys(defs).filter((k) => k !== 'features');
      const schema = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: "A case-portal element's JSON configuration",
        description: 'The content of <script type="application/json"> inside an element (or named by its config attribute). Pick the definition of your element, e.g. "$ref": "…config.schema.json#/$defs/case-list".',
        $defs: defs,
        anyOf: tags.map((t) => ({ $ref: `#/$defs/${t}` })),
      };
      writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    },
  };
}

const editorData = { outdir: OUT, hideLogs: true, hideMethodDocs: true, exclude: ['CaseElement'] };

export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: [
    'packages/elements/src/**/*.test.ts',
    'packages/elements/src/**/*.stories.ts',
    'packages/elements/src/**/*.d.ts',
    'packages/elements/src/bundle.ts',
    // Test support (packages/elements/src/testing/): helpers, not elements.
    'packages/elements/src/testing/**',
  ],
  outdir: OUT,
  litelement: true,
  // package.json already declares "customElements": do not let the analyzer rewrite any package.json.
  packagejson: false,
  dev: false,
  plugins: [
    defineElementCalls(),
    onlyPrefixedEvents(),
    shippedModulePaths(),
    customElementVsCodePlugin({
      ...editorData,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
    }),
    // packageJson false: "web-types" is already in @case-portal/elements' package.json.
    customElementJetBrainsPlugin({ ...editorData, webTypesFileName: 'web-types.json', packageJson: false }),
    webTypesOfPackage(),
    configSchema(),
  ],
};
