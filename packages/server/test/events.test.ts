import { connect } from 'node:net';
import { expect } from 'chai';
import { openDatabase, type Database } from '../src/index.js';
import { openEventHub, type SqlEventHub } from '../src/events/sql-event-hub.js';
import { call, DB_KINDS, startServer, tokenFor, type Person, type RunningServer } from './support/server.js';
import { SseReader } from './support/sse.js';

const alex: Person = { sub: 'ev-alex', name: 'Alex Morgan', org: 'acme' };
const sam: Person = { sub: 'ev-sam', name: 'Sam Reyes', org: 'acme' };
const blair: Person = { sub: 'ev-blair', name: 'Blair Chen', org: 'globex' };
const dana: Person = { sub: 'ev-dana', name: 'Dana Supervisor', org: 'acme', role: 'supervisor' };
const agent: Person = { sub: 'ev-agent', name: 'Ari Agent', role: 'agent' };

const newCase = { subject: 'Router keeps rebooting', description: 'Every night.', fields: { product: 'router-x200' } };

interface CaseJson {
  id: string;
  version: number;
}

interface EventJson {
  type: string;
  caseId: string;
  message?: { id: string; body: string; public: boolean };
}

const data = (e: { data: string }) => JSON.parse(e.data) as EventJson;

for (const kind of DB_KINDS) {
  describe(`live events on ${kind}`, function () {
    this.timeout(30_000);
    let server: RunningServer;
    const tokens: Record<string, string> = {};
    const readers: SseReader[] = [];
    let n = 0;

    const post = async (path: string, body: unknown, token: string) => {
      const res = await call(server, path, { method: 'POST', token, body: JSON.stringify(body), headers: { 'idempotency-key': `ev-${kind}-${n++}` } });
      expect(res.status, `${path}: ${res.status}`).to.be.oneOf([200, 201]);
      return res.json();
    };
    const open = async (who: string, init: { lastEventId?: string; path?: string } = {}) => {
      const r = await SseReader.open(server, { token: tokens[who], ...init });
      readers.push(r);
      expect(r.response.status).to.equal(200);
      await r.until((x) => x.events.some((e) => e.event === 'ready'), `${who}'s ready`);
      return r;
    };
    const poll = async (who: string, query: string, headers: Record<string, string> = {}) => call(server, `/events${query}`, { token: tokens[who], headers });

    before(async () => {
      server = await startServer(kind, {}, { events: { heartbeatMs: 300 } });
      for (const [name, p] of Object.entries({ alex, sam, blair, dana, agent })) tokens[name] = await tokenFor(p);
    });
    afterEach(() => {
      for (const r of readers.splice(0)) r.close();
    });
    after(() => server.close());

    it('answers the stream as text/event-stream, starts with ready and its cursor, and sends heartbeats', async () => {
      const r = await open('alex');
      expect(r.response.headers.get('content-type')).to.match(/^text\/event-stream/);
      expect(r.response.headers.get('cache-control')).to.include('no-cache');
      const ready = r.events[0]!;
      expect(ready.event).to.equal('ready');
      expect(ready.id).to.match(/^\d+$/);
      expect(JSON.parse(ready.data).cursor).to.equal(ready.id);
      await r.until((x) => x.comments.includes('keep-alive'), 'a heartbeat comment', 3_000);
    });

    it('refuses a stream without a valid token (401) and a Last-Event-ID that is no event id (400)', async () => {
      expect((await fetch(`${server.url}/events/stream`)).status).to.equal(401);
      const bad = await fetch(`${server.url}/events/stream`, { headers: { authorization: `Bearer ${tokens.alex}`, 'last-event-id': 'abc' } });
      expect(bad.status).to.equal(400);
      expect((await bad.json()).error.code).to.equal('validation');
      expect((await poll('alex', '?since=-1')).status).to.equal(400);
    });

    it("a message reaches its author and the account's supervisor, never another customer", async () => {
      const c: CaseJson = await post('/cases', newCase, tokens.alex!);
      const [mine, sup, other, colleague] = await Promise.all([open('alex'), open('dana'), open('blair'), open('sam')]);
      const m = await post(`/cases/${c.id}/messages`, { body: 'Still rebooting.' }, tokens.alex!);
      const hasIt = (r: SseReader) => r.find('message-added', (d) => (d.message as { id: string }).id === m.id).length === 1;
      await mine.until(hasIt, "alex's message on alex's stream");
      await sup.until(hasIt, "alex's message on the supervisor's stream");
      expect(sup.find('case-changed', (d) => d.caseId === c.id)).to.have.length(1);
      // Streams deliver in id order: once each of the others has its own later event, alex's would have come before it.
      const blairCase: CaseJson = await post('/cases', newCase, tokens.blair!);
      const samCase: CaseJson = await post('/cases', newCase, tokens.sam!);
      await other.until((r) => r.find('case-changed', (d) => d.caseId === blairCase.id).length > 0, "blair's own event");
      await colleague.until((r) => r.find('case-changed', (d) => d.caseId === samCase.id).length > 0, "sam's own event");
      for (const r of [other, colleague]) {
        expect(r.changes.map((e) => data(e).caseId)).to.not.include(c.id);
        expect(r.events.map((e) => e.data).join('\n')).to.not.include('Still rebooting.');
      }
      // The supervisor sees Sam's case (same account), not Blair's.
      await sup.until((r) => r.find('case-changed', (d) => d.caseId === samCase.id).length > 0, "sam's case on the supervisor's stream");
      expect(sup.changes.map((e) => data(e).caseId)).to.not.include(blairCase.id);
    });

    it('a message with a file reaches each stream with a download link signed for that viewer', async () => {
      const c: CaseJson = await post('/cases', newCase, tokens.alex!);
      const [mine, sup] = await Promise.all([open('alex'), open('dana')]);
      const form = new FormData();
      form.append('file', new Blob(['kernel panic at 02:00\n'], { type: 'text/plain' }), 'panic.log');
      const up = await fetch(`${server.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.alex}`, 'idempotency-key': `ev-up-${kind}` } });
      expect(up.status).to.equal(201);
      const file = (await up.json()) as { id: string };
      const m = await post(`/cases/${c.id}/messages`, { body: 'Log attached.', attachmentIds: [file.id] }, tokens.alex!);
      const linkOn = (r: SseReader) => {
        const e = r.find('message-added', (d) => (d.message as { id: string }).id === m.id)[0];
        return e ? (JSON.parse(e.data) as { message: { attachments: { url: string }[] } }).message.attachments[0]!.url : null;
      };
      await mine.until((r) => linkOn(r) !== null, "the message on alex's stream");
      await sup.until((r) => linkOn(r) !== null, "the message on the supervisor's stream");
      const [forAlex, forDana] = [linkOn(mine)!, linkOn(sup)!];
      expect(forAlex).to.match(/^attachments\/[\w-]+\/content\?.*sig=/);
      expect(forAlex, 'one link per viewer').to.not.equal(forDana);
      for (const url of [forAlex, forDana]) {
        const res = await fetch(`${server.url}/${url}`);
        expect(res.status).to.equal(200);
        expect(await res.text()).to.equal('kernel panic at 02:00\n');
      }
    });

    describe('internal notes', () => {
      let database: Database;
      let foreign: SqlEventHub;
      before(async () => {
        // Another writer on the same database (on PostgreSQL, as another process would be): the agent side is not in this task's API.
        database = openDatabase(server.databaseUrl!);
        foreign = await openEventHub(database);
      });
      after(async () => {
        await foreign.close();
        await database.db.destroy();
      });

      it('reach agents, never a customer or supervisor, live or by polling', async () => {
        const c: CaseJson = await post('/cases', newCase, tokens.alex!);
        const me = await (await call(server, '/me', { token: tokens.alex })).json();
        const cursor = (await (await poll('alex', '')).json()).cursor as string;
        const [mine, sup, desk] = await Promise.all([open('alex'), open('dana'), open('agent')]);
        const note = { id: 'm_internal_1', caseId: c.id, kind: 'comment', body: 'Customer is on the old firmware (internal).', author: { id: 'agent-1', name: 'Ari', role: 'agent' }, channel: 'web', createdAt: new Date().toISOString(), attachments: [], public: false };
        await database.db.transaction().execute(async (trx) => {
          await foreign.record(trx, [
            { tenant: 'default', caseId: c.id, audience: { requesterId: me.id, accountId: me.account.id, contactIds: [] }, event: { type: 'message-added', caseId: c.id, message: note as never }, internal: true },
          ]);
        });
        const m = await post(`/cases/${c.id}/messages`, { body: 'Any news?' }, tokens.alex!);
        const hasPublic = (r: SseReader) => r.find('message-added', (d) => (d.message as { id: string }).id === m.id).length === 1;
        await desk.until((r) => hasPublic(r) && r.find('message-added', (d) => (d.message as { id: string }).id === note.id).length === 1, 'the note and the reply on the agent stream');
        await mine.until(hasPublic, "the reply on alex's stream");
        await sup.until(hasPublic, "the reply on the supervisor's stream");
        for (const r of [mine, sup]) expect(r.events.map((e) => e.data).join('\n')).to.not.include('internal');
        const polled = await (await poll('alex', `?since=${cursor}`)).json();
        expect(JSON.stringify(polled.events)).to.not.include('internal');
        expect(polled.events.map((e: EventJson) => e.message?.id).filter(Boolean)).to.deep.equal([m.id]);
        const agentPolled = await (await poll('agent', `?since=${cursor}`)).json();
        expect(agentPolled.events.map((e: EventJson) => e.message?.id).filter(Boolean)).to.deep.equal([note.id, m.id]);
        // A replay filters the same way.
        const replay = await open('alex', { lastEventId: cursor });
        await replay.until(hasPublic, 'the reply in the replay');
        expect(replay.events.map((e) => e.data).join('\n')).to.not.include('internal');
      });
    });

    it('replays what was missed after Last-Event-ID, in order, and nothing twice', async () => {
      const c: CaseJson = await post('/cases', newCase, tokens.alex!);
      const first = await open('alex');
      const from = first.lastEventId;
      first.close();
      const a = await post(`/cases/${c.id}/messages`, { body: 'one' }, tokens.alex!);
      const b = await post(`/cases/${c.id}/messages`, { body: 'two' }, tokens.alex!);
      const again = await open('alex', { lastEventId: from });
      await again.until((r) => r.changes.length >= 4, 'four replayed events');
      const got = again.changes.map((e) => [e.event, data(e).message?.id ?? null]);
      expect(got).to.deep.equal([
        ['message-added', a.id],
        ['case-changed', null],
        ['message-added', b.id],
        ['case-changed', null],
      ]);
      const ids = again.changes.map((e) => Number(e.id));
      expect(ids).to.deep.equal([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).to.equal(4);
      // Caught up: a reconnect with the newest id replays nothing, and the live tail still works.
      const tail = await open('alex', { lastEventId: again.lastEventId });
      const cNew = await post(`/cases/${c.id}/messages`, { body: 'three' }, tokens.alex!);
      await tail.until((r) => r.find('message-added').length === 1, 'the live message');
      expect(data(tail.changes[0]!).message!.id).to.equal(cNew.id);
    });

    it('polling /events answers what the stream sent, with the cursor as ETag, 304 while quiet and caseId narrowing', async () => {
      const start = await poll('alex', '');
      expect(start.status).to.equal(200);
      const { events: none, cursor } = await start.json();
      expect(none).to.deep.equal([]);
      expect(start.headers.get('etag')).to.equal(`"${cursor}"`);
      const live = await open('alex');
      const c1: CaseJson = await post('/cases', newCase, tokens.alex!);
      const c2: CaseJson = await post('/cases', { ...newCase, subject: 'Second' }, tokens.alex!);
      await post(`/cases/${c1.id}/messages`, { body: 'on the first' }, tokens.alex!);
      await post(`/cases/${c2.id}/transitions`, { action: 'cancel' }, tokens.alex!);
      await live.until((r) => r.changes.length >= 6, 'six events on the stream');
      const page = await poll('alex', `?since=${cursor}`);
      const body = await page.json();
      expect(body.events).to.deep.equal(live.changes.map((e) => JSON.parse(e.data)));
      expect(body.cursor).to.equal(live.lastEventId);
      const tag = page.headers.get('etag')!;
      expect(tag).to.equal(`"${body.cursor}"`);
      expect((await poll('alex', `?since=${body.cursor}`, { 'if-none-match': tag })).status).to.equal(304);
      const narrowed = await (await poll('alex', `?since=${cursor}&caseId=${c1.id}`)).json();
      expect(narrowed.events.map((e: EventJson) => e.caseId)).to.deep.equal(body.events.filter((e: EventJson) => e.caseId === c1.id).map(() => c1.id));
      expect(narrowed.events.length).to.be.greaterThan(0);
      // Someone else's case is a 404, for polling and streams alike.
      expect((await poll('blair', `?since=${cursor}&caseId=${c1.id}`)).status).to.equal(404);
      expect((await SseReader.open(server, { token: tokens.blair, path: `/events/stream?caseId=${c1.id}` })).response.status).to.equal(404);
      const ofC2 = body.events.filter((e: EventJson) => e.caseId === c2.id);
      expect(ofC2.length).to.equal(3);
      const one = await open('alex', { path: `/events/stream?caseId=${c2.id}`, lastEventId: cursor });
      await one.until((r) => r.changes.length >= 3, "c2's events");
      expect(one.changes.map((e) => JSON.parse(e.data))).to.deep.equal(ofC2);
    });

    it('ends the stream when the token expires, so the client comes back with a fresh one', async () => {
      const exp = Math.floor(Date.now() / 1000) + 2;
      const short = await tokenFor(alex, (j) => j.setExpirationTime(exp));
      const r = await SseReader.open(server, { token: short });
      readers.push(r);
      expect(r.response.status).to.equal(200);
      expect(await r.ended).to.equal('end');
      expect(r.endedAt!).to.be.within(exp * 1000 - 50, exp * 1000 + 1_500);
      expect(r.comments).to.include('token expired');
    });

    it('20 concurrent writers make a gap-free id sequence that every reader sees in order', async () => {
      const writers = await Promise.all(Array.from({ length: 20 }, (_, i) => tokenFor({ sub: `ev-writer-${i}`, name: `Writer ${i}`, org: `org-${i % 3}` })));
      const cases: CaseJson[] = await Promise.all(writers.map((t) => post('/cases', newCase, t)));
      const from = (await (await poll('agent', '')).json()).cursor as string;
      const desk = await open('agent', { lastEventId: from });
      // A poller racing the writers: with ids in insert order rather than commit order it would skip some.
      const polled: EventJson[] = [];
      let cursor = from;
      let writing = true;
      const poller = (async () => {
        while (writing || polled.length < 40) {
          const body = await (await poll('agent', `?since=${cursor}`)).json();
          expect(body.reset, 'no reset').to.equal(undefined);
          polled.push(...body.events);
          cursor = body.cursor;
        }
      })();
      const messages = await Promise.all(writers.map((t, i) => post(`/cases/${cases[i]!.id}/messages`, { body: `writer ${i}` }, t)));
      writing = false;
      await poller;
      await desk.until((r) => r.changes.length >= 40, 'forty events on the agent stream', 10_000);
      const ids = desk.changes.map((e) => Number(e.id));
      expect(ids).to.deep.equal(Array.from({ length: 40 }, (_, i) => Number(from) + 1 + i));
      const posted = messages.map((m: { id: string }) => m.id).sort();
      const streamed = desk.find('message-added').map((e) => data(e).message!.id);
      expect([...streamed].sort()).to.deep.equal(posted);
      // Each write's two events stay together: message-added, then its case-changed.
      for (let i = 0; i < 40; i += 2) expect(data(desk.changes[i + 1]!).caseId).to.equal(data(desk.changes[i]!).caseId);
      expect(polled.map((e) => JSON.stringify(e))).to.deep.equal(desk.changes.map((e) => JSON.stringify(JSON.parse(e.data))));
      // Read back from the log afterwards: the same sequence.
      const replay = await open('agent', { lastEventId: from });
      await replay.until((r) => r.changes.length >= 40, 'the replay');
      expect(replay.changes.map((e) => e.id)).to.deep.equal(desk.changes.map((e) => e.id));
    });
  });

  describe(`event retention on ${kind}`, function () {
    this.timeout(30_000);
    let server: RunningServer;
    let token: string;
    before(async () => {
      server = await startServer(kind, {}, { events: { retention: { maxPerTenant: 3 }, pruneEveryMs: 50 } });
      token = await tokenFor(alex);
    });
    after(() => server.close());

    it('answers reset when the events after the cursor are gone, then continues live', async () => {
      const first = await SseReader.open(server, { token });
      await first.until((r) => r.events.length > 0, 'ready');
      const from = first.lastEventId;
      first.close();
      let k = 0;
      const post = (path: string, body: unknown) => call(server, path, { method: 'POST', token, body: JSON.stringify(body), headers: { 'idempotency-key': `ret-${kind}-${k++}` } });
      const c = await (await post('/cases', newCase)).json();
      for (let i = 0; i < 3; i++) expect((await post(`/cases/${c.id}/messages`, { body: `m${i}` })).status).to.equal(201);
      // Pruning runs on its own timer: wait until the log lost the first events.
      let polled: { events: unknown[]; cursor: string; reset?: boolean } = { events: [], cursor: '' };
      for (let tries = 0; tries < 100 && !polled.reset; tries++) {
        await new Promise((r) => setTimeout(r, 50));
        polled = await (await call(server, `/events?since=${from}`, { token })).json();
      }
      expect(polled.reset).to.equal(true);
      expect(polled.events).to.deep.equal([]);
      const r = await SseReader.open(server, { token, lastEventId: from });
      await r.until((x) => x.find('reset').length === 1, 'the reset event');
      const reset = r.find('reset')[0]!;
      expect(reset.id).to.equal(polled.cursor);
      expect(JSON.parse(reset.data)).to.deep.equal({ type: 'reset' });
      expect(r.changes.filter((e) => e.event !== 'reset')).to.deep.equal([]);
      const m = await (await post(`/cases/${c.id}/messages`, { body: 'after the reset' })).json();
      await r.until((x) => x.find('message-added').length === 1, 'the next live event');
      expect(data(r.find('message-added')[0]!).message!.id).to.equal(m.id);
      r.close();
      // A cursor that was never handed out (ahead of the log) is a reset too.
      const ahead = await (await call(server, `/events?since=999999`, { token })).json();
      expect(ahead.reset).to.equal(true);
    });
  });
}

describe('a stream that does not read', function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer('sqlite', {}, { events: { maxBufferedBytes: 64 * 1024 } });
  });
  after(() => server.close());

  it('is dropped once its unsent output passes the limit, while a reading stream gets everything', async () => {
    const token = await tokenFor(alex);
    const { hostname: host, port } = new URL(server.url);
    // A raw connection that reads the headers and the ready frame, then stops reading.
    const slow = connect(Number(port), host);
    let received = '';
    let closed = false;
    slow.on('data', (chunk) => {
      received += chunk.toString();
    });
    slow.on('close', () => {
      closed = true;
    });
    slow.on('error', () => {});
    slow.write(`GET /events/stream HTTP/1.1\r\nhost: ${host}:${port}\r\nauthorization: Bearer ${token}\r\naccept: text/event-stream\r\n\r\n`);
    for (let i = 0; i < 100 && !received.includes('event: ready'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).to.include('event: ready');
    slow.pause();
    const reading = await SseReader.open(server, { token });
    await reading.until((r) => r.events.length > 0, 'ready');
    let k = 0;
    const post = (path: string, body: unknown) => call(server, path, { method: 'POST', token, body: JSON.stringify(body), headers: { 'idempotency-key': `slow-${k++}` } });
    const c = await (await post('/cases', newCase)).json();
    const big = 'x'.repeat(30_000);
    let last = '';
    for (let i = 0; i < 250; i++) last = (await (await post(`/cases/${c.id}/messages`, { body: `${i} ${big}` })).json()).id;
    await reading.until((r) => r.find('message-added').length === 250, 'all 250 messages on the reading stream', 20_000);
    slow.resume();
    for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 50));
    expect(closed, 'the server closed the slow connection').to.equal(true);
    expect(received).to.not.include(last);
    reading.close();
  });
});
