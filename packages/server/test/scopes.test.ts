import { demoSchema } from '@case-portal/adapter-memory';
import type { FieldDef } from '@case-portal/core';
import { expect } from 'chai';
import { parseConfig } from '../src/config/load.js';
import { buildApp, type ServerConfig } from '../src/index.js';
import { call, DB_KINDS, freshDatabaseUrl, startServer, testConfig, tokenFor, type Person, type RunningServer } from './support/server.js';

const alex: Person = { sub: 'host-alex', name: 'Alex Morgan', email: 'alex@acme.example', org: 'acme' };
const blair: Person = { sub: 'cust-blair', name: 'Blair Chen', email: 'blair@globex.example', org: 'globex' };
const casey: Person = { sub: 'cust-casey', name: 'Casey Jones', org: 'initech' };
const dana: Person = { sub: 'host-dana', name: 'Dana Supervisor', org: 'acme', role: 'supervisor' };
const sam: Person = { sub: 'host-sam', name: 'Sam Reyes', org: 'acme' };

/** The demo portal plus the fields the scopes below read. */
const extraFields: FieldDef[] = [
  { key: 'customer_no', label: 'Customer number', type: 'text', onCreate: true },
  { key: 'watchers', label: 'Watchers', type: 'multichoice', onCreate: true, options: [{ value: 'cust-casey', label: 'Casey' }, { value: 'cust-dylan', label: 'Dylan' }] },
  { key: 'vip', label: 'VIP', type: 'checkbox', onCreate: true },
  { key: 'seats', label: 'Seats', type: 'number', onCreate: true },
];

interface Json {
  [k: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

for (const kind of DB_KINDS) {
  describe(`configured scopes and features on ${kind}`, function () {
    this.timeout(30_000);

    describe('scope expressions decide list and get', () => {
      let server: RunningServer;
      const t: Record<string, string> = {};
      let n = 0;
      const create = async (who: string, subject: string, fields: Record<string, unknown>) => {
        const res = await call(server, '/cases', {
          method: 'POST',
          token: t[who],
          body: JSON.stringify({ subject, description: 'x', fields: { product: 'router-x200', ...fields } }),
          headers: { 'idempotency-key': `scope-${kind}-${n++}` },
        });
        expect(res.status, await res.clone().text()).to.equal(201);
        return (await res.json()) as Json;
      };
      const listIds = async (who: string, query = '') => ((await (await call(server, `/cases?limit=200${query}`, { token: t[who] })).json()) as Json).items.map((c: Json) => c.id);
      const status = async (who: string, id: string) => (await call(server, `/cases/${id}`, { token: t[who] })).status;

      let filedForBlair: Json, watchedByCasey: Json, vipCase: Json, seatsCase: Json, plain: Json, samNew: Json;
      before(async () => {
        // From a config object, as a file would give it, so the checks run too.
        const config = parseConfig({
          auth: { issuer: 'x', audience: 'y', hsKeys: [{ kid: 'k', secret: 'a-config-secret-that-is-at-least-32-bytes' }] },
          portal: { fields: [...demoSchema.fields, ...extraFields] },
          scopes: {
            mine: {
              any: [
                { field: 'requester', eq: '$viewer.id' },
                { field: 'fields.customer_no', eq: '$viewer.sub' },
                { field: 'fields.watchers', eq: '$viewer.sub' },
              ],
            },
            linked: { any: [{ all: [{ field: 'fields.vip', eq: true }, { field: 'account', eq: '$viewer.account' }] }, { field: 'fields.seats', in: [42, "' OR 1=1 --"] }] },
            account: { all: [{ field: 'account', eq: '$viewer.account' }, { field: 'status', in: ['new'] }] },
          },
        });
        server = await startServer(kind, { portal: config.portal, scopes: config.scopes });
        for (const [k, p] of Object.entries({ alex, blair, casey, dana, sam })) t[k] = await tokenFor(p);
        filedForBlair = await create('alex', 'Filed under Blair\'s customer number', { customer_no: 'cust-blair' });
        watchedByCasey = await create('alex', 'Casey watches this', { watchers: ['cust-dylan', 'cust-casey'] });
        vipCase = await create('sam', 'A VIP case at acme', { vip: true });
        seatsCase = await create('sam', 'Forty-two seats', { seats: 42 });
        plain = await create('alex', 'Nothing special', { customer_no: '42', seats: 41 });
        samNew = await create('sam', 'Sam, new', {});
      });
      after(() => server.close());

      it('a fields.<key> scope shows a case to the person it names, in the list and by id', async () => {
        expect(await listIds('blair', '&view=mine')).to.deep.equal([filedForBlair.id]);
        // Everything Blair reads: hers by the customer number, and the case linked to everyone by its seats.
        expect(await listIds('blair')).to.have.members([filedForBlair.id, seatsCase.id]);
        expect(await status('blair', filedForBlair.id)).to.equal(200);
        expect(await status('blair', plain.id)).to.equal(404);
        // Visible is not owned: core's policy keeps writes to the requester (and replies to contacts).
        const reply = await call(server, `/cases/${filedForBlair.id}/messages`, { method: 'POST', token: t.blair, body: JSON.stringify({ body: 'hi' }) });
        expect(reply.status).to.equal(403);
      });

      it('eq on a multichoice field means "the list holds it"', async () => {
        expect(await listIds('casey', '&view=mine')).to.deep.equal([watchedByCasey.id]);
        expect(await status('casey', watchedByCasey.id)).to.equal(200);
        expect(await status('casey', filedForBlair.id)).to.equal(404);
      });

      it('booleans and numbers compare by type; a hostile value is only a value', async () => {
        // alex (acme) sees the VIP case of his account as linked, and the 42-seat case; not the 41-seat one by that rule.
        const linked = await listIds('alex', '&view=linked');
        expect(linked).to.have.members([vipCase.id, seatsCase.id]);
        expect(await status('alex', vipCase.id)).to.equal(200);
        // Blair (globex) is not in acme: the VIP rule needs the account too; 42 seats is linked for everyone.
        expect(await listIds('blair', '&view=linked')).to.deep.equal([seatsCase.id]);
        // customer_no "42" (a string) is not the number 42 of the seats rule.
        expect(linked).to.not.include(plain.id);
      });

      it('the account scope can narrow by status', async () => {
        const ids = await listIds('dana', '&view=account');
        expect(ids).to.include(samNew.id);
        // Closed: out of the account scope for the supervisor.
        await call(server, `/cases/${samNew.id}/transitions`, { method: 'POST', token: t.sam, body: JSON.stringify({ action: 'close', status: 'closed' }) });
        expect(await listIds('dana', '&view=account')).to.not.include(samNew.id);
        expect(await status('dana', samNew.id)).to.equal(404);
      });

      it('field filters on top of a scope keep to the scope', async () => {
        expect(await listIds('blair', '&f.product=router-x200')).to.have.members([filedForBlair.id, seatsCase.id]);
        expect(await listIds('blair', '&f.product=router-x200&view=mine')).to.deep.equal([filedForBlair.id]);
      });
    });

    describe('feature switches', () => {
      let db: { url: string; drop(): Promise<void> };
      let server: RunningServer;
      let token: string;
      let caseId: string;
      const listen = async (config: ServerConfig): Promise<RunningServer> => {
        const app = await buildApp(config, { logger: false });
        const url = await app.listen({ host: '127.0.0.1', port: 0 });
        return { url, close: () => app.close() };
      };
      before(async () => {
        token = await tokenFor(alex);
        db = await freshDatabaseUrl(kind);
        // A case made while everything was on; then the admin switches features off and restarts.
        const before = await listen(testConfig({ database: db.url }));
        const res = await call(before, '/cases', { method: 'POST', token, body: JSON.stringify({ subject: 'Made before', description: 'y', fields: { product: 'router-x200' } }) });
        caseId = ((await res.json()) as Json).id;
        await before.close();
        const portal = structuredClone(demoSchema);
        portal.features = { ...portal.features, create: false, close: false, feedback: false, complain: false };
        server = await listen(testConfig({ database: db.url, portal }));
      });
      after(async () => {
        await server.close();
        await db.drop();
      });

      it('GET /schema and /me describe what is off', async () => {
        const schema = (await (await call(server, '/schema', { token })).json()) as Json;
        // The labels' translations travel with the schema (the elements show their language's words).
        expect(schema.translations.de.statuses.open).to.equal('Offen');
        expect(schema.translations.he.fields.product.label).to.equal('מוצר');
        expect(schema.features).to.include({ create: false, close: false, feedback: false, complain: false, cancel: true });
        const me = (await (await call(server, '/me', { token })).json()) as Json;
        for (const p of ['create', 'close', 'feedback', 'complain']) expect(me.permissions).to.not.include(p);
        expect(me.permissions).to.include.members(['cancel', 'reply']);
      });

      it('the server refuses a switched-off action even when a client sends it; what is on still works', async () => {
        const post = (path: string, body: unknown) => call(server, path, { method: 'POST', token, body: JSON.stringify(body) });
        const refused: [string, unknown][] = [
          ['/cases', { subject: 'x', description: 'y', fields: { product: 'router-x200' } }],
          [`/cases/${caseId}/transitions`, { action: 'close', status: 'closed' }],
          [`/cases/${caseId}/messages`, { body: 'This was handled badly.', kind: 'complaint' }],
        ];
        for (const [path, body] of refused) {
          const res = await post(path, body);
          expect(res.status, path).to.equal(403);
          expect(((await res.json()) as Json).error.code, path).to.equal('forbidden');
        }
        expect((await post(`/cases/${caseId}/messages`, { body: 'A plain reply still works.' })).status).to.equal(201);
        expect((await post(`/cases/${caseId}/transitions`, { action: 'cancel' })).status).to.equal(200);
        expect((await post(`/cases/${caseId}/feedback`, { rating: 5 })).status).to.equal(403);
      });
    });
  });
}
