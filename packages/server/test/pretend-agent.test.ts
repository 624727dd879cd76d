import { expect } from 'chai';
import { call, DB_KINDS, startServer, tokenFor, type RunningServer } from './support/server.js';

interface Json {
  [k: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const DELAY = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const kind of DB_KINDS) {
  describe(`pretend agent on ${kind}`, function () {
    this.timeout(30_000);
    let server: RunningServer;
    let token: string;
    before(async () => {
      server = await startServer(kind, { pretendAgentMs: DELAY });
      token = await tokenFor({ sub: 'host-alex', name: 'Alex Morgan', org: 'acme' });
    });
    after(() => server.close());

    const post = async (path: string, body: unknown) => (await call(server, path, { method: 'POST', token, body: JSON.stringify(body) })).json() as Promise<Json>;
    const thread = async (id: string) => ((await (await call(server, `/cases/${id}/messages`, { token })).json()) as Json).items as Json[];

    it('answers each customer reply once, after the delay, as an agent would (status, history, response target)', async () => {
      const c = await post('/cases', { subject: 'Pretend agent', description: 'x', service: 'premium', fields: { product: 'router-x200' } });
      expect(c.sla.response.metAt).to.equal(null);
      await post(`/cases/${c.id}/messages`, { body: 'First reply.' });
      expect((await thread(c.id)).filter((m) => m.author.role === 'agent'), 'not before the delay').to.have.length(0);
      await sleep(DELAY * 4);
      await post(`/cases/${c.id}/messages`, { body: 'Second reply.' });
      await sleep(DELAY * 4);
      const messages = await thread(c.id);
      const answers = messages.filter((m) => m.author.role === 'agent' && m.kind === 'comment');
      expect(answers).to.have.length(2);
      // The second reply hands the case back to support (an event by system), whose answer hands it to the customer again.
      expect(messages.map((m) => (m.author.role === 'customer' ? 'customer' : `${m.kind}:${m.author.role}`))).to.deep.equal(['customer', 'event:agent', 'comment:agent', 'customer', 'event:system', 'event:agent', 'comment:agent']);
      // Nobody answers the agent: still two answers a while later.
      await sleep(DELAY * 3);
      expect((await thread(c.id)).filter((m) => m.author.role === 'agent' && m.kind === 'comment')).to.have.length(2);
      const seen = (await (await call(server, `/cases/${c.id}`, { token })).json()) as Json;
      expect(seen.status.category).to.equal('pending-customer');
      expect(seen.sla.response.metAt).to.be.a('string');
      const history = ((await (await call(server, `/cases/${c.id}/history`, { token })).json()) as Json).items as Json[];
      expect(history.map((h) => [h.to.category, h.by?.role ?? null])).to.deep.equal([
        ['new', null],
        ['pending-customer', 'agent'],
        ['pending-agent', 'system'],
        ['pending-customer', 'agent'],
      ]);
    });

    it('does not answer a case the customer closed meanwhile, nor complaints', async () => {
      const c = await post('/cases', { subject: 'Closed quickly', description: 'x', fields: { product: 'router-x200' } });
      await post(`/cases/${c.id}/messages`, { body: 'Never mind.' });
      await post(`/cases/${c.id}/transitions`, { action: 'close', status: 'closed' });
      await post(`/cases/${c.id}/messages`, { body: 'This took too long.', kind: 'complaint' });
      await sleep(DELAY * 4);
      expect((await thread(c.id)).filter((m) => m.author.role === 'agent' && m.kind === 'comment')).to.have.length(0);
    });

    it('is off by default', async () => {
      const quiet = await startServer(kind);
      try {
        const q = async (path: string, body: unknown) => (await call(quiet, path, { method: 'POST', token, body: JSON.stringify(body) })).json() as Promise<Json>;
        const c = await q('/cases', { subject: 'No agent here', description: 'x', fields: { product: 'router-x200' } });
        await q(`/cases/${c.id}/messages`, { body: 'Hello?' });
        await sleep(DELAY * 3);
        const items = ((await (await call(quiet, `/cases/${c.id}/messages`, { token })).json()) as Json).items as Json[];
        expect(items.map((m) => m.author.role)).to.deep.equal(['customer']);
      } finally {
        await quiet.close();
      }
    });
  });
}
