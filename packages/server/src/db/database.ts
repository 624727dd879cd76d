import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Tables } from './tables.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
}

/**
 * `sqlite:<path>` (file and folder created on first start) or `postgres://…`.
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
    return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite' };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the database ends (a restart, a failover, a dropped test database, or one
    // still closing after pool.end() resolved) is an 'error' on the pool; the pool has already
    // dropped it and the next query opens a new one. Unheard, that event would crash the process.
    pool.on('error', () => {});
    return { db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  throw new Error(`database: expected "sqlite:<path>" or "postgres://…", got "${url.split(':')[0]}:…"`);
}

/** True for a unique-constraint violation on either database (the idempotency insert-first race). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
