import { expect } from 'chai';
import { call, DB_KINDS, startServer, tokenFor, type Person, type RunningServer } from './support/server.js';

const alex: Person = { sub: 'host-alex', name: 'Alex Morgan', org: 'acme' };
const blair: Person = { sub: 'host-blair', name: 'Blair Chen', org: 'globex' };
const sam: Person = { sub: 'host-sam', name: 'Sam Reyes', org: 'acme' };
const supervisor: Person = { sub: 'host-sup', name: 'Dana Supervisor', org: 'acme', role: 'supervisor' };

const newCase = { subject: 'Router X500 keeps rebooting', description: 'Every night at 2 am.', fields: { product: 'router-x200' } };

for (const kind of DB_KINDS) {
  describe(`cases over HTTP on ${kind}`, function () {
    this.timeout(30_000);
    let server: RunningServer;
    let token: string;
    let n = 0;
    const key = () => `key-${kind}-${Date.now()}-${n++}`;
    const post = (path: string, body: unknown, t = token, headers: Record<string, string> = {}) =>
      call(server, path, { method: 'POST', token: t, body: JSON.stringify(body), headers: { 'idempotency-key': key(), ...headers } });

    before(async () => {
      server = await startServer(kind);
      token = await tokenFor(alex);
    });
    after(() => server.close());

    it('creates a case with a per-tenant number, lists it, opens it with its ETag', async () => {
      const created = await post('/cases', newCase);
      expect(created.status).to.equal(201);
      const c = await created.json();
      expect(c.number).to.match(/^\d{8}$/);
      expect(c.status.category).to.equal('new');
      expect(created.headers.get('etag')).to.equal(`"${c.version}"`);
      const second = await (await post('/cases', { ...newCase, subject: 'Second' })).json();
      expect(Number(second.number)).to.equal(Number(c.number) + 1);

      const list = await (await call(server, '/cases?sort=number:asc', { token })).json();
      expect(list.items.map((x: { id: string }) => x.id)).to.include.members([c.id, second.id]);
      expect(list.total).to.be.at.least(2);

      const got = await call(server, `/cases/${c.id}`, { token });
      expect(got.status).to.equal(200);
      expect((await got.json()).subject).to.equal(newCase.subject);
      const again = await call(server, `/cases/${c.id}`, { token, headers: { 'if-none-match': got.headers.get('etag')! } });
      expect(again.status).to.equal(304);
    });

    it('replies, closes with a reason, reopens, and records the history in order', async () => {
      const c = await (await post('/cases', newCase)).json();
      const msg = await post(`/cases/${c.id}/messages`, { body: 'It happened again <b>tonight</b>.' });
      expect(msg.status).to.equal(201);
      expect((await msg.json()).body).to.equal('It happened again <b>tonight</b>.');
      const page = await (await call(server, `/cases/${c.id}/messages`, { token })).json();
      expect(page.items.some((m: { body: string }) => m.body.includes('<b>tonight</b>'))).to.be.true;

      // The demo reopens only resolved cases (within 6 h, once): close as resolved.
      const closeAs = 'resolved';
      const closed = await post(`/cases/${c.id}/transitions`, { action: 'close', status: closeAs, reason: 'solved' });
      expect(closed.status).to.equal(200);
      expect((await closed.json()).status.category).to.equal('resolved');
      const reopened = await post(`/cases/${c.id}/transitions`, { action: 'reopen', comment: 'Back again.' });
      expect(reopened.status).to.equal(200);
      const r = await reopened.json();
      expect(r.reopenCount).to.equal(1);
      const history = await (await call(server, `/cases/${c.id}/history`, { token })).json();
      expect(history.items.map((h: { to: { category: string } }) => h.to.category)).to.deep.equal(['new', 'resolved', 'open']);
    });

    it('refuses what the lifecycle policy forbids: a reply on a canceled case is 403, a complaint is not', async () => {
      const c = await (await post('/cases', newCase)).json();
      expect((await post(`/cases/${c.id}/transitions`, { action: 'cancel' })).status).to.equal(200);
      const reply = await post(`/cases/${c.id}/messages`, { body: 'one more thing' });
      expect(reply.status).to.equal(403);
      expect((await reply.json()).error.code).to.equal('forbidden');
      expect((await post(`/cases/${c.id}/messages`, { body: 'This was handled badly.', kind: 'complaint' })).status).to.equal(201);
      const rated = await post(`/cases/${c.id}/feedback`, { rating: 2, comment: 'Slow.' });
      expect(rated.status).to.equal(200);
      expect((await rated.json()).feedback.rating).to.equal(2);
      expect((await post(`/cases/${c.id}/feedback`, { rating: 5 })).status).to.equal(403);
    });

    it('updates with If-Match: a stale version is 409, a missing one 428', async () => {
      const c = await (await post('/cases', newCase)).json();
      const patch = (version: string | null) =>
        call(server, `/cases/${c.id}`, {
          method: 'PATCH',
          token,
          body: JSON.stringify({ changes: { subject: `Renamed ${version}` } }),
          headers: { 'idempotency-key': key(), ...(version ? { 'if-match': version } : {}) },
        });
      const ok = await patch(`"${c.version}"`);
      expect(ok.status).to.equal(200);
      expect((await ok.json()).version).to.equal(c.version + 1);
      expect((await patch(`"${c.version}"`)).status).to.equal(409);
      expect((await patch(null)).status).to.equal(428);
    });

    describe('idempotency', () => {
      it('a retry with the same key returns the first case, not a second one', async () => {
        const k = key();
        const first = await (await post('/cases', newCase, token, { 'idempotency-key': k })).json();
        const retry = await post('/cases', newCase, token, { 'idempotency-key': k });
        expect(retry.status).to.equal(201);
        expect((await retry.json()).id).to.equal(first.id);
      });

      it('the same key with a different body is 422', async () => {
        const k = key();
        await post('/cases', newCase, token, { 'idempotency-key': k });
        const other = await post('/cases', { ...newCase, subject: 'Different' }, token, { 'idempotency-key': k });
        expect(other.status).to.equal(422);
      });

      it('20 simultaneous creates under one key make exactly one case', async () => {
        const k = key();
        const subject = `Concurrent ${k}`;
        const answers = await Promise.all(Array.from({ length: 20 }, () => post('/cases', { ...newCase, subject }, token, { 'idempotency-key': k })));
        const statuses = answers.map((a) => a.status);
        expect(statuses.every((s) => s === 201 || s === 409), statuses.join(',')).to.be.true;
        const list = await (await call(server, `/cases?q=${encodeURIComponent(subject)}`, { token })).json();
        expect(list.total).to.equal(1);
      });
    });

    describe('who sees what, from the token alone', () => {
      let bCase: { id: string; number: string };
      let blairToken: string;
      before(async () => {
        blairToken = await tokenFor(blair);
        bCase = await (await post('/cases', { ...newCase, subject: 'Blair private invoice question' }, blairToken)).json();
      });

      it('customer A gets 404 for every route of B\'s case', async () => {
        const id = bCase.id;
        const reads = [`/cases/${id}`, `/cases/${id}/messages`, `/cases/${id}/history`, `/cases/${id}/files`];
        for (const path of reads) expect((await call(server, path, { token })).status, path).to.equal(404);
        expect((await post(`/cases/${id}/messages`, { body: 'hi' })).status).to.equal(404);
        expect((await post(`/cases/${id}/transitions`, { action: 'close', status: 'closed' })).status).to.equal(404);
        expect((await post(`/cases/${id}/feedback`, { rating: 1 })).status).to.equal(404);
        expect((await post(`/cases/${id}/files`, { attachmentIds: ['x'] })).status).to.equal(404);
        const patch = await call(server, `/cases/${id}`, { method: 'PATCH', token, body: JSON.stringify({ changes: { subject: 'x' } }), headers: { 'if-match': '"1"', 'idempotency-key': key() } });
        expect(patch.status).to.equal(404);
      });

      it('a guessed id is the same 404 as a foreign one', async () => {
        const res = await call(server, `/cases/${bCase.id.slice(0, -4)}abcd`, { token });
        expect(res.status).to.equal(404);
        expect(await res.json()).to.deep.equal({ error: { code: 'not_found', message: (await (await call(server, `/cases/${bCase.id}`, { token })).json()).error.message.replace(bCase.id, `${bCase.id.slice(0, -4)}abcd`) } });
      });

      it('listing and searching never show B\'s case, whatever the view', async () => {
        for (const q of ['', '?q=Blair', `?q=${bCase.number}`, '?view=linked', '?view=mine&q=invoice']) {
          const list = await (await call(server, `/cases${q}`, { token })).json();
          expect(list.items.map((x: { id: string }) => x.id), q).to.not.include(bCase.id);
        }
        // A customer asking for the account view is refused or sees only their own: never the account's.
        const account = await call(server, '/cases?view=account', { token });
        if (account.status === 200) expect((await account.json()).items.map((x: { id: string }) => x.id)).to.not.include(bCase.id);
      });

      it('a supervisor sees their account\'s cases and no other account\'s', async () => {
        const samCase = await (await post('/cases', { ...newCase, subject: 'Sam, same account' }, await tokenFor(sam))).json();
        const sup = await tokenFor(supervisor);
        const list = await (await call(server, '/cases?view=account&limit=200', { token: sup })).json();
        const ids = list.items.map((x: { id: string }) => x.id);
        expect(ids).to.include(samCase.id);
        expect(ids).to.not.include(bCase.id);
        expect((await call(server, `/cases/${samCase.id}`, { token: sup })).status).to.equal(200);
        expect((await call(server, `/cases/${bCase.id}`, { token: sup })).status).to.equal(404);
      });
    });

    describe('bad input', () => {
      const hostile = ["' OR 1=1 --", '%_%', '"; drop table cases; --', '\u202e<script>alert(1)</script>\u0007', 'ß'.repeat(500)];

      it('hostile strings in every query parameter answer a page or a 400, never a 500', async () => {
        for (const h of hostile) {
          const e = encodeURIComponent(h);
          for (const q of [`q=${e}`, `sort=${e}`, `status=${e}`, `origin=${e}`, `category=${e}`, `cursor=${e}`, `f.product=${e}`, `f.product.contains=${e}`, `view=${e}`, `limit=${e}`]) {
            const res = await call(server, `/cases?${q}`, { token });
            expect([200, 400], `${q} → ${res.status}`).to.include(res.status);
            const body = await res.json();
            if (res.status === 200) expect(body.items).to.be.an('array');
            else expect(body.error.code).to.equal('validation');
          }
        }
      });

      it('a NUL character (which PostgreSQL cannot store) is refused the same way on every database', async () => {
        expect((await call(server, `/cases?q=${encodeURIComponent('a\u0000b')}`, { token })).status).to.equal(400);
        const res = await post('/cases', { ...newCase, subject: 'a\u0000b' });
        expect(res.status).to.equal(422);
        expect((await res.json()).fieldErrors).to.have.property('subject');
      });

      it('a keyword with SQL wildcards matches them literally', async () => {
        const c = await (await post('/cases', { ...newCase, subject: 'Discount of 50%_off' })).json();
        const hit = await (await call(server, `/cases?q=${encodeURIComponent('50%_off')}`, { token })).json();
        expect(hit.items.map((x: { id: string }) => x.id)).to.include(c.id);
        const miss = await (await call(server, `/cases?q=${encodeURIComponent('5%f')}`, { token })).json();
        expect(miss.items.map((x: { id: string }) => x.id)).to.not.include(c.id);
      });

      it('hostile text in body fields is stored and returned verbatim', async () => {
        const subject = hostile.slice(0, 4).join(' | ');
        const res = await post('/cases', { ...newCase, subject });
        expect(res.status).to.equal(201);
        const c = await res.json();
        expect((await (await call(server, `/cases/${c.id}`, { token })).json()).subject).to.equal(subject);
      });

      it('malformed JSON is 400, an unknown field 422 naming it, a wrong type 422', async () => {
        const broken = await call(server, '/cases', { method: 'POST', token, body: '{"subject": "x",', headers: { 'idempotency-key': key() } });
        expect(broken.status).to.equal(400);
        expect((await broken.json()).error.code).to.equal('validation');
        const unknown = await post('/cases', { ...newCase, isAdmin: true });
        expect(unknown.status).to.equal(422);
        expect((await unknown.json()).fieldErrors).to.have.property('isAdmin');
        expect((await post('/cases', { ...newCase, subject: 5 })).status).to.equal(422);
      });

      it('a body over the limit is 413', async () => {
        const res = await post('/cases', { ...newCase, description: 'x'.repeat(1024 * 1024 + 10) });
        expect(res.status).to.equal(413);
        expect((await res.json()).error.code).to.equal('too_large');
      });
    });
  });
}
