import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Statements worth keeping planned: queries and writes (not DDL, not transaction control). */
const PLANNED = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * A pool for Kysely whose queries run as named prepared statements, one name per SQL text (the
 * server's queries come in a few dozen shapes, QueryShapes). Kysely sends every query unnamed, so
 * PostgreSQL parsed and planned each one again: under the bench's 50 connections, parse and bind
 * (planning) took two thirds of the database's time per statement (0.07 + 0.15 of 0.34 ms). Named,
 * each connection parses a shape once and reuses the plan; a customer's first page at 1M cases
 * went from 1,462–1,774 to 2,762–2,852 answers/s (README "Bench").
 *
 * At most `max` texts get a name (the rest run unnamed), so a connection's prepared statements stay
 * bounded. A statement whose result columns changed under it (another process migrated the schema:
 * PostgreSQL's "cached plan must not change result type", 0A000) runs again unnamed, and its
 * connection is closed when released, so the pool opens a fresh one without stale statements.
 */
export function namingStatements(pool: pg.Pool, max = 200): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name === undefined && names.size < max && PLANNED.test(sql)) names.set(sql, (name = `cp_${names.size}`));
    return name;
  };
  // One wrapper per connection: Kysely keeps its own state per client object.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let stale = false;
    const query = async (sql: string, parameters: ReadonlyArray<unknown>) => {
      const values = parameters as unknown[];
      const name = nameOf(sql);
      if (!name) return client.query(sql, values);
      try {
        return await client.query({ name, text: sql, values });
      } catch (e) {
        if ((e as { code?: string }).code !== '0A000') throw e;
        stale = true;
        return client.query(sql, values);
      }
    };
    return {
      // Cursors (streamed queries) pass through as they are.
      query: ((sql: unknown, parameters?: ReadonlyArray<unknown>) =>
        typeof sql === 'string' ? query(sql, parameters ?? []) : client.query(sql as never)) as unknown as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy || stale),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}
