/**
 * A tiny shape checker for the config file: each check reports problems as `path: what is wrong`,
 * naming the exact key (`portal.statuses[3].category`), and never stops at the first one, so an
 * admin sees every mistake of a file at once. Unknown keys of an object are problems too: a typo
 * ("filterabel") must not be silently ignored.
 */
export type Check = (value: unknown, path: string, problems: string[]) => void;

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const str =
  (opts: { nonEmpty?: boolean; pattern?: RegExp; hint?: string } = {}): Check =>
  (v, path, problems) => {
    if (typeof v !== 'string') problems.push(`${path}: expected a string, got ${show(v)}`);
    else if (opts.nonEmpty && !v.trim()) problems.push(`${path}: may not be empty`);
    else if (opts.pattern && !opts.pattern.test(v)) problems.push(`${path}: ${show(v)} is not ${opts.hint ?? `like ${opts.pattern}`}`);
  };

export const bool = (): Check => (v, path, problems) => {
  if (typeof v !== 'boolean') problems.push(`${path}: expected true or false, got ${show(v)}`);
};

export const num =
  (opts: { min?: number; max?: number; integer?: boolean } = {}): Check =>
  (v, path, problems) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${path}: expected a number, got ${show(v)}`);
    else if (opts.integer && !Number.isInteger(v)) problems.push(`${path}: expected a whole number, got ${v}`);
    else if (opts.min !== undefined && v < opts.min) problems.push(`${path}: at least ${opts.min}, got ${v}`);
    else if (opts.max !== undefined && v > opts.max) problems.push(`${path}: at most ${opts.max}, got ${v}`);
  };

/** One of a fixed set of strings; the message lists them, so a typo is easy to fix. */
export const oneOf =
  (allowed: readonly string[], what: string): Check =>
  (v, path, problems) => {
    if (typeof v !== 'string' || !allowed.includes(v)) problems.push(`${path}: ${show(v)} is not a ${what} (one of ${allowed.join(', ')})`);
  };

export const nullable =
  (check: Check): Check =>
  (v, path, problems) => {
    if (v !== null) check(v, path, problems);
  };

export const list =
  (item: Check, opts: { nonEmpty?: boolean; uniqueBy?: (x: unknown) => unknown } = {}): Check =>
  (v, path, problems) => {
    if (!Array.isArray(v)) {
      problems.push(`${path}: expected a list, got ${show(v)}`);
      return;
    }
    if (opts.nonEmpty && v.length === 0) problems.push(`${path}: may not be empty`);
    const seen = new Set<unknown>();
    v.forEach((x, i) => {
      item(x, `${path}[${i}]`, problems);
      if (!opts.uniqueBy) return;
      const id = opts.uniqueBy(x);
      if (id !== undefined && seen.has(id)) problems.push(`${path}[${i}]: ${show(id)} appears twice`);
      seen.add(id);
    });
  };

/** An object with these keys; keys marked optional (`{ check, optional: true }`) may be absent. */
export const obj =
  (keys: Record<string, Check | { check: Check; optional: true }>): Check =>
  (v, path, problems) => {
    if (!isObject(v)) {
      problems.push(`${path}: expected an object, got ${show(v)}`);
      return;
    }
    for (const k of Object.keys(v)) {
      if (!(k in keys)) problems.push(`${path}.${k}: unknown key (known: ${Object.keys(keys).join(', ')})`);
    }
    for (const [k, spec] of Object.entries(keys)) {
      const { check, optional } = typeof spec === 'function' ? { check: spec, optional: false } : spec;
      if (!(k in v) || v[k] === undefined) {
        if (!optional) problems.push(`${path}.${k}: required`);
        continue;
      }
      check(v[k], `${path}.${k}`, problems);
    }
  };

/** An object whose keys are names the admin chooses (a language, a status id), each value checked alike. */
export const record =
  (value: Check, key?: { pattern: RegExp; hint: string }): Check =>
  (v, path, problems) => {
    if (!isObject(v)) {
      problems.push(`${path}: expected an object, got ${show(v)}`);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (key && !key.pattern.test(k)) problems.push(`${path}: ${show(k)} is not ${key.hint}`);
      value(x, `${path}.${k}`, problems);
    }
  };

export const optional = (check: Check) => ({ check, optional: true as const });
