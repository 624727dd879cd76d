/**
 * Databases seeded with `seed --cases N`, kept between bench runs so a second run does not seed a
 * million cases again (about two minutes on SQLite, three on PostgreSQL here).
 *
 * Keyed by N, the bulk seed's source and the migration list. A changed seed seeds anew; a database
 * seeded under an earlier migration list that the current one extends is brought forward with
 * `migrate` and ANALYZE (what an operator's upgrade does; the same tables and indexes as seeding
 * after every migration), anything else seeds anew. Older databases for the same N are removed.
 * - SQLite: `.scratch/bench-db/sqlite-<N>-<seed key>/cases.db` in the repository (git-ignored); a
 *   `seeded.json` beside it, written only once the seed finished (a run killed mid-seed seeds
 *   again), holds the migration list.
 * - PostgreSQL: a database of its own, `cp_bench_<N>_<seed key>`, created through the admin URL
 *   (CASE_PORTAL_TEST_PG); its comment, set only once the seed finished, holds the migration list.
 *
 * Benches that write (replies, streams) work on a copy made per run (`copyOfSeeded`), so the cache
 * stays exactly as seeded: a file copy, or CREATE DATABASE … TEMPLATE.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { allMigrations } from '../../src/db/migrations.js';
import { PG_ADMIN_URL, type DbKind } from '../support/server.js';
import { REPO_ROOT, runCli, SERVER_ROOT } from './bench-server.js';

const SQLITE_CACHE = join(REPO_ROOT, '.scratch', 'bench-db');
const SEED_SOURCES = ['src/seed/bulk-seed.ts', 'src/seed/batch-insert.ts'];

/** What decides a seeded database's rows: the seed code (the migrations are kept in its marker). */
export function seedKey(): string {
  const h = createHash('sha256');
  for (const f of SEED_SOURCES) h.update(readFileSync(join(SERVER_ROOT, f)));
  return h.digest('hex').slice(0, 10);
}

/** What a seeded database's marker says: how many cases, under which migrations. */
interface Marker {
  cases: number;
  migrations: string[];
}

const migrationNames = () => Object.keys(allMigrations);

/** 'same' (use it), 'behind' (migrate it forward) or 'other' (seed anew). */
function compare(marker: Marker | null, cases: number): 'same' | 'behind' | 'other' {
  const now = migrationNames();
  if (!marker || marker.cases !== cases || marker.migrations.length > now.length) return 'other';
  if (marker.migrations.some((m, i) => m !== now[i])) return 'other';
  return marker.migrations.length === now.length ? 'same' : 'behind';
}

function parseMarker(text: string | null | undefined): Marker | null {
  try {
    const m = JSON.parse(text ?? '') as Marker;
    return Array.isArray(m.migrations) && typeof m.cases === 'number' ? m : null;
  } catch {
    return null;
  }
}

export interface SeededDatabase {
  url: string;
  /** How it was had: from the cache, migrated forward, or seeded in this run. */
  how: 'cached' | 'migrated' | 'seeded';
  seconds: number;
}

function pgUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drops a database, waiting for connections a closing process still holds (as support/server.ts does). */
async function dropPg(c: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await c.query(`drop database if exists "${name}"${attempt >= 40 ? ' with (force)' : ''}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt >= 40) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** `seed --cases N` (which migrates first); PostgreSQL also gets VACUUM, so index-only scans work from the first run. */
async function seedInto(kind: DbKind, url: string, cases: number, log: (line: string) => void): Promise<void> {
  await runCli(['seed', '--cases', String(cases)], url, (line) => log(`  seed: ${line.trim()}`));
  if (kind === 'postgres') await analyze(kind, url);
}

/** `migrate`, then fresh planner statistics for what it added (the seed ends with ANALYZE; PostgreSQL: VACUUM ANALYZE). */
async function migrateForward(kind: DbKind, url: string, log: (line: string) => void): Promise<void> {
  await runCli(['migrate'], url, (line) => log(`  migrate: ${line.trim()}`));
  await analyze(kind, url);
}

async function analyze(kind: DbKind, url: string): Promise<void> {
  const database = openDatabase(url);
  try {
    await sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(database.db);
  } finally {
    await database.db.destroy();
  }
}

/** A database of `kind` holding exactly what `seed --cases N` makes under the current migrations. */
export async function seededDatabase(kind: DbKind, cases: number, log: (line: string) => void): Promise<SeededDatabase> {
  const t = Date.now();
  const seconds = () => (Date.now() - t) / 1000;
  const key = seedKey();
  const marker = (): Marker => ({ cases, migrations: migrationNames() });
  if (kind === 'sqlite') {
    const dir = join(SQLITE_CACHE, `sqlite-${cases}-${key}`);
    const file = join(dir, 'cases.db');
    const markerFile = join(dir, 'seeded.json');
    const url = `sqlite:${file}`;
    mkdirSync(SQLITE_CACHE, { recursive: true });
    for (const old of readdirSync(SQLITE_CACHE)) if (old.startsWith(`sqlite-${cases}-`) && old !== `sqlite-${cases}-${key}`) rmSync(join(SQLITE_CACHE, old), { recursive: true, force: true });
    const state = compare(parseMarker(existsSync(markerFile) ? readFileSync(markerFile, 'utf8') : null), cases);
    if (state === 'same') return { url, how: 'cached', seconds: seconds() };
    rmSync(markerFile, { force: true });
    if (state === 'behind') {
      log(`bench: migrating the cached SQLite database of ${cases.toLocaleString('en')} cases forward…`);
      await migrateForward(kind, url, log);
    } else {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      log(`bench: seeding ${cases.toLocaleString('en')} cases on SQLite (cached in ${dir})…`);
      await seedInto(kind, url, cases, log);
    }
    writeFileSync(markerFile, JSON.stringify(marker(), null, 2));
    return { url, how: state === 'behind' ? 'migrated' : 'seeded', seconds: seconds() };
  }
  const name = `cp_bench_${cases}_${key}`;
  const url = pgUrl(name);
  const state = await withAdmin(async (c) => {
    const r = await c.query<{ datname: string; note: string | null }>(`select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname like $1`, [`cp_bench_${cases}_%`]);
    for (const row of r.rows) if (row.datname !== name) await dropPg(c, row.datname);
    const mine = r.rows.find((row) => row.datname === name);
    const s = mine ? compare(parseMarker(mine.note), cases) : 'other';
    if (s === 'other') {
      if (mine) await dropPg(c, name);
      await c.query(`create database "${name}"`);
    }
    // No marker while it is being changed: a run killed meanwhile starts over.
    if (s !== 'same') await c.query(`comment on database "${name}" is null`);
    return s;
  });
  if (state === 'same') return { url, how: 'cached', seconds: seconds() };
  if (state === 'behind') {
    log(`bench: migrating the cached PostgreSQL database of ${cases.toLocaleString('en')} cases (${name}) forward…`);
    await migrateForward(kind, url, log);
  } else {
    log(`bench: seeding ${cases.toLocaleString('en')} cases on PostgreSQL (cached as database ${name})…`);
    await seedInto(kind, url, cases, log);
  }
  await withAdmin((c) => c.query(`comment on database "${name}" is '${JSON.stringify(marker()).replace(/'/g, "''")}'`));
  return { url, how: state === 'behind' ? 'migrated' : 'seeded', seconds: seconds() };
}

/** A throwaway copy of a seeded database, for benches that write. */
export async function copyOfSeeded(kind: DbKind, seededUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'case-bench-copy-'));
    const file = join(dir, 'cases.db');
    // The seed closed the database cleanly: no -wal file, everything is in cases.db.
    copyFileSync(seededUrl.slice('sqlite:'.length), file);
    return { url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const source = new URL(seededUrl).pathname.slice(1);
  const name = `cp_bench_copy_${Date.now().toString(36)}_${process.pid}`;
  // FILE_COPY copies the files after a checkpoint; the default (WAL_LOG) would write the whole database to the WAL.
  await withAdmin((c) => c.query(`create database "${name}" template "${source}" strategy = file_copy`));
  return { url: pgUrl(name), drop: () => withAdmin((c) => dropPg(c, name)) };
}
