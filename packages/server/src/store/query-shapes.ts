import { CompiledQuery, type Compilable } from 'kysely';

/** Starts every stand-in value: a private-use character that no escaping (JSON, LIKE, case) changes or removes. */
const MARK = '\uE000slot:';
const END = '\uE001';

/** A request's values by name: scalars, null or undefined, or lists of scalars. */
export type ShapeValues = Record<string, string | number | null | undefined | readonly (string | number)[]>;

interface Shape {
  sql: string;
  /** Per parameter: a constant of the shape, or where the request's value comes from (name, and index in a list). */
  parameters: ({ constant: unknown } | { name: string; index: number | null })[];
}

const standIn = (name: string, index: number | null) => `${MARK}${name}${index === null ? '' : `#${index}`}${END}`;

/**
 * Kysely queries built once per shape and run again with each request's values: building and
 * compiling a list's two queries with Kysely was ~0.15 ms of a list request (README "Bench"), while
 * their SQL comes in a few shapes that differ only in the values they are given.
 *
 * `compile(key, values, build)` calls `build` with stand-ins for `values` the first time a shape is
 * seen, keeps the SQL and where each stand-in landed among the parameters, and from then on fills the
 * request's values into a copy of those parameters without calling `build`. The shape's key is the
 * caller's `key` plus, for each value, whether it is null or undefined and how long a list is, so
 * what those decide (a scope arm dropped for a viewer without an account, an IN of three statuses)
 * is part of the shape by construction. `build` must use the values only as values: pass them to
 * Kysely, never decide anything from their content (what they decide belongs in `key`). A shape in
 * which a stand-in was changed on its way (quoted into JSON, lower-cased into a pattern) or
 * reached the SQL text cannot be reused: it is built with the real values every time.
 */
export class QueryShapes {
  private readonly shapes = new Map<string, Shape | 'per-request'>();

  constructor(private readonly max = 1000) {}

  compile<V extends ShapeValues>(key: string, values: V, build: (values: V) => Compilable<unknown>): CompiledQuery {
    const fullKey = `${key}|${Object.entries(values)
      .map(([name, v]) => `${name}:${v === null ? 'null' : v === undefined ? 'undef' : Array.isArray(v) ? v.length : typeof v}`)
      .join(',')}`;
    let shape = this.shapes.get(fullKey);
    if (shape === undefined) {
      shape = learn(values, build);
      this.shapes.set(fullKey, shape);
      // Shapes are few (a few dozen per portal); the bound is a guard, not a cache policy.
      if (this.shapes.size > this.max) this.shapes.delete(this.shapes.keys().next().value!);
    }
    if (shape === 'per-request') return build(values).compile();
    const parameters = shape.parameters.map((p) => {
      if ('constant' in p) return p.constant;
      const v = values[p.name];
      return p.index === null ? v : (v as readonly unknown[])[p.index];
    });
    return CompiledQuery.raw(shape.sql, parameters);
  }

  get size(): number {
    return this.shapes.size;
  }
}

function learn<V extends ShapeValues>(values: V, build: (values: V) => Compilable<unknown>): Shape | 'per-request' {
  const where = new Map<string, { name: string; index: number | null }>();
  const standIns = Object.fromEntries(
    Object.entries(values).map(([name, v]) => {
      if (v === null || v === undefined) return [name, v];
      if (Array.isArray(v)) {
        return [
          name,
          v.map((_, i) => {
            where.set(standIn(name, i), { name, index: i });
            return standIn(name, i);
          }),
        ];
      }
      where.set(standIn(name, null), { name, index: null });
      return [name, standIn(name, null)];
    }),
  ) as V;
  const compiled = build(standIns).compile();
  if (compiled.sql.includes(MARK)) return 'per-request';
  const parameters: Shape['parameters'] = [];
  for (const p of compiled.parameters) {
    const slot = typeof p === 'string' ? where.get(p) : undefined;
    if (slot) parameters.push(slot);
    else if ((typeof p === 'string' ? p : JSON.stringify(p) ?? '').includes(MARK)) return 'per-request';
    else parameters.push({ constant: p });
  }
  return { sql: compiled.sql, parameters };
}
