import { expect } from 'chai';
import pg from 'pg';
import { spawnServer, type ChildServer } from './support/child-server.js';
import { call, freshDatabaseUrl, tokenFor, type Person } from './support/server.js';
import { SseReader } from './support/sse.js';

const alex: Person = { sub: 'proc-alex', name: 'Alex Morgan', org: 'acme' };
const dana: Person = { sub: 'proc-dana', name: 'Dana Supervisor', org: 'acme', role: 'supervisor' };

/** How many LISTEN connections the event hubs hold on the database. */
async function listeners(admin: pg.Client, database: string): Promise<number> {
  const r = await admin.query<{ n: string }>("select count(*) as n from pg_stat_activity where application_name = 'case-portal-events' and datname = $1", [database]);
  return Number(r.rows[0]!.n);
}

describe('two server processes on one PostgreSQL', function () {
  this.timeout(90_000);
  let db: { url: string; drop(): Promise<void> };
  let a: ChildServer;
  let b: ChildServer;
  let admin: pg.Client;
  const readers: SseReader[] = [];
  let n = 0;
  const post = async (server: ChildServer, path: string, body: unknown, token: string) => {
    const res = await call(server, path, { method: 'POST', token, body: JSON.stringify(body), headers: { 'idempotency-key': `proc-${n++}` } });
    expect(res.status).to.be.oneOf([200, 201]);
    return res.json();
  };

  before(async () => {
    db = await freshDatabaseUrl('postgres');
    // One after the other: the first migrates the fresh database.
    a = await spawnServer(db.url);
    b = await spawnServer(db.url);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterEach(() => {
    for (const r of readers.splice(0)) r.close();
  });
  after(async () => {
    await admin?.end();
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('a message posted through one process reaches a stream opened on the other, and its supervisor there', async () => {
    const [token, supToken] = [await tokenFor(alex), await tokenFor(dana)];
    const c = await post(a, '/cases', { subject: 'Two processes', description: 'A', fields: { product: 'router-x200' } }, token);
    const mine = await SseReader.open(b, { token });
    const sup = await SseReader.open(b, { token: supToken });
    readers.push(mine, sup);
    for (const r of [mine, sup]) await r.until((x) => x.events.some((e) => e.event === 'ready'), 'ready on B');
    const m = await post(a, `/cases/${c.id}/messages`, { body: 'Posted on A' }, token);
    for (const r of [mine, sup]) await r.until((x) => x.find('message-added', (d) => (d.message as { id: string }).id === m.id).length === 1, 'the message on B');
    // And the other way round, with ids from the one log.
    const onA = await SseReader.open(a, { token, lastEventId: mine.events[0]!.id });
    readers.push(onA);
    const m2 = await post(b, `/cases/${c.id}/messages`, { body: 'Posted on B' }, token);
    await onA.until((x) => x.find('message-added').length === 2, 'both messages on A');
    await mine.until((x) => x.find('message-added').length === 2, 'both messages on B');
    expect(onA.changes.map((e) => e.id)).to.deep.equal(mine.changes.map((e) => e.id));
    expect(JSON.parse(onA.find('message-added')[1]!.data).message.id).to.equal(m2.id);
  });

  it('a process whose database connections are all cut keeps serving, and its LISTEN reconnects and catches up from the log', async () => {
    const token = await tokenFor(alex);
    const c = await post(a, '/cases', { subject: 'Cut connection', description: 'B', fields: { product: 'router-x200' } }, token);
    const onB = await SseReader.open(b, { token });
    readers.push(onB);
    await onB.until((x) => x.events.some((e) => e.event === 'ready'), 'ready on B');
    const name = new URL(db.url).pathname.slice(1);
    expect(await listeners(admin, name)).to.equal(2);
    // Every connection of both processes: pooled ones (idle, which used to crash a process) and LISTEN.
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    // Posted while B is not listening: its NOTIFY reaches nobody on B; the catch-up after the reconnect must find it.
    // (A's first try may meet a pooled connection that is not yet known dead: a 500, retried at once.)
    let res: Response | null = null;
    for (let i = 0; i < 5 && res?.status !== 201; i++) {
      res = await call(a, `/cases/${c.id}/messages`, { method: 'POST', token, body: JSON.stringify({ body: 'While B was away' }), headers: { 'idempotency-key': `proc-away-${i}` } });
    }
    expect(res!.status).to.equal(201);
    const m = await res!.json();
    try {
      await onB.until((x) => x.find('message-added', (d) => (d.message as { id: string }).id === m.id).length === 1, 'the message on B after its reconnect', 30_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}\nB said:\n${b.output()}\nA said:\n${a.output()}`);
    }
    const deadline = Date.now() + 10_000;
    while ((await listeners(admin, name)) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await listeners(admin, name)).to.equal(2);
  });
});
