/**
 * `case-portal-server serve --config examples/zendesk.json` against the fake Zendesk: the example
 * as shipped (support/serve-example.ts).
 */
import { expect } from 'chai';
import { FakeZendesk } from './support/fake-zendesk.js';
import { serveExample } from './support/serve-example.js';

describe('the CLI serving examples/zendesk.json against the fake Zendesk', function () {
  this.timeout(90_000);

  it('starts, signs a customer in as a Zendesk end user, lists their tickets, and stops on SIGTERM', async () => {
    const fake = new FakeZendesk();
    await fake.start();
    const org = fake.addOrg({ name: 'Northwind', external_id: 'northwind' });
    const alex = fake.addUser({ name: 'Alex Morgan', email: 'alex@northwind.example', organization_id: org.id });
    const t = fake.addTicket({ requester_id: alex.id, subject: 'VPN drops every 20 minutes', body: 'Since firmware 4.2.', status: 'open' });
    try {
      const server = await serveExample('zendesk', { ZENDESK_URL: fake.url, ZENDESK_EMAIL: fake.email, ZENDESK_API_TOKEN: fake.apiToken });
      try {
        const token = await server.token({ sub: 'u-alex', name: 'Alex Morgan', email: 'alex@northwind.example', org: 'northwind' });
        const me = await (await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${token}` } })).json();
        expect(me.id).to.equal(`zu_${alex.id}`);
        const list = await (await fetch(`${server.url}/cases`, { headers: { authorization: `Bearer ${token}` } })).json();
        expect(list.items.map((c: { id: string; subject: string }) => [c.id, c.subject])).to.deep.equal([[`zt_${t.id}`, 'VPN drops every 20 minutes']]);
        expect(await server.stop(), server.output()).to.equal(0);
      } finally {
        server.dispose();
      }
    } finally {
      await fake.stop();
    }
  });
});
