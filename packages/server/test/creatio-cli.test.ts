/**
 * `case-portal-server serve --config examples/creatio.json` against the fake Creatio: the example
 * as shipped (support/serve-example.ts).
 */
import { expect } from 'chai';
import { FakeCreatio } from './support/fake-creatio.js';
import { serveExample } from './support/serve-example.js';

describe('the CLI serving examples/creatio.json against the fake Creatio', function () {
  this.timeout(90_000);

  it('starts, signs a customer in as a Creatio contact, lists their cases, and stops on SIGTERM', async () => {
    const fake = new FakeCreatio({ caseColumns: ['UsrProduct', 'UsrSerialNumber'] });
    await fake.start();
    const account = fake.addAccount('Northwind');
    const alex = fake.addContact({ name: 'Alex Morgan', email: 'alex@northwind.example', accountId: account.Id });
    const c = fake.addCase({ contactId: alex.Id, subject: 'VPN drops every 20 minutes', symptoms: 'Since firmware 4.2.', UsrProduct: 'router-x200' });
    try {
      const server = await serveExample('creatio', { CREATIO_URL: fake.url, CREATIO_USER: fake.userName, CREATIO_PASSWORD: fake.password });
      try {
        const token = await server.token({ sub: 'u-alex', name: 'Alex Morgan', email: 'alex@northwind.example' });
        const me = await (await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${token}` } })).json();
        expect(me.id).to.equal(`cp_${alex.Id}`);
        const list = await (await fetch(`${server.url}/cases`, { headers: { authorization: `Bearer ${token}` } })).json();
        expect(list.items.map((x: { id: string; subject: string; fields: object }) => [x.id, x.subject, x.fields])).to.deep.equal([[`cc_${c.Id}`, 'VPN drops every 20 minutes', { product: 'router-x200' }]]);
        expect(fake.logins, 'signed in with the forms credential from the environment').to.equal(1);
        expect(await server.stop(), server.output()).to.equal(0);
      } finally {
        server.dispose();
      }
    } finally {
      await fake.stop();
    }
  });
});
