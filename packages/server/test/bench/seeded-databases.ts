/**
 * Databases seeded with `seed --cases N`, kept between bench runs so a second run does not seed a
 * million cases again (about two minutes on SQLite, three on PostgreSQL here).
 *
 * Keyed by N, the bulk seed's source and the migration list. A changed seed seeds anew; a database
 * seeded under an earlier migration list that the current one extends is brought forward with
 * `migrate` and ANALYZE (what an operator's upgrade does; the same tables and indexes as seeding
 * after every migration), anything else seeds anew. Databases of the same N from another seed are removed.
 * - SQLite: `.scratch/bench-db/sqlite-<N>-<seed key>-<migrations key>/cases.db` in the repository
 *   (git-ignored); a `seeded.json` beside it, written only once the seed finished (a run killed
 *   mid-seed seeds again), holds the migration list. A list that extends a cached folder's copies
 *   its file and migrates the copy, as for PostgreSQL below.
 * - PostgreSQL: a database of its own, `cp_bench_<N>_<seed key>_<migrations key>`, created through
 *   the admin URL (CASE_PORTAL_TEST_PG); its comment, set only once the seed finished, holds the
 *   migration list. Several worktrees share the server: one whose migration list extends a cached
 *   database's copies it (CREATE DATABASE … TEMPLATE) and migrates the copy, leaving the original
 *   to those still on the shorter list.
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
    // One folder per seed and migration list, as PostgreSQL's databases: a checkout on a shorter
    // list (an A/B of two commits) otherwise found the longer list's marker and seeded the shared
    // file all over again, under the other's feet.
    const seedPrefix = `sqlite-${cases}-${key}`;
    const name = `${seedPrefix}-${migrationsKey()}`;
    const dir = join(SQLITE_CACHE, name);
    const file = join(dir, 'cases.db');
    const markerFile = join(dir, 'seeded.json');
    const url = `sqlite:${file}`;
    const markerIn = (folder: string) => {
      const f = join(SQLITE_CACHE, folder, 'seeded.json');
      return parseMarker(existsSync(f) ? readFileSync(f, 'utf8') : null);
    };
    mkdirSync(SQLITE_CACHE, { recursive: true });
    // Another seed's folders go (a changed seed seeds anew); other migration lists of this seed stay.
    const folders = readdirSync(SQLITE_CACHE).filter((f) => f.startsWith(`sqlite-${cases}-`));
    for (const old of folders) if (!old.startsWith(seedPrefix)) rmSync(join(SQLITE_CACHE, old), { recursive: true, force: true });
    if (compare(markerIn(name), cases) === 'same') return { url, how: 'cached', seconds: seconds() };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // The folder of this seed furthest along a migration list the current one extends: copied
    // (with its WAL, should a process still hold it), then migrated forward.
    const behind = folders
      .filter((f) => f !== name && f.startsWith(seedPrefix) && compare(markerIn(f), cases) !== 'other')
      .sort((a, b) => markerIn(b)!.migrations.length - markerIn(a)!.migrations.length)[0];
    if (behind) {
      log(`bench: migrating a copy of the cached SQLite database of ${cases.toLocaleString('en')} cases (${behind} → ${name}) forward…`);
      for (const suffix of ['', '-wal']) {
        const from = join(SQLITE_CACHE, behind, `cases.db${suffix}`);
        if (existsSync(from)) copyFileSync(from, `${file}${suffix}`);
      }
      await migrateForward(kind, url, log);
    } else {
      log(`bench: seeding ${cases.toLocaleString('en')} cases on SQLite (cached in ${dir})…`);
      await seedInto(kind, url, cases, log);
    }
    // The marker is written only now: a run killed meanwhile finds none and starts over.
    writeFileSync(markerFile, JSON.stringify(marker(), null, 2));
    return { url, how: behind ? 'migrated' : 'seeded', seconds: seconds() };
  }
  // One database per seed and migration list: worktrees (or branches) with different migration
  // lists share the PostgreSQL server, and migrating a shared database forward in place would make
  // the others seed it all over again (then this one, and so on).
  const name = `cp_bench_${cases}_${key}_${migrationsKey()}`;
  const url = pgUrl(name);
  const found = await withAdmin(async (c) => {
    // By prefix in code, not LIKE: its "_" matches any character, so the 10k run's pattern also took
    // the 1M databases (cp_bench_10000_% matches cp_bench_1000000_…) and dropped them as another
    // seed's: every bench run seeded its 1M database again.
    const all = await c.query<{ datname: string; note: string | null }>(`select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname like 'cp_bench_%'`);
    const r = { rows: all.rows.filter((row) => row.datname.startsWith(`cp_bench_${cases}_`)) };
    // Another seed's databases go (a changed seed seeds anew); other migration lists of this seed stay.
    for (const row of r.rows) if (!row.datname.startsWith(`cp_bench_${cases}_${key}`)) await dropPg(c, row.datname);
    const mine = r.rows.find((row) => row.datname === name);
    if (mine && compare(parseMarker(mine.note), cases) === 'same') return { state: 'same' as const };
    if (mine) await dropPg(c, name);
    // The database of this seed furthest along a migration list the current one extends (or equals,
    // under another name): copied, then migrated forward.
    const behind = r.rows
      .filter((row) => row.datname !== name && row.datname.startsWith(`cp_bench_${cases}_${key}`) && compare(parseMarker(row.note), cases) !== 'other')
      .sort((a, b) => parseMarker(b.note)!.migrations.length - parseMarker(a.note)!.migrations.length)[0];
    if (behind && (await copyDatabase(c, behind.datname, name))) return { state: 'behind' as const, from: behind.datname };
    await c.query(`create database "${name}"`);
    return { state: 'other' as const };
  });
  if (found.state === 'same') return { url, how: 'cached', seconds: seconds() };
  if (found.state === 'behind') {
    log(`bench: migrating a copy of the PostgreSQL database of ${cases.toLocaleString('en')} cases (${found.from} → ${name}) forward…`);
    await migrateForward(kind, url, log);
  } else {
    log(`bench: seeding ${cases.toLocaleString('en')} cases on PostgreSQL (cached as database ${name})…`);
    await seedInto(kind, url, cases, log);
  }
  // The marker is set only now: a run killed meanwhile finds none and starts over.
  await withAdmin((c) => c.query(`comment on database "${name}" is '${JSON.stringify(marker()).replace(/'/g, "''")}'`));
  return { url, how: found.state === 'behind' ? 'migrated' : 'seeded', seconds: seconds() };
}

/** A short hash of the migration list, for the PostgreSQL database's and the SQLite folder's name. */
function migrationsKey(): string {
  return createHash('sha256').update(migrationNames().join('\n')).digest('hex').slice(0, 8);
}

/**
 * `create database <to> template <from>` (a file copy, not the WAL). PostgreSQL refuses while anyone
 * is connected to the template (another worktree's bench): tried for a minute, then false.
 */
async function copyDatabase(c: pg.Client, from: string, to: string): Promise<boolean> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      await c.query(`create database "${to}" template "${from}" strategy = file_copy`);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006') throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return false;
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
