/**
 * The two caches the server bench added: what a token signed in as (auth/signed-in-cache.ts), and
 * SQLite's kept statements (db/database.ts keepingStatements).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { expect } from 'chai';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { SignedInCache } from '../src/auth/signed-in-cache.js';
import { keepingStatements } from '../src/db/database.js';
import { call, DB_KINDS, startServer, tokenFor, type RunningServer } from './support/server.js';

describe('the signed-in cache', () => {
  it('answers until the expiry it was given, never after; forgets the oldest beyond its size', () => {
    let now = 1_000;
    const cache = new SignedInCache<string>(2, () => now);
    cache.set('a', 'A', 2_000);
    expect(cache.get('a')).to.equal('A');
    now = 1_999;
    expect(cache.get('a')).to.equal('A');
    now = 2_000;
    expect(cache.get('a'), 'at its expiry').to.equal(undefined);
    cache.set('gone', 'G', 1_500);
    expect(cache.get('gone'), 'already expired: not kept').to.equal(undefined);
    cache.set('b', 'B', 9_000);
    cache.set('c', 'C', 9_000);
    cache.get('b');
    cache.set('d', 'D', 9_000);
    expect(cache.size).to.equal(2);
    expect(cache.get('b'), 'the oldest entry went first').to.equal(undefined);
    expect([cache.get('c'), cache.get('d')]).to.deep.equal(['C', 'D']);
  });
});

for (const kind of DB_KINDS) {
  describe(`sign-in from the cache on ${kind}`, function () {
    this.timeout(30_000);
    let server: RunningServer;
    before(async () => (server = await startServer(kind)));
    after(() => server.close());

    it('a token seen before still answers as itself; the same token with another signature or other claims is checked in full', async () => {
      const token = await tokenFor({ sub: 'cache-ann', name: 'Ann', org: 'cache-acme' });
      const first = (await (await call(server, '/me', { token })).json()) as { id: string; name: string };
      const again = await call(server, '/me', { token });
      expect(again.status).to.equal(200);
      expect(await again.json()).to.deep.equal(first);

      const [head, body, sig] = token.split('.') as [string, string, string];
      const flipped = `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
      expect((await call(server, '/me', { token: `${head}.${body}.${flipped}` })).status, 'tampered signature').to.equal(401);
      // Another body under the first token's signature: a forgery of other claims.
      const otherBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), sub: 'cache-eve' })).toString('base64url');
      expect((await call(server, '/me', { token: `${head}.${otherBody}.${sig}` })).status, 'forged claims').to.equal(401);
      expect((await call(server, '/me', { token })).status, 'the real one still works').to.equal(200);
    });

    it('an expired token is refused even after it signed in from the cache', async function () {
      // Expires in 1 s; the test config allows 5 s of clock skew, so it is refused after about 6 s.
      this.timeout(20_000);
      const token = await tokenFor({ sub: 'cache-bo', name: 'Bo' }, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) + 1));
      expect((await call(server, '/me', { token })).status).to.equal(200);
      expect((await call(server, '/me', { token })).status).to.equal(200);
      await new Promise((r) => setTimeout(r, 7_500));
      expect((await call(server, '/me', { token })).status).to.equal(401);
    });
  });
}

describe("SQLite's kept statements", () => {
  it('runs a kept statement again with new parameters and sees new rows; a statement still streaming gets a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-stmts-'));
    const raw = new SQLite(join(dir, 'db.sqlite'));
    const db = new Kysely<{ t: { id: number; v: string } }>({ dialect: new SqliteDialect({ database: keepingStatements(raw, 2) }) });
    try {
      await sql`create table t (id integer primary key, v text)`.execute(db);
      for (let i = 1; i <= 5; i++) await db.insertInto('t').values({ id: i, v: `v${i}` }).execute();
      const byId = (id: number) => db.selectFrom('t').select('v').where('id', '=', id).executeTakeFirst();
      expect((await byId(2))?.v).to.equal('v2');
      expect((await byId(4))?.v).to.equal('v4');
      await db.insertInto('t').values({ id: 6, v: 'v6' }).execute();
      expect((await byId(6))?.v).to.equal('v6');
      // A statement still being iterated cannot run again: the same SQL meanwhile gets a fresh one.
      // (Kysely holds SQLite's one connection while it streams, so this is the wrapper alone.)
      const kept = keepingStatements(raw, 2);
      const text = 'select v from t order by id';
      const outer = kept.prepare(text);
      const seen: string[] = [];
      for (const row of outer.iterate([]) as IterableIterator<{ v: string }>) {
        seen.push(row.v);
        if (row.v === 'v2') {
          const inner = kept.prepare(text);
          expect(inner).to.not.equal(outer);
          expect(inner.all([]).length).to.equal(6);
        }
      }
      expect(seen).to.deep.equal(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
      expect(kept.prepare(text), 'once the iteration ended, the kept one again').to.equal(outer);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
