import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { namingStatements } from './named-statements.js';
import type { Tables } from './tables.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** The URL it was opened from: the event hub opens its own LISTEN connection with it (PostgreSQL). */
  url?: string;
}

/**
 * `sqlite:<path>` (file and folder created on first start) or `postgres://…` (`?prepare=false`:
 * queries run unnamed, for a transaction-pooling proxy such as PgBouncer; named-statements.ts).
 * SQLite runs in WAL mode with synchronous=FULL so an acknowledged write survives a kill -9, with
 * foreign keys on and a busy timeout so a second process waits for the write lock instead of failing.
 */
export function openDatabase(url: string): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) }), dialect: 'sqlite', url };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { url: connectionString, prepare } = preparing(url);
    const pool = new pg.Pool({ connectionString, max: 10 });
    // An idle pooled connection that dies (a database restart, a failover, pg_terminate_backend, a
    // proxy's idle timeout) is reported here; without a listener Node would crash the process. The
    // pool has already dropped it and opens a new one for the next query.
    pool.on('error', () => {});
    // The pool stops listening while a connection is checked out (Kysely holds one across the
    // awaits of a transaction): a connection dying then must not crash the process either. Its
    // query fails, and the pool discards it when it comes back.
    pool.on('connect', (client) => client.on('error', () => {}));
    return { db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool: prepare ? namingStatements(pool) : pool }) }), dialect: 'postgres', url: connectionString };
  }
  throw new Error(`database: expected "sqlite:<path>" or "postgres://…", got "${url.split(':')[0]}:…"`);
}

/**
 * The URL without our own `prepare` parameter, and whether it allows named statements. Behind a
 * pooler in transaction mode a session's prepared statements are on whichever server connection
 * it had last: there `?prepare=false` (Prisma's `pgbouncer=true` does the same). Other URLs are left byte for byte.
 */
function preparing(url: string): { url: string; prepare: boolean } {
  if (!/[?&]prepare=/.test(url)) return { url, prepare: true };
  const parsed = new URL(url);
  const value = parsed.searchParams.get('prepare');
  if (value !== 'true' && value !== 'false') throw new Error(`database: prepare must be true or false, got "${value}"`);
  parsed.searchParams.delete('prepare');
  return { url: parsed.toString(), prepare: value === 'true' };
}

/**
 * better-sqlite3 with its prepared statements kept, the most recently used `max` of them: Kysely
 * prepares every query anew, and compiling the SQL was a quarter of SQLite's time in a customer's
 * list request (README "Bench"). The server's queries come in a few dozen shapes. A statement still
 * being iterated (a streamed query) cannot run again until it ends: that use gets a fresh one. A
 * schema change (a migration) makes SQLite recompile a kept statement by itself.
 */
export function keepingStatements(sqlite: SQLite.Database, max = 256): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const hit = kept.get(sql);
      if (hit && !hit.busy) {
        // Most recently used last: the first key is the one to drop.
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const statement = sqlite.prepare(sql);
      if (!hit) {
        kept.set(sql, statement);
        if (kept.size > max) kept.delete(kept.keys().next().value!);
      }
      return statement;
    },
  };
}

/** True for a unique-constraint violation on either database (the idempotency insert-first race). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
