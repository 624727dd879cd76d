// An editor's configuration in JSON, for a CMS page with no script of its own:
//
//   <case-list>
//     <script type="application/json">{ "columns": ["number", "subject", "status"], "page-size": 10 }</script>
//   </case-list>
//
// or `config="id"` naming such a script elsewhere in the element's document (or shadow root), so
// several elements share one. Keys are the element's attribute names (the manifest lists them),
// values JSON of the attribute's type; `features` switches off actions the backend allows. An
// attribute written on the element wins over its key. Unknown keys and wrong types are editor
// problems (console + `case-error`, once each); every other key still applies.
import { defaultConverter, type PropertyDeclaration, type ReactiveElement } from 'lit';
import type { Features } from '@case-portal/core';
import { reportEditorProblems } from './failure.js';
import { FEATURE_KEYS, type FeatureSwitches } from './feature-switches.js';

export type { FeatureSwitches };

/** The element class as the reader needs it: Lit's declarations and the attributes that take lists. */
export interface ConfigurableClass {
  readonly elementProperties: ReadonlyMap<PropertyKey, PropertyDeclaration>;
  /** Attributes whose value is a list: JSON gives an array of strings (or the attribute's own text). */
  readonly listAttributes?: readonly string[];
}

type Expected = 'boolean' | 'number' | 'string' | 'list';

/** Every attribute the element declares, with its property and the JSON type its key takes. */
export function configurableAttributes(ctor: ConfigurableClass): Map<string, { prop: PropertyKey; decl: PropertyDeclaration; expected: Expected }> {
  const found = new Map<string, { prop: PropertyKey; decl: PropertyDeclaration; expected: Expected }>();
  for (const [prop, decl] of ctor.elementProperties) {
    if (decl.attribute === false || decl.state || typeof prop !== 'string') continue;
    const name = typeof decl.attribute === 'string' ? decl.attribute : prop.toLowerCase();
    if (name === 'config') continue;
    const expected: Expected = ctor.listAttributes?.includes(name)
      ? 'list'
      : decl.type === Boolean
        ? 'boolean'
        : decl.type === Number
          ? 'number'
          : 'string';
    found.set(name, { prop, decl, expected });
  }
  return found;
}

/** The script an element's configuration is in: `config="id"` in its root, else a child. */
function configScript(host: HTMLElement, id: string | null): HTMLScriptElement | undefined | 'missing' {
  const isJson = (el: Element | null | undefined): el is HTMLScriptElement =>
    el instanceof HTMLScriptElement && el.type.trim().toLowerCase() === 'application/json';
  if (id) {
    const root = host.getRootNode() as Document | ShadowRoot;
    const el = root.getElementById?.(id);
    return isJson(el) ? el : 'missing';
  }
  return [...host.children].find(isJson);
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Reads the element's JSON configuration and sets the properties it names (through each attribute's
 * own converter, as if the attribute were written), except those whose attribute is on the element.
 * Returns the feature switches it holds. Problems go to the console and `case-error`, once each.
 */
export function applyEditorConfig(host: ReactiveElement & HTMLElement, ctor: ConfigurableClass): FeatureSwitches | undefined {
  const script = configScript(host, host.getAttribute('config'));
  if (!script) return undefined;
  const problems: string[] = [];
  const report = () => reportEditorProblems(host, 'config', problems);
  if (script === 'missing') {
    problems.push(`No <script type="application/json" id="${host.getAttribute('config')}"> found: nothing configured.`);
    return void report();
  }
  let config: unknown;
  try {
    config = JSON.parse(script.textContent ?? '');
  } catch (e) {
    problems.push(`The configuration is not valid JSON (${(e as Error).message}): nothing configured.`);
    return void report();
  }
  if (typeOf(config) !== 'object') {
    problems.push(`The configuration must be a JSON object ({ … }), not ${typeOf(config)}: nothing configured.`);
    return void report();
  }
  const attributes = configurableAttributes(ctor);
  let features: FeatureSwitches | undefined;
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (key === '$schema') continue; // an editor's pointer to config.schema.json, for their editor's completion
    if (key === 'features') {
      features = readFeatures(value, problems);
      continue;
    }
    const target = attributes.get(key);
    if (!target) {
      problems.push(`Unknown key "${key}": <${host.localName}> has no attribute of that name (known: ${[...attributes.keys(), 'features'].join(', ')}).`);
      continue;
    }
    const text = attributeText(value, target.expected);
    if (text === undefined) {
      problems.push(`"${key}" takes ${EXPECTED_TEXT[target.expected]}, not ${typeOf(value)}: left as it was.`);
      continue;
    }
    // Written on the element: the editor's attribute wins over the shared configuration.
    if (host.hasAttribute(key)) continue;
    const converter = target.decl.converter;
    const fromAttribute =
      typeof converter === 'function' ? converter : (converter?.fromAttribute ?? defaultConverter.fromAttribute!);
    (host as unknown as Record<string, unknown>)[target.prop as string] = fromAttribute(text, target.decl.type);
  }
  report();
  return features;
}

const EXPECTED_TEXT: Record<Expected, string> = {
  boolean: 'true or false',
  number: 'a number',
  string: 'text',
  list: 'a list of text (["a", "b"]) or text',
};

/** The attribute text a JSON value stands for, or undefined when it is of the wrong type. A false boolean is no attribute. */
function attributeText(value: unknown, expected: Expected): string | null | undefined {
  switch (expected) {
    case 'boolean':
      return typeof value === 'boolean' ? (value ? '' : null) : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'list':
      if (typeof value === 'string') return value;
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(',') : undefined;
  }
}

function readFeatures(value: unknown, problems: string[]): FeatureSwitches | undefined {
  if (typeOf(value) !== 'object') {
    problems.push(`"features" takes an object such as { "complain": false }, not ${typeOf(value)}.`);
    return undefined;
  }
  const switches: FeatureSwitches = {};
  for (const [name, on] of Object.entries(value as Record<string, unknown>)) {
    if (!(FEATURE_KEYS as string[]).includes(name)) {
      problems.push(`Unknown feature "${name}" (known: ${FEATURE_KEYS.join(', ')}).`);
    } else if (typeof on !== 'boolean') {
      problems.push(`Feature "${name}" takes true or false, not ${typeOf(on)}.`);
    } else {
      switches[name as keyof Features] = on;
    }
  }
  return switches;
}
