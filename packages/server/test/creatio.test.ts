/**
 * The Creatio connector's own behaviour over real HTTP: the case server → the connector → the
 * strict fake Creatio (support/fake-creatio.ts). Config checks, the schema, status mapping from the
 * CaseStatus flags and the statusMap, scoping (a case Creatio returns by mistake is dropped), the
 * case feed without internal notes, files into CaseFile and proxied downloads, an upload over the
 * limit, a renamed column, a 429 storm, an expired session, OAuth, and live updates.
 */
import { expect } from 'chai';
import { parseConfig } from '../src/config/load.js';
import { itRidesOutStorms } from './support/connector-storms.js';
import { call, DB_KINDS, testConfig, tokenFor, type Person } from './support/server.js';
import { startCreatioServer, type CreatioServer } from './support/creatio-server.js';
import type { Row } from './support/fake-creatio.js';

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, any> }); // eslint-disable-line @typescript-eslint/no-explicit-any

/** A contact of the account "Acme" in Creatio and the host site's token for them. */
function customer(s: CreatioServer, tag: string, role: Person['role'] = 'customer'): { contact: Row; token: () => Promise<string> } {
  const account = s.fake.rows('Account').find((a) => a.Name === 'Acme') ?? s.fake.addAccount('Acme');
  const contact = s.fake.addContact({ name: `Person ${tag}`, email: `${tag}@acme.example`, accountId: account.Id });
  return { contact, token: () => tokenFor({ sub: `sub-${tag}`, name: `Person ${tag}`, email: `${tag}@acme.example`, role }) };
}

async function upload(s: CreatioServer, token: string, name: string, bytes: Uint8Array<ArrayBuffer>, type = 'text/plain') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return json(await fetch(`${s.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } }));
}

describe('Creatio connector: config', () => {
  const base = () => ({ ...testConfig(), backend: undefined });
  const problems = (backend: unknown, env: NodeJS.ProcessEnv = {}) => {
    try {
      parseConfig({ ...base(), backend }, 'creatio.json', env);
      return [];
    } catch (e) {
      return (e as { problems: string[] }).problems;
    }
  };

  it('names every problem of backend at once', () => {
    expect(problems({ kind: 'creatio', baseUrl: 'acme.creatio.com', auth: { kind: 'basic' }, customerMatch: 'phone', pollIntervalMs: -1, colour: 'red' })).to.have.members([
      'backend.colour: unknown key (known: kind, baseUrl, auth, customerMatch, statusMap, fields, pollIntervalMs, timeoutMs, retryBudgetMs, maxCases, maxUploadBytes)',
      'backend.baseUrl: "acme.creatio.com" is not the Creatio address, like https://acme.creatio.com',
      'backend.auth.kind: "basic" is not a Creatio sign-in (one of forms, oauth)',
      'backend.customerMatch: "phone" is not a customer match rule (one of email)',
      'backend.pollIntervalMs: at least 0, got -1',
    ]);
    expect(problems({ kind: 'creatio', baseUrl: 'https://acme.creatio.com', auth: { kind: 'forms', userName: 'Supervisor' }, customerMatch: { field: 'Usr Portal' }, fields: { product: 'Usr-Product' } })).to.have.members([
      'backend.customerMatch.field: "Usr Portal" is not a Contact column name like "UsrPortalUserId"',
      'backend.fields.product: "Usr-Product" is not a Case column name like "UsrSerialNumber"',
    ]);
    expect(problems({ kind: 'creatio', baseUrl: 'https://acme.creatio.com', auth: { kind: 'forms', userName: 'Supervisor' }, customerMatch: 'email', statusMap: { 'On hold': 'hold' } })).to.deep.equal([
      'backend.auth.password: required, in the file (env:NAME) or in CASE_PORTAL_CREATIO_PASSWORD',
      'backend.statusMap.On hold: "hold" is not a status of the Creatio portal (new, open, pending, resolved, closed, canceled)',
    ]);
    expect(problems({ kind: 'creatio', baseUrl: 'https://acme.creatio.com', auth: { kind: 'oauth', identityUrl: 'https://acme-is.creatio.com', clientId: 'portal' }, customerMatch: 'email' })).to.deep.equal([
      'backend.auth.clientSecret: required, in the file (env:NAME) or in CASE_PORTAL_CREATIO_CLIENT_SECRET',
    ]);
    try {
      parseConfig({ ...base(), pretendAgentMs: 5000, backend: { kind: 'creatio', baseUrl: 'https://acme.creatio.com', auth: { kind: 'forms', userName: 'S', password: 'p' }, customerMatch: 'email' } }, 'creatio.json', {});
      expect.fail('accepted a pretend agent on Creatio');
    } catch (e) {
      expect((e as { problems: string[] }).problems).to.deep.equal(["pretendAgentMs: the pretend agent works on the server's own database only; set it to 0 with backend creatio"]);
    }
  });

  it('reads the secrets from the environment when the file leaves them out, and env:NAME in the file', () => {
    const c = parseConfig({ ...base(), backend: { kind: 'creatio', baseUrl: 'https://acme.creatio.com', auth: { kind: 'forms', userName: 'Supervisor' }, customerMatch: 'email' } }, 'creatio.json', { CASE_PORTAL_CREATIO_PASSWORD: 'from-env' });
    expect((c.backend as { auth: object }).auth).to.include({ password: 'from-env' });
    const d = parseConfig({ ...base(), backend: { kind: 'creatio', baseUrl: 'https://acme.creatio.com', auth: { kind: 'oauth', identityUrl: 'https://acme-is.creatio.com', clientId: 'portal', clientSecret: 'env:CR_SECRET' }, customerMatch: { field: 'UsrPortalUserId' } } }, 'creatio.json', { CR_SECRET: 's3cret' });
    expect((d.backend as { auth: object }).auth).to.include({ clientSecret: 's3cret' });
  });
});

describe('Creatio connector over the fake Creatio', function () {
  this.timeout(30_000);
  let s: CreatioServer;
  before(async () => {
    s = await startCreatioServer({ backend: { statusMap: { Reopened: 'pending' }, maxUploadBytes: 1024 } });
  });
  after(() => s.close());

  it('describes the six portal statuses, files and feedback on, complaints and copied people off', async () => {
    const alex = customer(s, 'schema');
    const { body } = await json(await call(s, '/schema', { token: await alex.token() }));
    expect(body.statuses.map((x: { id: string }) => x.id)).to.deep.equal(['new', 'open', 'pending', 'resolved', 'closed', 'canceled']);
    expect(body.closeStatuses).to.deep.equal(['resolved', 'closed']);
    expect(body.cancelStatus).to.equal('canceled');
    expect(body.features).to.include({ complain: false, feedback: true, attachments: true, cancel: true });
    expect(body.views).to.not.include('linked');
    expect(body.participants ?? null).to.equal(null);
    expect(body.limits.maxAttachmentBytes).to.equal(1024);
    expect(body.fields.map((f: { key: string }) => f.key)).to.have.members(['product', 'serial_number']);
    const me = await json(await call(s, '/me', { token: await alex.token() }));
    expect(me.body.id).to.equal(`cp_${alex.contact.Id}`);
  });

  it('maps statuses from the CaseStatus flags and the statusMap; a status the lookup lacks is shown as open and logged', async () => {
    const alex = customer(s, 'statuses');
    const st = s.fake.status;
    const made: Record<string, Row> = {};
    for (const [name, id] of Object.entries(st)) made[name] = s.fake.addCase({ contactId: alex.contact.Id, subject: `In ${name}`, statusId: id });
    const odd = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Odd' });
    odd.StatusId = '00000000-0000-4000-8000-000000000001';
    const { body } = await json(await call(s, '/cases?limit=50', { token: await alex.token() }));
    const statusOf = (r: Row) => body.items.find((c: { id: string }) => c.id === `cc_${r.Id}`).status.id;
    expect(Object.fromEntries(Object.entries(made).map(([k, r]) => [k, statusOf(r)]))).to.deep.equal({
      new: 'new',
      inProgress: 'open',
      waiting: 'pending',
      resolved: 'resolved',
      reopened: 'pending', // the statusMap: Reopened → pending
      closed: 'closed',
      canceled: 'canceled',
    });
    expect(statusOf(odd)).to.equal('open');
    expect(s.logs.some((l) => l.status === odd.StatusId && String(l.msg).includes('status map does not know'))).to.equal(true);
  });

  it('drops a case Creatio returns that belongs to someone else: not listed, not readable', async () => {
    const alex = customer(s, 'scoped');
    const stranger = s.fake.addContact({ name: 'Stranger', email: 'stranger@elsewhere.example' });
    const own = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Mine' });
    const foreign = s.fake.addCase({ contactId: stranger.Id, subject: 'Secret of someone else' });
    s.fake.leakIntoLists.push(foreign.Id);
    try {
      const list = await json(await call(s, '/cases?limit=100', { token: await alex.token() }));
      expect(s.fake.requests.some((r) => decodeURIComponent(r.replace(/\+/g, ' ')).includes(`$filter=Contact/Id eq ${alex.contact.Id}`))).to.equal(true);
      const ids = list.body.items.map((c: { id: string }) => c.id);
      expect(ids).to.include(`cc_${own.Id}`).and.not.include(`cc_${foreign.Id}`);
      expect(list.body.total).to.equal(ids.length);
      for (const path of [`/cases/cc_${foreign.Id}`, `/cases/cc_${foreign.Id}/messages`, `/cases/cc_${foreign.Id}/history`, `/cases/cc_${foreign.Id}/files`]) {
        expect((await call(s, path, { token: await alex.token() })).status, path).to.equal(404);
      }
      expect(s.logs.some((l) => l.case === foreign.Id && String(l.msg).includes('outside the caller'))).to.equal(true);
    } finally {
      s.fake.leakIntoLists.length = 0;
    }
  });

  it("a supervisor reads the account's cases; a customer only their own", async () => {
    const alex = customer(s, 'acct-a');
    const dana = customer(s, 'acct-boss', 'supervisor');
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Alex only' });
    const forDana = await json(await call(s, '/cases?limit=200', { token: await dana.token() }));
    expect(forDana.body.items.map((x: { id: string }) => x.id)).to.include(`cc_${c.Id}`);
    const forBo = await json(await call(s, '/cases?limit=200', { token: await customer(s, 'acct-b').token() }));
    expect(forBo.body.items.map((x: { id: string }) => x.id)).to.not.include(`cc_${c.Id}`);
  });

  it('shows the case feed only: internal notes and other records\' feed messages never reach the customer', async () => {
    const alex = customer(s, 'notes');
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Router', symptoms: 'Reboots nightly.', notes: 'Internal: customer is on old firmware' });
    s.fake.addMessage(c.Id, 'Please update to 4.3.');
    // A feed message of another object whose record id happens to be the case's.
    s.fake.insert('SocialMessage', { Message: 'Account feed post', EntitySchemaUId: '25d7c1ab-1de0-4501-b402-02e0e5a72d6e', EntityId: c.Id });
    const token = await alex.token();
    const { body } = await json(await call(s, `/cases/cc_${c.Id}/messages`, { token }));
    expect(body.items.map((m: { body: string }) => m.body)).to.deep.equal(['Please update to 4.3.']);
    expect(body.items[0].author.role).to.equal('agent');
    const one = await call(s, `/cases/cc_${c.Id}`, { token });
    const text = await one.text();
    expect(text).to.contain('Reboots nightly.').and.not.contain('old firmware');
  });

  it('closes as Resolved, reopens to an open status, and takes feedback as a SatisfactionLevel', async () => {
    const alex = customer(s, 'lifecycle');
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Printer' });
    const token = await alex.token();
    let cur = (await json(await call(s, `/cases/cc_${c.Id}`, { token }))).body;
    let r = await json(await call(s, `/cases/cc_${c.Id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'close', status: 'resolved', version: cur.version }) }));
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(s.fake.row('Case', c.Id)!.StatusId).to.equal(s.fake.status.resolved);
    expect(r.body.status.id).to.equal('resolved');
    r = await json(await call(s, `/cases/cc_${c.Id}/feedback`, { token, method: 'POST', body: JSON.stringify({ rating: 4, comment: 'Quick, thanks.' }) }));
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    const level = s.fake.row('SatisfactionLevel', String(s.fake.row('Case', c.Id)!.SatisfactionLevelId))!;
    expect(level.Point).to.equal(4);
    expect(s.fake.row('Case', c.Id)!.SatisfactionLevelComment).to.equal('Quick, thanks.');
    cur = (await json(await call(s, `/cases/cc_${c.Id}`, { token }))).body;
    expect(cur.feedback).to.deep.include({ rating: 4, comment: 'Quick, thanks.' });
    r = await json(await call(s, `/cases/cc_${c.Id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'reopen', comment: 'It is back.', version: cur.version }) }));
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    // This server's statusMap sends Creatio's "Reopened" to pending: a reopen goes to the first status that maps to open.
    expect(s.fake.row('Case', c.Id)!.StatusId).to.equal(s.fake.status.inProgress);
    const history = (await json(await call(s, `/cases/cc_${c.Id}/history`, { token }))).body;
    const entries = (Array.isArray(history) ? history : history.items) as { to: { id: string } }[];
    expect(entries.map((h) => h.to.id)).to.deep.equal(['open', 'resolved', 'open']);
    expect(s.fake.rows('SocialMessage').some((m) => m.EntityId === c.Id && m.Message === 'It is back.' && m.CreatedById === alex.contact.Id)).to.equal(true);
  });

  it('carries a reply\'s file into a CaseFile with its Data, leaves no copy on the server, and proxies the download within scope', async () => {
    const alex = customer(s, 'files');
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Logs' });
    const token = await alex.token();
    const bytes = new TextEncoder().encode('router log line 1\n');
    const up = await upload(s, token, 'router.log', bytes);
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const m = await json(await call(s, `/cases/cc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Here are the logs.', attachmentIds: [up.body.id] }) }));
    expect(m.status, JSON.stringify(m.body)).to.equal(201);
    const file = s.fake.rows('CaseFile').find((f) => f.CaseId === c.Id)!;
    expect(file.Name).to.equal('router.log');
    expect(Buffer.from(s.fake.files.get(file.Id)!).toString()).to.equal('router log line 1\n');
    expect(`f_${file.Id.replace(/-/g, '')}`).to.equal(up.body.id);
    const files = await json(await call(s, `/cases/cc_${c.Id}/files`, { token }));
    const listed = (Array.isArray(files.body) ? files.body : files.body.items) as { id: string; messageId: string; url: string }[];
    expect(listed.map((f) => [f.id, f.messageId])).to.deep.equal([[up.body.id, m.body.id]]);
    const download = await fetch(new URL(listed[0]!.url, `${s.url}/`));
    expect(download.status).to.equal(200);
    expect(await download.text()).to.equal('router log line 1\n');
    expect(download.headers.get('content-disposition')).to.contain('router.log');
    // The case moves to another contact in Creatio: the same link stops working.
    s.fake.modify('Case', c.Id, { ContactId: s.fake.addContact({ name: 'Someone else' }).Id, AccountId: null });
    expect((await fetch(new URL(listed[0]!.url, `${s.url}/`))).status).to.equal(404);
  });

  it('refuses an upload over Creatio\'s limit before anything is sent to Creatio', async () => {
    const alex = customer(s, 'upload');
    const token = await alex.token();
    const sent = s.fake.requests.length;
    const r = await upload(s, token, 'big.pdf', new Uint8Array(2048), 'application/pdf');
    expect(r.status).to.equal(413);
    expect(r.body.error.code).to.equal('too_large');
    expect(s.fake.requests.slice(sent).filter((x) => x.includes('CaseFile'))).to.deep.equal([]);
  });

  it('reads a case whose custom column was renamed or status removed; a write to the old column is refused with the generic error and logged', async () => {
    const alex = customer(s, 'renamed');
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Serial', UsrSerialNumber: 'SN-1', UsrProduct: 'router-x200' });
    c.StatusId = null;
    const token = await alex.token();
    let one = await json(await call(s, `/cases/cc_${c.Id}`, { token }));
    expect(one.body.fields).to.deep.equal({ serial_number: 'SN-1', product: 'router-x200' });
    expect(one.body.status.id).to.equal('open');
    s.fake.renameCaseColumn('UsrSerialNumber', 'UsrSerialNo');
    try {
      const list = await json(await call(s, '/cases?limit=100', { token }));
      expect(list.status).to.equal(200);
      one = await json(await call(s, `/cases/cc_${c.Id}`, { token }));
      expect(one.body.fields).to.deep.equal({ product: 'router-x200' });
      const r = await json(await call(s, `/cases/cc_${c.Id}`, { token, method: 'PATCH', headers: { 'if-match': `"${one.body.version}"` }, body: JSON.stringify({ changes: { serial_number: 'SN-2' } }) }));
      expect(r.status).to.equal(502);
      expect(r.body.error.code).to.equal('server');
      expect(JSON.stringify(r.body)).to.not.contain('UsrSerialNumber');
      expect(s.logs.some((l) => String(l.msg).includes('Creatio refused a write') && JSON.stringify(l.answer).includes('UsrSerialNumber'))).to.equal(true);
    } finally {
      s.fake.renameCaseColumn('UsrSerialNo', 'UsrSerialNumber');
    }
  });

  it('refuses an agent\'s token: agents work in Creatio', async () => {
    const r = await json(await call(s, '/cases', { token: await tokenFor({ sub: 'agent-1', name: 'Sam', role: 'agent' }) }));
    expect(r.status).to.equal(403);
  });

  itRidesOutStorms({
    server: () => s,
    customer: (tag) => customer(s, tag),
    warmUp: '/cases',
    listRoute: (route) => route.startsWith('GET /0/odata/Case'),
  });

  it('a session that expires mid-session signs in again once; a refused sign-in is the generic error and a log line', async () => {
    const alex = customer(s, 'expired');
    const token = await alex.token();
    expect((await call(s, '/cases', { token })).status).to.equal(200);
    const logins = s.fake.logins;
    s.fake.expireSessions();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'After expiry' });
    const r = await json(await call(s, `/cases/cc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Written after the session expired.' }) }));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(s.fake.logins).to.equal(logins + 1);
    expect(s.logs.some((l) => String(l.msg).includes('session expired; signing in again'))).to.equal(true);

    const good = s.fake.password;
    (s.fake as { password: string }).password = 'changed-by-the-admin';
    s.fake.expireSessions();
    try {
      const refused = await json(await call(s, '/cases', { token }));
      expect(refused.status).to.equal(503);
      expect(refused.body.error.code).to.equal('server');
      const line = s.logs.find((l) => String(l.msg).includes('signing in to Creatio failed'));
      expect(line, 'a log line for the operator').to.not.equal(undefined);
      expect(line!.level).to.equal(50);
    } finally {
      (s.fake as { password: string }).password = good;
    }
    expect((await call(s, '/cases', { token })).status).to.equal(200);
  });
});

describe('Creatio connector with an OAuth client (client credentials)', function () {
  this.timeout(30_000);
  let s: CreatioServer;
  before(async () => {
    s = await startCreatioServer({ oauth: true });
  });
  after(() => s.close());

  it('gets a token at the identity service, sends it as Bearer, and gets a new one when it expires', async () => {
    const alex = customer(s, 'oauth');
    const token = await alex.token();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'OAuth' });
    const list = await json(await call(s, '/cases', { token }));
    expect(list.status, JSON.stringify(list.body)).to.equal(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).to.include(`cc_${c.Id}`);
    const logins = s.fake.logins;
    s.fake.expireSessions();
    const r = await json(await call(s, `/cases/cc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Through OAuth.' }) }));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(s.fake.logins).to.equal(logins + 1);
    expect(s.fake.requests.length).to.be.greaterThan(0);
    // Every OData request carried a bearer token; the one refused after the expiry carried the old one.
    expect(s.fake.bearerRequests).to.equal(s.fake.requests.length - 1);
  });
});

for (const kind of DB_KINDS) {
  describe(`Creatio connector: live updates from polling ModifiedOn (server database: ${kind})`, function () {
    this.timeout(30_000);
    let s: CreatioServer;
    before(async () => {
      s = await startCreatioServer({ kind, backend: { pollIntervalMs: 200 } });
    });
    after(() => s.close());

    it("an agent's change in Creatio reaches the customer's event feed as case-changed; other customers hear nothing", async () => {
      const alex = customer(s, 'live');
      const bo = customer(s, 'live-other');
      const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Live' });
      const token = await alex.token();
      const first = await json(await call(s, '/events', { token }));
      const cursor = first.body.cursor as string;
      await new Promise((r) => setTimeout(r, 300));
      s.fake.modify('Case', c.Id, { StatusId: s.fake.status.waiting });
      const deadline = Date.now() + 15_000;
      let events: { type: string; caseId: string }[] = [];
      while (Date.now() < deadline) {
        const page = await json(await call(s, `/events?since=${encodeURIComponent(cursor)}`, { token }));
        events = page.body.events ?? [];
        if (events.some((e) => e.caseId === `cc_${c.Id}`)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(events).to.deep.include({ type: 'case-changed', caseId: `cc_${c.Id}` });
      const others = await json(await call(s, `/events?since=${encodeURIComponent(cursor)}`, { token: await bo.token() }));
      expect((others.body.events ?? []).filter((e: { caseId: string }) => e.caseId === `cc_${c.Id}`)).to.deep.equal([]);
      const now = await json(await call(s, `/cases/cc_${c.Id}`, { token }));
      expect(now.body.status.id).to.equal('pending');
    });

    it('without a statusMap, a reopen goes to Creatio\'s "Reopened"', async () => {
      const alex = customer(s, 'reopened');
      const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Comes back', statusId: s.fake.status.resolved });
      const token = await alex.token();
      const cur = (await json(await call(s, `/cases/cc_${c.Id}`, { token }))).body;
      expect(cur.status.id).to.equal('resolved');
      const r = await json(await call(s, `/cases/cc_${c.Id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'reopen', comment: 'Again.', version: cur.version }) }));
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.status.id).to.equal('open');
      expect(s.fake.row('Case', c.Id)!.StatusId).to.equal(s.fake.status.reopened);
    });
  });
}
