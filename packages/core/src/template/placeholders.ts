/**
 * Placeholder syntax of editor templates, parsed once at compile time (never per render):
 *
 *   {{ path }}   {{ path | filter }}   {{ path | filter:arg }}   {{ path | f1 | default:n/a }}
 *
 * A path is dotted property names (`status.label`, `fields.contract_id`). Filters run left to
 * right; the argument is everything after the first ":" (trimmed), so it can hold spaces and
 * colons but not "|". Nothing here is evaluated: a placeholder names data, it is not code.
 */

/** One `{{…}}` as written, split into its parts. `path` is null when the syntax is malformed. */
export interface Placeholder {
  /** The expression between the braces, trimmed: what problem messages quote. */
  readonly expression: string;
  readonly path: string | null;
  readonly filters: readonly { readonly name: string; readonly arg: string | undefined }[];
}

/** Text split into literal strings and placeholders, in order. */
export type Segments = readonly (string | Placeholder)[];

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;
const PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const FILTER_NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Segments that could reach an object's prototype chain or its constructor. Lookups use own
 * properties only anyway; naming them as unknown tells the editor instead of rendering blank.
 */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Splits text into literals and placeholders; an unclosed `{{` stays literal text. */
export function parseSegments(text: string): Segments {
  const out: (string | Placeholder)[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(parsePlaceholder(m[1]!));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function parsePlaceholder(inner: string): Placeholder {
  const expression = inner.trim();
  const [head = '', ...rest] = expression.split('|');
  const path = head.trim();
  const filters = rest.map((f) => {
    const colon = f.indexOf(':');
    return colon < 0
      ? { name: f.trim(), arg: undefined }
      : { name: f.slice(0, colon).trim(), arg: f.slice(colon + 1).trim() };
  });
  const wellFormed = isSafePath(path) && filters.every((f) => FILTER_NAME.test(f.name));
  return { expression, path: wellFormed ? path : null, filters: wellFormed ? filters : [] };
}

/** A syntactically valid path that does not name a prototype or constructor. */
export function isSafePath(path: string): boolean {
  return PATH.test(path) && !path.split('.').some((s) => FORBIDDEN_SEGMENTS.has(s));
}

/**
 * Reads a path through own properties only: inherited properties (`toString`, `__proto__`) are
 * never reached, whatever the data or the template holds.
 */
export function lookup(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
