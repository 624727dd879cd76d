import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';
import { buildApp } from '../src/index.js';
import { call, DB_KINDS, startServer, testConfig, tokenFor, type Person, type RunningServer } from './support/server.js';

const alex: Person = { sub: 'host-alex', name: 'Alex Morgan', email: 'alex@acme.example', org: 'acme' };
const blair: Person = { sub: 'host-blair', name: 'Blair Chen', org: 'globex' };
const supervisor: Person = { sub: 'host-sup', name: 'Dana Supervisor', org: 'acme', role: 'supervisor' };
const agent: Person = { sub: 'desk-sam', name: 'Sam Rivera', email: 'sam@support.example', role: 'agent' };

const NOTE = 'Internal: customer is on the priority list, check the contract first.';

interface Json {
  [k: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

for (const kind of DB_KINDS) {
  describe(`agent API on ${kind}`, function () {
    this.timeout(30_000);
    let server: RunningServer;
    const tokens: Record<string, string> = {};
    let n = 0;
    const key = () => `agent-${kind}-${Date.now()}-${n++}`;
    const send = async (method: string, path: string, body: unknown, who: string, headers: Record<string, string> = {}) =>
      call(server, path, { method, token: tokens[who], body: JSON.stringify(body), headers: { 'idempotency-key': key(), ...headers } });
    const get = async (path: string, who: string) => call(server, path, { token: tokens[who] });
    const json = async (res: Response | Promise<Response>): Promise<Json> => (await res).json();
    const newCase = async (who = 'alex', subject = 'Printer on floor 3 jams') =>
      json(send('POST', '/cases', { subject, description: 'Every page since Monday.', fields: { product: 'router-x200' } }, who));

    before(async () => {
      server = await startServer(kind);
      for (const [name, p] of Object.entries({ alex, blair, supervisor, agent })) tokens[name] = await tokenFor(p);
    });
    after(() => server.close());

    describe('who may use it', () => {
      it('customers and supervisors get the 404 of a route that does not exist, on every agent route', async () => {
        const c = await newCase();
        const missing = await get('/agent/no-such-route', 'alex');
        expect(missing.status).to.equal(404);
        const missingBody = await missing.json();
        expect(await json(get('/no-such-route', 'alex'))).to.deep.equal(missingBody);
        const routes: [string, string, unknown][] = [
          ['GET', '/agent/cases', undefined],
          ['GET', `/agent/cases/${c.id}`, undefined],
          ['POST', `/agent/cases/${c.id}/messages`, { body: 'hi' }],
          ['POST', `/agent/cases/${c.id}/messages`, { body: 5, nonsense: true }],
          ['POST', `/agent/cases/${c.id}/status`, { status: 'closed' }],
          ['PATCH', `/agent/cases/${c.id}/deadlines`, { response: null }],
          ['POST', `/agent/cases/${c.id}/merge`, { into: c.id }],
          ['POST', `/agent/cases/${c.id}/links`, { caseId: c.id }],
        ];
        for (const who of ['alex', 'supervisor']) {
          for (const [method, path, body] of routes) {
            const res = body === undefined ? await get(path, who) : await send(method, path, body, who, { 'if-match': '"1"' });
            expect(res.status, `${who} ${method} ${path}`).to.equal(404);
            expect(await res.json(), `${who} ${method} ${path}`).to.deep.equal(missingBody);
          }
        }
        // Malformed JSON is not even read for them: still the same 404.
        const raw = await call(server, `/agent/cases/${c.id}/messages`, { method: 'POST', token: tokens.alex, body: '{"body": ', headers: { 'content-type': 'application/json' } });
        expect(raw.status).to.equal(404);
        // Without a token it is a 401 like everywhere else.
        expect((await call(server, '/agent/cases')).status).to.equal(401);
      });
    });

    describe('listing and reading', () => {
      it('lists every case of the tenant, filtered by status and keyword, paged', async () => {
        const mine = await newCase('alex', 'Agent list: VPN drops at night');
        const theirs = await newCase('blair', 'Agent list: invoice twice');
        const all = await json(get('/agent/cases?limit=200', 'agent'));
        const ids = all.items.map((x: Json) => x.id);
        expect(ids).to.include.members([mine.id, theirs.id]);
        const byKeyword = await json(get(`/agent/cases?q=${encodeURIComponent('invoice twice')}`, 'agent'));
        expect(byKeyword.items.map((x: Json) => x.id)).to.deep.equal([theirs.id]);
        const byStatus = await json(get('/agent/cases?status=new&limit=200', 'agent'));
        expect(byStatus.items.every((x: Json) => x.status.id === 'new')).to.be.true;
        const first = await json(get('/agent/cases?limit=1&sort=number:asc', 'agent'));
        expect(first.items).to.have.length(1);
        expect(first.nextCursor).to.be.a('string');
        const second = await json(get(`/agent/cases?limit=1&sort=number:asc&cursor=${first.nextCursor}`, 'agent'));
        expect(second.items[0].id).to.not.equal(first.items[0].id);
        // A custom-field filter goes through core's query engine: agents still see every customer's case.
        const byField = await json(get('/agent/cases?f.product=router-x200&limit=200', 'agent'));
        expect(byField.items.map((x: Json) => x.id)).to.include.members([mine.id, theirs.id]);
        expect((await get('/agent/cases?status=nonsense', 'agent')).status).to.equal(400);
        expect((await get('/agent/cases?view=mine', 'agent')).status).to.equal(400);
      });

      it('opens a case with its whole thread, internal notes included; a foreign id is 404', async () => {
        const c = await newCase();
        await send('POST', `/cases/${c.id}/messages`, { body: 'Still jamming.' }, 'alex');
        expect((await send('POST', `/agent/cases/${c.id}/messages`, { body: NOTE, internal: true }, 'agent')).status).to.equal(201);
        const res = await get(`/agent/cases/${c.id}`, 'agent');
        expect(res.status).to.equal(200);
        const view = await res.json();
        expect(view.case.id).to.equal(c.id);
        expect(view.messages.map((m: Json) => m.body)).to.deep.equal(['Still jamming.', NOTE]);
        expect(view.messages[1]).to.include({ public: false });
        expect(view.messages[1].author).to.include({ role: 'agent', name: 'Sam Rivera' });
        expect(view.history.map((h: Json) => h.to.id)).to.deep.equal(['new']);
        const again = await call(server, `/agent/cases/${c.id}`, { token: tokens.agent, headers: { 'if-none-match': res.headers.get('etag')! } });
        expect(again.status).to.equal(304);
        expect((await get('/agent/cases/c_doesnotexist', 'agent')).status).to.equal(404);
      });
    });

    describe('internal notes', () => {
      it('never reach a customer or a supervisor, through any route', async () => {
        const c = await newCase();
        const before = await json(get(`/cases/${c.id}`, 'alex'));
        const note = await json(send('POST', `/agent/cases/${c.id}/messages`, { body: NOTE, internal: true }, 'agent'));
        expect(note.public).to.equal(false);
        for (const who of ['alex', 'supervisor']) {
          const got = await get(`/cases/${c.id}`, who);
          expect(got.status, who).to.equal(200);
          const text = JSON.stringify(await got.json());
          expect(text, who).to.not.contain(NOTE);
          expect(JSON.parse(text).version, `${who}: a note alone does not move the case`).to.equal(before.version);
          for (const path of [`/cases/${c.id}/messages`, `/cases/${c.id}/history`, `/cases/${c.id}/files`, '/cases?limit=200', `/cases?q=${encodeURIComponent('priority list')}`]) {
            const res = await get(path, who);
            expect(res.status, `${who} ${path}`).to.equal(200);
            const body = await res.text();
            expect(body, `${who} ${path}`).to.not.contain(NOTE);
            expect(body, `${who} ${path}`).to.not.contain(note.id);
          }
        }
        const page = await json(get(`/cases/${c.id}/messages`, 'alex'));
        expect(page.total).to.equal(0);
      });
    });

    describe('writes', () => {
      it('a public reply reaches the customer as the agent\'s, hands the case to the customer and meets the response target', async () => {
        const c = await newCase();
        const res = await send('POST', `/agent/cases/${c.id}/messages`, { body: 'Please send the serial number.' }, 'agent');
        expect(res.status).to.equal(201);
        const m = await res.json();
        expect(m.author).to.include({ role: 'agent', name: 'Sam Rivera' });
        const page = await json(get(`/cases/${c.id}/messages`, 'alex'));
        expect(page.items.map((x: Json) => [x.kind, x.author.role])).to.deep.equal([['event', 'agent'], ['comment', 'agent']]);
        const seen = await json(get(`/cases/${c.id}`, 'alex'));
        expect(seen.status.category).to.equal('pending-customer');
        expect(seen.owner.name).to.equal('Sam Rivera');
        const history = await json(get(`/cases/${c.id}/history`, 'alex'));
        expect(history.items.map((h: Json) => h.to.id)).to.deep.equal(['new', 'pending-customer']);
        expect(history.items[1].by).to.include({ role: 'agent', name: 'Sam Rivera' });
      });

      it('the customer\'s reply to a case awaiting them hands it back to support; a complaint does not', async () => {
        const c = await newCase();
        await send('POST', `/agent/cases/${c.id}/messages`, { body: 'Which firmware do you run?' }, 'agent');
        expect((await json(get(`/cases/${c.id}`, 'alex'))).status.category).to.equal('pending-customer');
        const queued = async () => (await json(get('/agent/cases?category=new&category=open&category=pending-agent&limit=200', 'agent'))).items.map((x: Json) => x.id);
        expect(await queued(), 'awaiting the customer: not in the desk queue').not.to.include(c.id);
        // A complaint is about the service, not the answer the desk is waiting for (the demo schema takes complaints).
        expect((await send('POST', `/cases/${c.id}/messages`, { body: 'Nobody has looked at this for days.', kind: 'complaint' }, 'alex')).status).to.equal(201);
        expect((await json(get(`/cases/${c.id}`, 'alex'))).status.category, 'after a complaint').to.equal('pending-customer');
        const reply = await send('POST', `/cases/${c.id}/messages`, { body: 'Firmware 4.2, since Monday.' }, 'alex');
        expect(reply.status).to.equal(201);
        const seen = await json(get(`/cases/${c.id}`, 'alex'));
        expect(seen.status).to.include({ id: 'pending-agent', category: 'pending-agent' });
        const page = await json(get(`/cases/${c.id}/messages`, 'alex'));
        const [comment, event] = page.items.slice(-2);
        expect([comment.kind, comment.body, comment.author.role]).to.deep.equal(['comment', 'Firmware 4.2, since Monday.', 'customer']);
        expect([event.kind, event.event.from.id, event.event.to.id, event.author.role]).to.deep.equal(['event', 'pending-customer', 'pending-agent', 'system']);
        const history = await json(get(`/cases/${c.id}/history`, 'alex'));
        const last = history.items.at(-1);
        expect([last.from.id, last.to.id, last.by.role]).to.deep.equal(['pending-customer', 'pending-agent', 'system']);
        // The list counts it where it is now: no longer among the cases awaiting the customer.
        const list = await json(get('/cases?limit=100', 'alex'));
        expect(list.items.find((x: Json) => x.id === c.id).status.id).to.equal('pending-agent');
        // And it is back in the desk's queue (README "The agent API").
        expect(await queued()).to.include(c.id);
        // The desk sees it waiting for support, and its next public reply hands it to the customer again.
        await send('POST', `/agent/cases/${c.id}/messages`, { body: 'Thanks, please update to 4.3.' }, 'agent');
        expect((await json(get(`/cases/${c.id}`, 'alex'))).status.category).to.equal('pending-customer');
      });

      it('the customer routes keep core\'s policy for agents too: they answer through /agent', async () => {
        const c = await newCase();
        expect((await get(`/cases/${c.id}`, 'agent')).status).to.equal(200);
        expect((await send('POST', `/cases/${c.id}/messages`, { body: 'Answer from the desk.' }, 'agent')).status).to.equal(403);
      });

      it('sets any configured status, recorded in history with its reason; unknown status 422, stale If-Match 409', async () => {
        const c = await newCase();
        const res = await send('POST', `/agent/cases/${c.id}/status`, { status: 'on-hold', reason: 'Waiting for a part', comment: 'The part arrives Friday.' }, 'agent', { 'if-match': `"${c.version}"` });
        expect(res.status).to.equal(200);
        const held = await res.json();
        expect(held.status.id).to.equal('on-hold');
        expect(res.headers.get('etag')).to.equal(`"${held.version}"`);
        const history = await json(get(`/cases/${c.id}/history`, 'alex'));
        expect(history.items.at(-1)).to.deep.include({ reason: 'Waiting for a part' });
        expect(history.items.at(-1).to.id).to.equal('on-hold');
        const thread = await json(get(`/cases/${c.id}/messages`, 'alex'));
        expect(thread.items.map((x: Json) => x.body)).to.include('The part arrives Friday.');
        const closed = await json(send('POST', `/agent/cases/${c.id}/status`, { status: 'closed' }, 'agent'));
        expect(closed.closedAt).to.be.a('string');
        expect((await json(get(`/cases/${c.id}`, 'alex'))).status.id).to.equal('closed');
        // A finished case takes no public reply until a status reopens it.
        expect((await send('POST', `/agent/cases/${c.id}/messages`, { body: 'One more thing.' }, 'agent')).status).to.equal(403);
        const reopened = await json(send('POST', `/agent/cases/${c.id}/messages`, { body: 'Reopening for you.', status: 'open' }, 'agent'));
        expect(reopened.public).to.equal(true);
        const open = await json(get(`/cases/${c.id}`, 'alex'));
        expect(open.status.id).to.equal('open');
        expect(open.closedAt).to.equal(null);

        const bad = await send('POST', `/agent/cases/${c.id}/status`, { status: 'opne' }, 'agent');
        expect(bad.status).to.equal(422);
        expect((await bad.json()).fieldErrors.status).to.contain('Unknown status');
        const stale = await send('POST', `/agent/cases/${c.id}/status`, { status: 'new' }, 'agent', { 'if-match': `"${c.version}"` });
        expect(stale.status).to.equal(409);
      });

      it('sets the deadlines with If-Match (428 without): the customer sees them', async () => {
        const c = await newCase();
        const deadlines = { response: { dueAt: '2030-01-02T10:00:00Z', metAt: '2030-01-02T09:00:00+01:00' }, resolution: { dueAt: '2030-01-05T10:00:00Z' } };
        expect((await send('PATCH', `/agent/cases/${c.id}/deadlines`, deadlines, 'agent')).status).to.equal(428);
        const res = await send('PATCH', `/agent/cases/${c.id}/deadlines`, deadlines, 'agent', { 'if-match': `"${c.version}"` });
        expect(res.status).to.equal(200);
        const seen = await json(get(`/cases/${c.id}`, 'alex'));
        expect(seen.sla).to.deep.equal({
          response: { dueAt: '2030-01-02T10:00:00.000Z', metAt: '2030-01-02T08:00:00.000Z' },
          resolution: { dueAt: '2030-01-05T10:00:00.000Z', metAt: null },
        });
        const bad = await send('PATCH', `/agent/cases/${c.id}/deadlines`, { resolution: { dueAt: 'next tuesday' } }, 'agent', { 'if-match': `"${seen.version}"` });
        expect(bad.status).to.equal(422);
        expect((await bad.json()).fieldErrors).to.have.property('resolution.dueAt');
        const cleared = await json(send('PATCH', `/agent/cases/${c.id}/deadlines`, { response: null }, 'agent', { 'if-match': `"${seen.version}"` }));
        expect(cleared.sla).to.deep.equal({ response: null, resolution: { dueAt: '2030-01-05T10:00:00.000Z', metAt: null } });
      });

      it('merges a case into another: merged status, pointing to the target, both linked, in the history', async () => {
        const dup = await newCase('alex', 'Printer jams (second report)');
        const target = await newCase('alex', 'Printer jams');
        const res = await send('POST', `/agent/cases/${dup.id}/merge`, { into: target.id }, 'agent');
        expect(res.status).to.equal(200);
        const merged = await json(get(`/cases/${dup.id}`, 'alex'));
        expect(merged.status.category).to.equal('merged');
        expect(merged.relatedIds[0]).to.equal(target.id);
        expect(merged.closedAt).to.be.a('string');
        const t = await json(get(`/cases/${target.id}`, 'alex'));
        expect(t.relatedIds).to.include(dup.id);
        const history = await json(get(`/cases/${dup.id}/history`, 'alex'));
        expect(history.items.at(-1)).to.deep.include({ reason: `Merged into ${target.number}` });
        // The customer can no longer reply to the merged case.
        expect((await send('POST', `/cases/${dup.id}/messages`, { body: 'hello?' }, 'alex')).status).to.equal(403);
        expect((await send('POST', `/agent/cases/${dup.id}/merge`, { into: target.id }, 'agent')).status).to.equal(422);
        expect((await send('POST', `/agent/cases/${target.id}/merge`, { into: target.id }, 'agent')).status).to.equal(422);
        expect((await send('POST', `/agent/cases/${target.id}/merge`, { into: 'c_nosuchcase' }, 'agent')).status).to.equal(422);
      });

      it('links two cases both ways, once', async () => {
        const a = await newCase('alex', 'Link A');
        const b = await newCase('blair', 'Link B');
        const r = await json(send('POST', `/agent/cases/${a.id}/links`, { caseId: b.id }, 'agent'));
        expect(r.case.relatedIds).to.deep.equal([b.id]);
        expect(r.other.relatedIds).to.deep.equal([a.id]);
        const again = await json(send('POST', `/agent/cases/${b.id}/links`, { caseId: a.id }, 'agent'));
        expect(again.case.version).to.equal(r.other.version);
        expect((await json(get(`/cases/${a.id}`, 'alex'))).relatedIds).to.deep.equal([b.id]);
        // Linked is not readable: Blair's case stays 404 for Alex.
        expect((await get(`/cases/${b.id}`, 'alex')).status).to.equal(404);
      });

      it('replays a retried write under the same Idempotency-Key instead of posting twice', async () => {
        const c = await newCase();
        const k = key();
        const first = await json(send('POST', `/agent/cases/${c.id}/messages`, { body: 'Once only.' }, 'agent', { 'idempotency-key': k }));
        const retry = await send('POST', `/agent/cases/${c.id}/messages`, { body: 'Once only.' }, 'agent', { 'idempotency-key': k });
        expect(retry.status).to.equal(201);
        expect((await retry.json()).id).to.equal(first.id);
        const other = await send('POST', `/agent/cases/${c.id}/messages`, { body: 'Something else.' }, 'agent', { 'idempotency-key': k });
        expect(other.status).to.equal(422);
        const view = await json(get(`/agent/cases/${c.id}`, 'agent'));
        expect(view.messages.filter((m: Json) => m.body === 'Once only.')).to.have.length(1);
      });
    });
  });
}

describe('the agent API in the contract', () => {
  it('openapi.yaml documents every /agent route (tag agent) and /health, and the server has each of them', async () => {
    const doc = parse(readFileSync(new URL('../../adapter-rest/openapi.yaml', import.meta.url), 'utf8'));
    const app = await buildApp(testConfig(), { logger: false });
    try {
      const documented: string[] = [];
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>)) {
        if (!path.startsWith('/agent') && path !== '/health') continue;
        for (const [method, op] of Object.entries(item)) {
          if (method === 'parameters') continue;
          expect(op.tags, `${method} ${path}`).to.deep.equal([path === '/health' ? 'operations' : 'agent']);
          expect(app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace('{id}', ':id') }), `${method} ${path}`).to.be.true;
          documented.push(`${method} ${path}`);
        }
      }
      expect(documented).to.have.length(8);
    } finally {
      await app.close();
    }
  });
});
