import { expect } from 'chai';
import { call, DB_KINDS, startServer, tokenFor, type Person, type RunningServer } from './support/server.js';

const newCase = { subject: 'Router X500 keeps rebooting', description: 'Every night at 2 am.', fields: { product: 'router-x200' } };

type Ref = { id: string; name: string; email?: string; role?: string };
type Entry = { kind?: string; at: string; from?: { id: string } | null; to?: { id: string }; by?: Ref | null; person?: Ref };
type CaseJson = { id: string; version: number; status: { id: string }; contacts: Ref[] };

/** Issue 13: the history says who copied whom ("Alex added Priya"), over HTTP on both databases. */
for (const kind of DB_KINDS) {
  describe(`the history's participant entries, over HTTP on ${kind}`, function () {
    this.timeout(60_000);
    let server: RunningServer;
    const t: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const people: Record<string, Person> = {
      alex: { sub: 'ph-alex', name: 'Alex Morgan', email: 'alex@acme.example', org: 'acme' },
      priya: { sub: 'ph-priya', name: 'Priya Shah', email: 'priya@acme.example', org: 'acme' },
      dana: { sub: 'ph-dana', name: 'Dana Lead', email: 'dana@acme.example', org: 'acme', role: 'supervisor' },
      sam: { sub: 'ph-sam', name: 'Sam Agent', email: 'sam@support.example', role: 'agent' },
    };
    let n = 0;
    const send = (method: string, path: string, who: string, body?: unknown) =>
      call(server, path, { method, token: t[who], headers: { 'idempotency-key': `ph-${kind}-${++n}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const history = async (id: string, who: string, query = '?include=participants') => {
      const res = await call(server, `/cases/${id}/history${query}`, { token: t[who] });
      expect(res.status, await res.clone().text()).to.equal(200);
      return ((await res.json()) as { items: Entry[] }).items;
    };
    /** Each entry in a word: a status entry's target status, or "added Priya". */
    const words = (items: Entry[]) => items.map((h) => (h.kind?.startsWith('participant-') ? `${h.kind.slice(12)} ${h.person!.name.split(' ')[0]}` : h.to!.id));

    before(async () => {
      server = await startServer(kind);
      for (const [k, p] of Object.entries(people)) {
        t[k] = await tokenFor(p);
        ids[k] = ((await (await call(server, '/me', { token: t[k] })).json()) as { id: string }).id;
      }
    });
    after(() => server?.close());

    it('records creation with people named, add and remove between the status changes, in the order they happened', async () => {
      const created = await send('POST', '/cases', 'alex', { ...newCase, participants: [{ email: 'priya@acme.example' }] });
      expect(created.status, await created.clone().text()).to.equal(201);
      const c = (await created.json()) as CaseJson;
      expect((await send('POST', `/cases/${c.id}/participants`, 'alex', { id: ids.dana })).status).to.equal(200);
      const closed = await send('POST', `/cases/${c.id}/transitions`, 'alex', { action: 'close', status: 'resolved', version: c.version + 1 });
      expect(closed.status, await closed.clone().text()).to.equal(200);
      // A closed case takes no participant changes; reopen, then remove Priya.
      const reopened = await send('POST', `/cases/${c.id}/transitions`, 'alex', { action: 'reopen' });
      expect(reopened.status, await reopened.clone().text()).to.equal(200);
      const reopenedAs = ((await reopened.json()) as CaseJson).status.id;
      expect((await send('DELETE', `/cases/${c.id}/participants/${ids.priya}`, 'alex')).status).to.equal(200);

      const items = await history(c.id, 'alex');
      expect(words(items)).to.deep.equal([c.status.id, 'added Priya', 'added Dana', 'resolved', reopenedAs, 'removed Priya']);
      const alex = { id: ids.alex, name: 'Alex Morgan', role: 'customer' };
      const participantEntries = items.filter((h) => h.kind?.startsWith('participant-'));
      for (const h of participantEntries) expect(h.by, 'by names the requester, without an address').to.deep.equal(alex);
      expect(participantEntries.map((h) => h.person)).to.deep.equal([
        { id: ids.priya, name: 'Priya Shah', email: 'priya@acme.example' },
        { id: ids.dana, name: 'Dana Lead', email: 'dana@acme.example' },
        { id: ids.priya, name: 'Priya Shah', email: 'priya@acme.example' },
      ]);
      for (let i = 1; i < items.length; i++) expect(Date.parse(items[i]!.at)).to.be.at.least(Date.parse(items[i - 1]!.at));

      // A client that does not ask (written before participant entries) gets the status changes it knows.
      expect(words(await history(c.id, 'alex', ''))).to.deep.equal([c.status.id, 'resolved', reopenedAs]);
    });

    it('redacts addresses per viewer like the contacts: a person copied sees their own, others names only; agents all', async () => {
      const c = (await (await send('POST', '/cases', 'alex', { ...newCase, participants: [{ email: 'priya@acme.example' }, { id: ids.dana }] })).json()) as CaseJson;
      const byPerson = (items: Entry[]) => Object.fromEntries(items.filter((h) => h.person).map((h) => [h.person!.name, h.person!.email ?? null]));
      expect(byPerson(await history(c.id, 'priya'))).to.deep.equal({ 'Priya Shah': 'priya@acme.example', 'Dana Lead': null });
      expect(byPerson(await history(c.id, 'dana'))).to.deep.equal({ 'Priya Shah': null, 'Dana Lead': 'dana@acme.example' });
      expect(byPerson(await history(c.id, 'alex'))).to.deep.equal({ 'Priya Shah': 'priya@acme.example', 'Dana Lead': 'dana@acme.example' });
      expect(byPerson(await history(c.id, 'sam'))).to.deep.equal({ 'Priya Shah': 'priya@acme.example', 'Dana Lead': 'dana@acme.example' });
    });
  });
}
