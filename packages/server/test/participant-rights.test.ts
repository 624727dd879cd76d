import { expect } from 'chai';
import { demoSchema } from '@case-portal/adapter-memory';
import type { ParticipantRight } from '@case-portal/core';
import { call, DB_KINDS, startServer, tokenFor, type Person, type RunningServer } from './support/server.js';

const newCase = { subject: 'Router X500 keeps rebooting', description: 'Every night at 2 am.', fields: { product: 'router-x200' } };

type CaseJson = { id: string; version: number; status: { id: string }; priority?: string | null; contacts: { id: string; name: string; email?: string }[] };

/**
 * Issue 13: a person copied "cannot close, cancel or change it unless the backend says so". The
 * portal's `participants.mayAlso` says so; every route that changes a case asks core's policy.
 */
for (const kind of DB_KINDS) {
  describe(`what people copied may do (participants.mayAlso), over HTTP on ${kind}`, function () {
    this.timeout(60_000);
    const people: Record<string, Person> = {
      alex: { sub: 'pr-alex', name: 'Alex Morgan', email: 'alex@acme.example', org: 'acme' },
      priya: { sub: 'pr-priya', name: 'Priya Shah', email: 'priya@acme.example', org: 'acme' },
      dana: { sub: 'pr-dana', name: 'Dana Lead', email: 'dana@acme.example', org: 'acme', role: 'supervisor' },
      mei: { sub: 'pr-mei', name: 'Mei Lin', email: 'mei@acme.example', org: 'acme' },
    };

    /** A server whose portal lets people copied also do `mayAlso`, everyone signed in once. */
    async function serverWith(mayAlso: ParticipantRight[] | undefined) {
      const portal = structuredClone(demoSchema);
      portal.participants = mayAlso ? { max: 5, colleagues: true, mayAlso } : { max: 5, colleagues: true };
      const server = await startServer(kind, { portal });
      const t: Record<string, string> = {};
      const ids: Record<string, string> = {};
      for (const [k, p] of Object.entries(people)) {
        t[k] = await tokenFor(p);
        ids[k] = ((await (await call(server, '/me', { token: t[k] })).json()) as { id: string }).id;
      }
      let n = 0;
      const send = (method: string, path: string, who: string, body?: unknown, headers: Record<string, string> = {}) =>
        call(server, path, { method, token: t[who], headers: { 'idempotency-key': `pr-${kind}-${++n}`, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      /** Alex's new case with Priya copied. */
      const copiedCase = async () => (await (await send('POST', '/cases', 'alex', { ...newCase, participants: [{ email: 'priya@acme.example' }] })).json()) as CaseJson;
      return { server, ids, send, copiedCase };
    }
    const refusal = async (res: Response) => ({ status: res.status, body: (await res.json()) as { error: { code: string; message: string } } });
    const notOwner = { status: 403, body: { error: { code: 'forbidden', message: 'Not allowed: not-owner.' } } };

    let running: RunningServer | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    it('by default refuses a person copied every change with the policy\'s reason (403 not-owner), never a 500', async () => {
      const s = await serverWith(undefined);
      running = s.server;
      const c = await s.copiedCase();
      expect(await refusal(await s.send('POST', `/cases/${c.id}/transitions`, 'priya', { action: 'close', status: 'closed', version: c.version }))).to.deep.equal(notOwner);
      expect(await refusal(await s.send('POST', `/cases/${c.id}/transitions`, 'priya', { action: 'cancel' }))).to.deep.equal(notOwner);
      expect(await refusal(await s.send('PATCH', `/cases/${c.id}`, 'priya', { changes: { priority: 'high' } }, { 'if-match': `"${c.version}"` }))).to.deep.equal(notOwner);
      expect(await refusal(await s.send('POST', `/cases/${c.id}/participants`, 'priya', { id: s.ids.mei! }))).to.deep.equal(notOwner);
      expect(await refusal(await s.send('POST', `/cases/${c.id}/feedback`, 'priya', { rating: 5 }))).to.deep.equal(notOwner);
    });

    it('lets a person copied take exactly the listed actions; the answers keep others\' addresses from them; a supervisor not copied gains nothing', async () => {
      const s = await serverWith(['update', 'close', 'participants']);
      running = s.server;
      const c = await s.copiedCase();
      const patched = await s.send('PATCH', `/cases/${c.id}`, 'priya', { changes: { priority: 'high' } }, { 'if-match': `"${c.version}"` });
      expect(patched.status, await patched.clone().text()).to.equal(200);
      const afterPatch = (await patched.json()) as CaseJson;
      expect(afterPatch.priority).to.equal('high');

      const added = await s.send('POST', `/cases/${c.id}/participants`, 'priya', { email: 'mei@acme.example' });
      expect(added.status, await added.clone().text()).to.equal(200);
      // Priya's answer: her own address, Mei's name only (as a GET would show her).
      expect(((await added.json()) as CaseJson).contacts).to.deep.equal([
        { id: s.ids.priya, name: 'Priya Shah', email: 'priya@acme.example' },
        { id: s.ids.mei, name: 'Mei Lin' },
      ]);
      const history = (await (await s.send('GET', `/cases/${c.id}/history?include=participants`, 'alex')).json()) as { items: { kind?: string; by?: { id: string } }[] };
      expect(history.items.filter((h) => h.kind === 'participant-added').map((h) => h.by!.id), 'Priya added Mei').to.deep.equal([s.ids.alex, s.ids.priya]);

      // Not listed: cancel and feedback stay the requester's.
      expect(await refusal(await s.send('POST', `/cases/${c.id}/transitions`, 'priya', { action: 'cancel' }))).to.deep.equal(notOwner);
      // A supervisor of the account who is not copied: as before.
      expect(await refusal(await s.send('POST', `/cases/${c.id}/transitions`, 'dana', { action: 'close', status: 'closed' }))).to.deep.equal(notOwner);

      const closed = await s.send('POST', `/cases/${c.id}/transitions`, 'priya', { action: 'close', status: 'closed' });
      expect(closed.status, await closed.clone().text()).to.equal(200);
      expect(((await closed.json()) as CaseJson).status.id).to.equal('closed');
      expect(await refusal(await s.send('POST', `/cases/${c.id}/feedback`, 'priya', { rating: 5 }))).to.deep.equal(notOwner);
      // The case's state still decides: closed is closed, for Priya as for Alex.
      expect((await refusal(await s.send('POST', `/cases/${c.id}/transitions`, 'priya', { action: 'close', status: 'closed' }))).body.error.message).to.equal('Not allowed: case-finished.');
    });
  });
}
