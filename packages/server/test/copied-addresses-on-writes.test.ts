/**
 * The addresses of the people copied on a case reach only the requester, each person their own,
 * and agents (core's redactContacts, case-routes' shownTo) on every answer that carries a case: the
 * writes that others than the requester may make too (attach files: any reader with "reply"),
 * Idempotency-Key replays of them, and the requester's own. Messages and status changes name their
 * authors without addresses. SQLite and PostgreSQL, over HTTP.
 */
import type { Attachment } from '@case-portal/core';
import { expect } from 'chai';
import { call, DB_KINDS, startServer, tokenFor, type Person, type RunningServer } from './support/server.js';

type Shown = { id: string; version: number; requester: { id: string }; contacts: { id: string; name: string; email?: string }[] };

const PEOPLE: Record<string, Person> = {
  ann: { sub: 'cw-ann', name: 'Ann', email: 'ann@acme.example', org: 'acme' },
  bob: { sub: 'cw-bob', name: 'Bob', email: 'bob@acme.example', org: 'acme' },
  dee: { sub: 'cw-dee', name: 'Dee', email: 'dee@initech.example', org: 'initech' },
  sue: { sub: 'cw-sue', name: 'Sue', email: 'sue@acme.example', org: 'acme', role: 'supervisor' },
};

for (const kind of DB_KINDS) {
  describe(`addresses of the people copied on answers to writes, on ${kind}`, function () {
    this.timeout(60_000);
    let server: RunningServer;
    const t: Record<string, string> = {};
    let n = 0;
    const send = (method: string, path: string, who: string, body: unknown, key = `cw-${kind}-${++n}`) =>
      call(server, path, { method, token: t[who], headers: { 'idempotency-key': key }, body: JSON.stringify(body) });
    async function upload(who: string): Promise<string> {
      const form = new FormData();
      form.append('file', new Blob(['log'], { type: 'text/plain' }), 'log.txt');
      const res = await fetch(`${server.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${t[who]}` } });
      expect(res.status).to.equal(201);
      return ((await res.json()) as Attachment).id;
    }
    const emails = (c: Shown) => Object.fromEntries(c.contacts.map((p) => [p.name, p.email ?? null]));

    before(async () => {
      server = await startServer(kind);
      for (const [k, p] of Object.entries(PEOPLE)) {
        t[k] = await tokenFor(p);
        expect((await call(server, '/me', { token: t[k] })).status).to.equal(200);
      }
    });
    after(() => server?.close());

    it('a colleague copied and a supervisor who attach files get the case back with names only; the requester with addresses', async () => {
      const created = await send('POST', '/cases', 'ann', { subject: 'Copied twice', description: 'x', fields: { product: 'router-x200' }, participants: [{ email: 'bob@acme.example' }, { email: 'dee@initech.example' }] });
      expect(created.status, await created.clone().text()).to.equal(201);
      const c = (await created.json()) as Shown;
      expect(emails(c)).to.deep.equal({ Bob: 'bob@acme.example', Dee: 'dee@initech.example' });

      const want: Record<string, Record<string, string | null>> = {
        bob: { Bob: 'bob@acme.example', Dee: null },
        dee: { Bob: null, Dee: 'dee@initech.example' },
        sue: { Bob: null, Dee: null },
        ann: { Bob: 'bob@acme.example', Dee: 'dee@initech.example' },
      };
      for (const [who, shown] of Object.entries(want)) {
        const key = `cw-${kind}-attach-${who}`;
        const body = { attachmentIds: [await upload(who)] };
        const res = await send('POST', `/cases/${c.id}/files`, who, body, key);
        expect(res.status, `${who}: ${await res.clone().text()}`).to.equal(200);
        expect(emails((await res.json()) as Shown), who).to.deep.equal(shown);
        // The replay of the same request answers what the first did, for the same person.
        const again = await send('POST', `/cases/${c.id}/files`, who, body, key);
        expect(again.headers.get('idempotent-replayed'), who).to.equal('true');
        expect(emails((await again.json()) as Shown), `${who} replay`).to.deep.equal(shown);
      }
    });

    it('the conversation and the history name their authors without addresses: a colleague copied, a supervisor, the requester', async () => {
      const created = await send('POST', '/cases', 'ann', { subject: 'Who wrote this', description: 'x', fields: { product: 'router-x200' }, participants: [{ email: 'bob@acme.example' }] });
      const c = (await created.json()) as Shown;
      for (const who of ['ann', 'bob']) expect((await send('POST', `/cases/${c.id}/messages`, who, { body: `Hello from ${who}` })).status).to.equal(201);
      const closed = await send('POST', `/cases/${c.id}/transitions`, 'ann', { action: 'close', status: 'resolved', reason: 'solved' });
      expect(closed.status, await closed.clone().text()).to.equal(200);
      for (const who of ['ann', 'bob', 'sue']) {
        const page = (await (await call(server, `/cases/${c.id}/messages`, { token: t[who] })).json()) as { items: { author: { name: string; email?: string } }[] };
        expect(page.items.map((m) => m.author.name), who).to.include.members(['Ann', 'Bob']);
        expect(JSON.stringify(page), `${who} reads no address in the conversation`).to.not.match(/@acme\.example/);
        const history = (await (await call(server, `/cases/${c.id}/history`, { token: t[who] })).json()) as { items: { by?: { name: string } }[] };
        expect(history.items.some((h) => h.by?.name === 'Ann'), who).to.equal(true);
        expect(JSON.stringify(history), `${who} reads no address in the history's status entries`).to.not.match(/ann@acme\.example/);
      }
    });
  });
}
