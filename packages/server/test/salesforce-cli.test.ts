/**
 * `case-portal-server serve --config examples/salesforce.json` against the fake Salesforce: the
 * example as shipped (support/serve-example.ts). The fake org has the two custom Case fields the
 * example maps.
 */
import { expect } from 'chai';
import { FakeSalesforce } from './support/fake-salesforce.js';
import { serveExample } from './support/serve-example.js';

describe('the CLI serving examples/salesforce.json against the fake Salesforce', function () {
  this.timeout(90_000);

  it('starts, signs a customer in as a Salesforce Contact, lists their Cases, and stops on SIGTERM', async () => {
    const fake = new FakeSalesforce({ caseFields: { Product__c: 'string', Serial_Number__c: 'string' } });
    await fake.start();
    const account = fake.addAccount('Northwind');
    const alex = fake.addContact({ name: 'Alex Morgan', email: 'alex@northwind.example', accountId: account.Id });
    const c = fake.addCase({ contactId: alex.Id, subject: 'VPN drops every 20 minutes', description: 'Since firmware 4.2.', status: 'Escalated', fields: { Product__c: 'router-x200' } });
    try {
      const server = await serveExample('salesforce', { SALESFORCE_URL: fake.url, SALESFORCE_CLIENT_ID: fake.clientId, SALESFORCE_CLIENT_SECRET: fake.clientSecret });
      try {
        const token = await server.token({ sub: 'u-alex', name: 'Alex Morgan', email: 'alex@northwind.example', org: 'northwind' });
        const me = await (await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${token}` } })).json();
        expect(me.id).to.equal(`sp_${alex.Id}`);
        const list = await (await fetch(`${server.url}/cases`, { headers: { authorization: `Bearer ${token}` } })).json();
        expect(list.items.map((x: { id: string; subject: string; status: { id: string; category: string }; fields: object }) => [x.id, x.subject, x.status.category, x.fields])).to.deep.equal([
          [`sc_${c.Id}`, 'VPN drops every 20 minutes', 'pending-agent', { product: 'router-x200' }],
        ]);
        expect(await server.stop(), server.output()).to.equal(0);
      } finally {
        server.dispose();
      }
    } finally {
      await fake.stop();
    }
  });
});
