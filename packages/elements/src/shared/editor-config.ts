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
import { FEATURE_KEYS, isJsonScript, type FeatureSwitches } from './feature-switches.js';

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

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** One script's JSON object, or undefined with the problem said. */
function readScript(script: HTMLScriptElement, problems: string[]): Record<string, unknown> | undefined {
  let config: unknown;
  try {
    config = JSON.parse(script.textContent ?? '');
  } catch (e) {
    problems.push(`The configuration${script.id ? ` "${script.id}"` : ''} is not valid JSON (${(e as Error).message}): nothing of it configured.`);
    return undefined;
  }
  if (typeOf(config) !== 'object') {
    problems.push(`The configuration must be a JSON object ({ … }), not ${typeOf(config)}: nothing of it configured.`);
    return undefined;
  }
  return config as Record<string, unknown>;
}

/**
 * Reads the element's JSON configuration and sets the properties it names (through each attribute's
 * own converter, as if the attribute were written), except those whose attribute is on the element.
 * The shared script `config="id"` names comes first, the element's own child script over it (its
 * keys win, `features` merge). Returns the feature switches. Problems go to the console and
 * `case-error`, once each.
 */
export function applyEditorConfig(host: ReactiveElement & HTMLElement, ctor: ConfigurableClass): FeatureSwitches | undefined {
  const problems: string[] = [];
  const id = host.getAttribute('config');
  const scripts: HTMLScriptElement[] = [];
  if (id) {
    const shared = (host.getRootNode() as Document | ShadowRoot).getElementById?.(id);
    if (isJsonScript(shared)) scripts.push(shared);
    else problems.push(`No <script type="application/json" id="${id}"> found: nothing configured from it.`);
  }
  const own = [...host.children].find(isJsonScript);
  if (own) scripts.push(own);
  const config: Record<string, unknown> = {};
  let featureSwitches: Record<string, unknown> | undefined;
  for (const script of scripts) {
    const read = readScript(script, problems);
    if (!read) continue;
    const { features: f, ...rest } = read;
    Object.assign(config, rest);
    if (f !== undefined) featureSwitches = typeOf(f) === 'object' && featureSwitches ? { ...featureSwitches, ...(f as object) } : (f as Record<string, unknown>);
  }
  if (featureSwitches !== undefined) config['features'] = featureSwitches;
  const report = () => reportEditorProblems(host, 'config', problems);
  const attributes = configurableAttributes(ctor);
  let features: FeatureSwitches | undefined;
  for (const [key, value] of Object.entries(config)) {
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
