import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_CASE_COUNT, DEFAULT_SEED, demoSchema, generateCases, seedThread } from '@case-portal/adapter-memory';
import { expect } from 'chai';
import { openDatabase } from '../src/db/database.js';
import { AUDIENCE, DB_KINDS, freshDatabaseUrl, ISSUER, KID, SECRET, tokenFor } from './support/server.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// The child runs the TypeScript source like mocha does: tsx as a loader, the `source` export condition.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function start(args: string[], cwd: string): ChildProcess & { out: () => string } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, CLI, ...args], { cwd, env: { ...process.env, LOG_LEVEL: 'info' } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return Object.assign(child, { out: () => out });
}

/** Runs a command to its end; one that hangs is killed and fails with what it printed, so the cause shows. */
async function cli(args: string[], cwd: string, limitMs = 90_000): Promise<{ code: number | null; out: string }> {
  const child = start(args, cwd);
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, limitMs);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  if (hung) throw new Error(`case-portal-server ${args.join(' ')} did not finish in ${limitMs} ms; it printed:\n${child.out()}`);
  return { code, out: child.out() };
}

/** The demo's expected numbers, from the same generator the seed uses (thread lengths do not depend on the date). */
function demoCounts() {
  const ctx = { seed: DEFAULT_SEED, caseCount: DEFAULT_CASE_COUNT, seededAt: Date.parse('2026-01-01T00:00:00Z'), schema: demoSchema };
  const cases = generateCases(ctx);
  const threads = cases.map((c, i) => seedThread(ctx, i, c));
  return { cases: cases.length, messages: threads.flat().length, internal: threads.flat().filter((m) => !m.public).length, rated: cases.filter((c) => c.feedback).length };
}

describe('the CLI: usage and config errors', function () {
  this.timeout(90_000); // several tsx child processes per test; each took up to 11 s at load 11
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'case-cli-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints usage and exits 2 for a missing or unknown command or option; --help exits 0', async () => {
    for (const args of [[], ['frobnicate'], ['serve', '--port', '80'], ['migrate', '--cases', '5'], ['seed', '--cases', '-3']]) {
      const r = await cli(args, dir);
      expect(r.code, args.join(' ')).to.equal(2);
      expect(r.out, args.join(' ')).to.contain('Usage: case-portal-server <command>');
    }
    const help = await cli(['--help'], dir);
    expect(help.code).to.equal(0);
    expect(help.out).to.contain('seed --cases <N>');
  });

  it('names the bad key of a config file and exits 2', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'databse: sqlite:x.db\nportal:\n  statuses:\n    - { id: new, label: New, category: nwe }\n');
    const r = await cli(['migrate', '--config', file], dir);
    expect(r.code).to.equal(2);
    expect(r.out).to.contain('databse: unknown key');
    const missing = await cli(['migrate', '--config', join(dir, 'nope.yaml')], dir);
    expect(missing.code).to.equal(2);
    expect(missing.out).to.contain('nope.yaml');
  });
});

for (const kind of DB_KINDS) {
  describe(`the CLI on ${kind}: migrate, seed, serve`, function () {
    this.timeout(120_000);
    let dir: string;
    let db: { url: string; drop(): Promise<void> };
    let config: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'case-cli-'));
      db = await freshDatabaseUrl(kind);
      config = join(dir, 'portal.yaml');
      writeFileSync(
        config,
        [
          `database: ${JSON.stringify(db.url)}`,
          'listen: { host: 127.0.0.1, port: 0 }',
          'auth:',
          `  issuer: ${ISSUER}`,
          `  audience: ${AUDIENCE}`,
          `  hsKeys: [{ kid: ${KID}, secret: env:CLI_TEST_SECRET }]`,
        ].join('\n'),
      );
      process.env.CLI_TEST_SECRET = SECRET;
    });
    after(async () => {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const count = async (sql: (d: ReturnType<typeof openDatabase>) => Promise<number>) => {
      const d = openDatabase(db.url);
      try {
        return await sql(d);
      } finally {
        await d.db.destroy();
      }
    };
    const rows = (table: 'cases' | 'messages' | 'people' | 'feedback' | 'status_changes', where?: [string, string]) =>
      count(async (d) => {
        let q = d.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        if (where) q = q.where(where[0] as any, '=', where[1]);
        return Number((await q.executeTakeFirstOrThrow()).n);
      });

    it('migrate creates the schema, twice without harm', async () => {
      for (let i = 0; i < 2; i++) {
        const r = await cli(['migrate', '--config', config], dir);
        expect(r.code, r.out).to.equal(0);
      }
      expect(await rows('cases')).to.equal(0);
    });

    it('seed loads the demo: its people, cases, threads (internal notes too), ratings; again changes nothing', async () => {
      const want = demoCounts();
      const r = await cli(['seed', '--config', config], dir);
      expect(r.code, r.out).to.equal(0);
      expect(r.out).to.contain(`seeded the demo: ${want.cases} cases, ${want.messages} messages`);
      expect(await rows('cases')).to.equal(want.cases);
      expect(await rows('messages')).to.equal(want.messages);
      expect(await count(async (d) => Number((await d.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('public', '=', 0).executeTakeFirstOrThrow()).n))).to.equal(want.internal);
      expect(await rows('feedback')).to.equal(want.rated);
      expect(await rows('people')).to.equal(10);
      expect(await rows('status_changes')).to.be.greaterThan(want.cases);
      const again = await cli(['seed', '--config', config], dir);
      expect(again.code).to.equal(0);
      expect(again.out).to.contain('nothing to do');
      expect(await rows('cases')).to.equal(want.cases);
    });

    it('seed --cases N adds N cases numbered on from the sequence, one account holding its share', async () => {
      const r = await cli(['seed', '--cases', '1500', '--config', config], dir);
      expect(r.code, r.out).to.equal(0);
      expect(r.out).to.match(/seeded 1500 cases \(00100065–00101564\)/);
      expect(await rows('cases')).to.equal(DEFAULT_CASE_COUNT + 1500);
      expect(await rows('cases', ['account_id', 'a_bench_big'])).to.equal(150);
      expect(await rows('status_changes', ['case_id', 'c_seed00101564'])).to.equal(1);
    });

    it('serve answers requests (health, a demo customer, an agent), finishes an in-flight request on SIGTERM and exits 0', async () => {
      const server = start(['serve', '--config', config], dir);
      const exited = once(server, 'exit');
      let url = '';
      // Up to 30 s: a tsx child process on a loaded 2-core machine took 11 s to start.
      for (let i = 0; i < 600 && !url; i++) {
        url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.out())?.[1] ?? '';
        if (!url) await new Promise((r) => setTimeout(r, 50));
      }
      expect(url, server.out()).to.not.equal('');
      expect(await (await fetch(`${url}/health`)).json()).to.deep.equal({ status: 'ok' });
      // The demo's default customer, signed in with the subs the seed documents.
      const alex = await tokenFor({ sub: 'u-alex', name: 'Alex Morgan', email: 'alex.morgan@northwind.example', org: 'acc-northwind' });
      const list = await (await fetch(`${url}/cases?limit=200`, { headers: { authorization: `Bearer ${alex}` } })).json();
      expect(list.items.map((c: { subject: string }) => c.subject)).to.include('VPN tunnel drops every 20 minutes after firmware 4.2');
      expect(list.items.every((c: { account: { id: string } }) => c.account.id === 'acc-northwind')).to.be.true;
      const agent = await tokenFor({ sub: 'a-sam', name: 'Sam Rivera', role: 'agent' });
      const all = await (await fetch(`${url}/agent/cases?limit=1`, { headers: { authorization: `Bearer ${agent}` } })).json();
      expect(all.total).to.equal(DEFAULT_CASE_COUNT + 1500);

      // A create whose body is still arriving when SIGTERM comes: it must still be answered.
      const body = JSON.stringify({ subject: 'Sent during shutdown', description: 'x', fields: { product: 'router-x200' } });
      const { port } = new URL(url);
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/cases', headers: { authorization: `Bearer ${alex}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 300));
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      req.end(body.slice(10));
      const res = await answered;
      expect(res.status, res.text).to.equal(201);
      const [code] = await exited;
      expect(code, server.out()).to.equal(0);
      expect(server.out()).to.contain('shutting down');
      expect(await rows('cases')).to.equal(DEFAULT_CASE_COUNT + 1500 + 1);
    });
  });
}
