/**
 * The Salesforce connector's own behaviour over real HTTP: the case server → the connector → the
 * strict fake Salesforce (support/fake-salesforce.ts). Config checks, status mapping from
 * CaseStatus, scoping (a Case Salesforce returns by mistake is dropped), private comments, the
 * FeedItem thread, files to and from Salesforce (uploads, downloads through the server, the
 * upload limit), a 429 storm and REQUEST_LIMIT_EXCEEDED, an expired session mid-session, revoked
 * credentials, a missing or renamed field, the JWT bearer flow, an external id match, and live
 * updates from the SystemModstamp poll.
 */
import { expect } from 'chai';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { parseConfig } from '../src/config/load.js';
import { buildApp } from '../src/index.js';
import { itRidesOutStorms } from './support/connector-storms.js';
import { call, DB_KINDS, freshDatabaseUrl, testConfig, tokenFor, type Person } from './support/server.js';
import { startSalesforceServer, type SalesforceServer } from './support/salesforce-server.js';
import { FakeSalesforce, type Rec } from './support/fake-salesforce.js';

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, any> }); // eslint-disable-line @typescript-eslint/no-explicit-any

/** A customer in Salesforce (a Contact of the Acme Account) and the host site's token for them. */
function customer(s: SalesforceServer, tag: string, role: Person['role'] = 'customer'): { contact: Rec; token: () => Promise<string> } {
  const account = [...s.fake.table('Account').values()].find((a) => a.Name === 'Acme') ?? s.fake.addAccount('Acme');
  const contact = s.fake.addContact({ name: `Person ${tag}`, email: `${tag}@acme.example`, accountId: account.Id });
  return { contact, token: () => tokenFor({ sub: `sub-${tag}`, name: `Person ${tag}`, email: `${tag}@acme.example`, org: 'acme', role }) };
}

async function upload(s: SalesforceServer, token: string, name: string, bytes: Uint8Array, type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(bytes)], { type }), name);
  return json(await fetch(`${s.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } }));
}

describe('Salesforce connector: config', () => {
  const base = () => ({ ...testConfig(), backend: undefined });
  const problems = (backend: unknown, env: NodeJS.ProcessEnv = {}) => {
    try {
      parseConfig({ ...base(), backend }, 'salesforce.json', env);
      return [];
    } catch (e) {
      return (e as { problems: string[] }).problems;
    }
  };

  it('names every problem of backend at once', () => {
    expect(problems({ kind: 'salesforce', instanceUrl: 'acme.my.salesforce.com', apiVersion: '62', auth: { flow: 'password' }, customerMatch: 'phone', thread: 'Chatter', statusMap: { Closed: 'done' }, fields: { product: 'Product c' }, colour: 'red' })).to.have.members([
      'backend.colour: unknown key (known: kind, instanceUrl, loginUrl, apiVersion, auth, customerMatch, statusMap, fields, thread, feedbackFields, pollIntervalMs, timeoutMs, retryBudgetMs, maxCases, maxUploadBytes)',
      'backend.instanceUrl: "acme.my.salesforce.com" is not a My Domain URL like https://acme.my.salesforce.com (no path)',
      'backend.apiVersion: "62" is not an API version like "v62.0"',
      'backend.auth.flow: "password" is not a Salesforce OAuth flow (one of client-credentials, jwt-bearer)',
      'backend.customerMatch: "email" or { "externalIdField": "Portal_Id__c" }, got "phone"',
      'backend.thread: "Chatter" is not a thread object (one of CaseComment, FeedItem)',
      'backend.statusMap.Closed: "done" is not a status category (one of new, open, pending-agent, pending-customer, on-hold, resolved, closed, canceled, merged)',
      'backend.fields.product: "Product c" is not a field API name like "Product__c"',
    ]);
    expect(problems({ kind: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', loginUrl: 'https://login.salesforce.com', auth: { flow: 'client-credentials', clientId: 'c' }, customerMatch: 'email' })).to.deep.equal([
      'backend: exactly one of instanceUrl or loginUrl',
      'backend.auth.clientSecret: required for the client credentials flow, in the file (env:NAME) or in CASE_PORTAL_SALESFORCE_CLIENT_SECRET',
    ]);
    expect(problems({ kind: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { flow: 'jwt-bearer', clientId: 'c', username: 'u@acme.example', privateKey: 'not a key' }, customerMatch: { externalIdField: 'Portal_Id__c' }, fields: { a: 'X__c', b: 'X__c' } })).to.deep.equal([
      'backend.auth.privateKey: expected a PEM private key ("-----BEGIN PRIVATE KEY-----…")',
      'backend.fields: "X__c" is mapped twice',
    ]);
    expect(problems({ kind: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { flow: 'client-credentials', clientId: 'c', clientSecret: 's' }, customerMatch: 'email' }).length).to.equal(0);
    try {
      parseConfig({ ...base(), pretendAgentMs: 5000, backend: { kind: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { flow: 'client-credentials', clientId: 'c', clientSecret: 's' }, customerMatch: 'email' } }, 'salesforce.json', {});
      expect.fail('accepted a pretend agent on Salesforce');
    } catch (e) {
      expect((e as { problems: string[] }).problems).to.deep.equal(["pretendAgentMs: the pretend agent works on the server's own database only; set it to 0 with backend salesforce"]);
    }
  });

  it('reads the secrets from the environment when the file leaves them out', () => {
    const c = parseConfig({ ...base(), backend: { kind: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { flow: 'client-credentials', clientId: 'c' }, customerMatch: 'email' } }, 'salesforce.json', { CASE_PORTAL_SALESFORCE_CLIENT_SECRET: 'from-env' });
    expect((c.backend as { auth: object }).auth).to.include({ clientSecret: 'from-env' });
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----';
    const d = parseConfig({ ...base(), backend: { kind: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { flow: 'jwt-bearer', clientId: 'c', username: 'u@acme.example' }, customerMatch: 'email' } }, 'salesforce.json', { CASE_PORTAL_SALESFORCE_PRIVATE_KEY: pem });
    expect((d.backend as { auth: object }).auth).to.include({ privateKey: pem });
    expect(problems({ kind: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { flow: 'jwt-bearer', clientId: 'c', username: 'u' }, customerMatch: 'email' })).to.deep.equal([
      "backend.auth.privateKey: required for the JWT bearer flow (the PEM private key of the connected app's certificate), in the file (env:NAME) or in CASE_PORTAL_SALESFORCE_PRIVATE_KEY",
    ]);
  });
});

describe('Salesforce connector over the fake Salesforce', function () {
  this.timeout(30_000);
  let s: SalesforceServer;
  before(async () => {
    s = await startSalesforceServer({
      fake: { batchSize: 2, statuses: [
        { ApiName: 'New', MasterLabel: 'New', IsClosed: false, IsDefault: true },
        { ApiName: 'Working', MasterLabel: 'Working on it', IsClosed: false },
        { ApiName: 'Waiting_on_Customer', MasterLabel: 'Waiting on you', IsClosed: false },
        { ApiName: 'Closed', MasterLabel: 'Closed', IsClosed: true },
        { ApiName: 'Closed_Duplicate', MasterLabel: 'Closed as duplicate', IsClosed: true },
      ], caseFields: { Product__c: 'string' } },
      backend: { statusMap: { Waiting_on_Customer: 'pending-customer', Closed_Duplicate: 'closed' }, maxUploadBytes: 2048, fields: { product: 'Product__c' } },
    });
  });
  after(() => s.close());

  it('describes the org\'s statuses from CaseStatus and switches off what a Case cannot do', async () => {
    const alex = customer(s, 'schema');
    const { body } = await json(await call(s, '/schema', { token: await alex.token() }));
    expect(body.statuses).to.deep.equal([
      { id: 'new', label: 'New', category: 'new' },
      { id: 'working', label: 'Working on it', category: 'open' },
      { id: 'waiting-on-customer', label: 'Waiting on you', category: 'pending-customer' },
      { id: 'closed', label: 'Closed', category: 'resolved' },
      { id: 'closed-duplicate', label: 'Closed as duplicate', category: 'closed' },
    ]);
    expect(body.closeStatuses).to.deep.equal(['closed', 'closed-duplicate']);
    expect(body.reopenStatus).to.equal('working');
    expect(body.cancelStatus).to.equal(null);
    expect(body.participants ?? null).to.equal(null);
    expect(body.views).to.not.include('linked');
    expect(body.fields.map((f: { key: string }) => f.key)).to.deep.equal(['product']);
    // No feedbackFields in this config: Salesforce has no standard rating of a Case.
    expect(body.features).to.include({ cancel: false, complain: false, feedback: false, attachments: true });
    expect(body.limits.maxAttachmentBytes).to.equal(2048);
    // The admin's translations keep only what still names something here (the demo portal's are for its own statuses and options).
    const ids = body.statuses.map((x: { id: string }) => x.id);
    expect(Object.keys(body.translations ?? {}).length, 'the test config has translations').to.be.greaterThan(0);
    for (const t of Object.values(body.translations) as { statuses?: object; priorities?: object; fields?: object }[]) {
      expect(Object.keys(t.statuses ?? {}).every((k) => ids.includes(k))).to.equal(true);
      expect(Object.keys(t.priorities ?? {}).every((k) => ['Low', 'Medium', 'High'].includes(k))).to.equal(true);
      expect(Object.keys(t.fields ?? {}).every((k) => k === 'product')).to.equal(true);
    }
    const me = await json(await call(s, '/me', { token: await alex.token() }));
    expect(me.body.id).to.equal(`sp_${alex.contact.Id}`);
    expect(me.body.permissions).to.not.include.members(['cancel', 'complain', 'feedback']);
  });

  it('maps each Case Status by CaseStatus and the statusMap; a value the org does not list is shown as the default status and logged; a missing Status too', async () => {
    const alex = customer(s, 'statuses');
    const ids: Record<string, string> = {};
    for (const st of ['New', 'Working', 'Waiting_on_Customer', 'Closed', 'Closed_Duplicate']) ids[st] = s.fake.addCase({ contactId: alex.contact.Id, subject: `In ${st}`, status: st }).Id;
    const odd = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Odd' });
    odd.Status = 'Archived';
    const missing = s.fake.addCase({ contactId: alex.contact.Id, subject: 'No status' });
    delete missing.Status;
    const list = await json(await call(s, '/cases?limit=50', { token: await alex.token() }));
    expect(list.status).to.equal(200);
    // Seven cases in batches of two: the connector followed nextRecordsUrl.
    expect(list.body.total).to.equal(7);
    const statusOf = (id: string) => list.body.items.find((c: { id: string }) => c.id === `sc_${id}`).status;
    expect(statusOf(ids.New!)).to.deep.include({ id: 'new', category: 'new' });
    expect(statusOf(ids.Waiting_on_Customer!)).to.deep.include({ id: 'waiting-on-customer', category: 'pending-customer' });
    expect(statusOf(ids.Closed!)).to.deep.include({ id: 'closed', category: 'resolved' });
    expect(statusOf(ids.Closed_Duplicate!)).to.deep.include({ id: 'closed-duplicate', category: 'closed' });
    expect(statusOf(odd.Id)).to.deep.include({ id: 'new' });
    expect(statusOf(missing.Id)).to.deep.include({ id: 'new' });
    expect(s.logs.some((l) => l.status === 'Archived' && String(l.msg).includes('CaseStatus list does not have'))).to.equal(true);
    expect((await call(s, `/cases/sc_${missing.Id}`, { token: await alex.token() })).status).to.equal(200);
  });

  it('closes through Status with a closed status and reopens to the open one; Salesforce\'s CaseHistory is the history', async () => {
    const alex = customer(s, 'close');
    const token = await alex.token();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Printer', status: 'Working' });
    const before = await json(await call(s, `/cases/sc_${c.Id}`, { token }));
    const closed = await json(await call(s, `/cases/sc_${c.Id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'close', status: 'closed', version: before.body.version }) }));
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    expect(s.fake.table('Case').get(c.Id)!.Status).to.equal('Closed');
    expect(s.fake.table('Case').get(c.Id)!.IsClosed).to.equal(true);
    const reopened = await json(await call(s, `/cases/sc_${c.Id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'reopen', comment: 'Still too hot.', version: closed.body.version }) }));
    expect(reopened.status, JSON.stringify(reopened.body)).to.equal(200);
    expect(s.fake.table('Case').get(c.Id)!.Status).to.equal('Working');
    const comments = [...s.fake.table('CaseComment').values()].filter((x) => x.ParentId === c.Id);
    expect(comments.map((x) => [x.CommentBody, x.IsPublished])).to.deep.equal([['Still too hot.', true]]);
    const history = await json(await call(s, `/cases/sc_${c.Id}/history`, { token }));
    expect(history.body.items.map((h: { from: { id: string } | null; to: { id: string } }) => [h.from?.id ?? null, h.to.id])).to.deep.equal([
      [null, 'working'],
      ['working', 'closed'],
      ['closed', 'working'],
    ]);
  });

  it('a reopen whose status change Salesforce refuses (a validation rule) leaves no comment behind, and shows the rule\'s message', async () => {
    const alex = customer(s, 'atomic');
    const token = await alex.token();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Atomic', status: 'Closed' });
    const before = await json(await call(s, `/cases/sc_${c.Id}`, { token }));
    s.fake.validationRules.push({ object: 'Case', field: 'Status', message: 'Reopening needs a manager\'s approval.' });
    try {
      const r = await json(await call(s, `/cases/sc_${c.Id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'reopen', comment: 'Please look again.', version: before.body.version }) }));
      expect(r.status, JSON.stringify(r.body)).to.equal(422);
      expect(r.body.error.message).to.equal('Reopening needs a manager\'s approval.');
    } finally {
      s.fake.validationRules.length = 0;
    }
    expect([...s.fake.table('CaseComment').values()].filter((x) => x.ParentId === c.Id)).to.deep.equal([]);
    expect(s.fake.table('Case').get(c.Id)!.Status).to.equal('Closed');
    // The same request again, now allowed, goes through: nothing was half-done.
    const again = await json(await call(s, `/cases/sc_${c.Id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'reopen', comment: 'Please look again.', version: before.body.version }) }));
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect([...s.fake.table('CaseComment').values()].filter((x) => x.ParentId === c.Id).map((x) => x.CommentBody)).to.deep.equal(['Please look again.']);
  });

  it('drops a Case Salesforce returns that belongs to someone else: not listed, not readable', async () => {
    const alex = customer(s, 'scoped');
    const stranger = s.fake.addContact({ name: 'Stranger', email: 'stranger@elsewhere.example' });
    const own = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Mine' });
    const foreign = s.fake.addCase({ contactId: stranger.Id, subject: 'Secret of someone else' });
    s.fake.leakIntoQueries.push(foreign.Id);
    try {
      const list = await json(await call(s, '/cases?limit=100', { token: await alex.token() }));
      expect(s.fake.queries.some((q) => q.includes(`FROM Case WHERE ContactId = '${alex.contact.Id}'`))).to.equal(true);
      const ids = list.body.items.map((c: { id: string }) => c.id);
      expect(ids).to.include(`sc_${own.Id}`).and.not.include(`sc_${foreign.Id}`);
      expect(list.body.total).to.equal(ids.length);
      for (const path of [`/cases/sc_${foreign.Id}`, `/cases/sc_${foreign.Id}/messages`, `/cases/sc_${foreign.Id}/history`, `/cases/sc_${foreign.Id}/files`]) {
        expect((await call(s, path, { token: await alex.token() })).status, path).to.equal(404);
      }
      expect(s.logs.some((l) => l.case === foreign.Id && String(l.msg).includes('outside the caller'))).to.equal(true);
    } finally {
      s.fake.leakIntoQueries.length = 0;
    }
  });

  it('shows published CaseComments only: a private comment never reaches the customer; the portal\'s own comments name their author', async () => {
    const alex = customer(s, 'notes');
    const token = await alex.token();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Router', description: 'Reboots nightly.' });
    s.fake.agentComment(c.Id, 'Internal: customer is on old firmware', false);
    s.fake.agentComment(c.Id, 'Please update to 4.3.', true, 'Waiting_on_Customer');
    const posted = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Updated, still rebooting.' }) }));
    expect(posted.status, JSON.stringify(posted.body)).to.equal(201);
    const { body } = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token }));
    expect(body.items.map((m: { body: string; author: { role: string; id: string } }) => [m.body, m.author.role])).to.deep.equal([
      ['Please update to 4.3.', 'agent'],
      ['Updated, still rebooting.', 'customer'],
    ]);
    expect(body.items[1].author.id).to.equal(`sp_${alex.contact.Id}`);
    expect(body.items[1].id).to.equal(posted.body.id);
    const one = await json(await call(s, `/cases/sc_${c.Id}`, { token }));
    expect(one.body.status.id).to.equal('waiting-on-customer');
    expect(one.body.description).to.equal('Reboots nightly.');
  });

  it('sends a reply\'s file to Salesforce as a ContentVersion visible to portal users, and downloads it back through the server', async () => {
    const alex = customer(s, 'files');
    const token = await alex.token();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Logs' });
    const bytes = new Uint8Array(1500).map((_, i) => (i * 7) % 256);
    const up = await upload(s, token, 'router.pdf', bytes);
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const m = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'The log.', attachmentIds: [up.body.id] }) }));
    expect(m.status, JSON.stringify(m.body)).to.equal(201);
    const [att] = m.body.attachments;
    expect(att.name).to.equal('router.pdf');
    // The file keeps the id it was uploaded under: the page that sent it links that one.
    expect(att.id).to.equal(up.body.id);
    // A ContentVersion linked to the Case for all users (ShareType V), in the same transaction as the comment.
    const link = [...s.fake.table('ContentDocumentLink').values()].find((l) => l.LinkedEntityId === c.Id)!;
    expect(link).to.deep.include({ Visibility: 'AllUsers', ShareType: 'V' });
    const cv = [...s.fake.table('ContentVersion').values()].find((v) => v.ContentDocumentId === link.ContentDocumentId)!;
    expect(cv.PathOnClient).to.equal('router.pdf');
    expect(Buffer.compare(s.fake.blobs.get(cv.Id)!, Buffer.from(bytes))).to.equal(0);
    // The download link is our server's, signed for Alex: Salesforce's URL never reaches the browser.
    expect(att.url).to.match(/^attachments\/f_[A-Za-z0-9]+\/content\?/);
    // The upload's own row and bytes are gone from the server: Salesforce keeps the file now.
    expect((await fetch(`${s.url}/${up.body.url}`)).status, 'the same link now serves Salesforce\'s copy').to.equal(200);
    const got = await fetch(`${s.url}/${att.url}`);
    expect(got.status).to.equal(200);
    expect(got.headers.get('content-disposition')).to.contain('router.pdf');
    expect(Buffer.compare(Buffer.from(await got.arrayBuffer()), Buffer.from(bytes))).to.equal(0);
    // An agent's file shared with portal users is listed; one kept internal is not.
    s.fake.agentFile(c.Id, 'answer.txt', Buffer.from('do this'), 'AllUsers');
    s.fake.agentFile(c.Id, 'internal.txt', Buffer.from('secret'), 'InternalUsers');
    const files = await json(await call(s, `/cases/sc_${c.Id}/files`, { token }));
    expect(files.body.items.map((f: { name: string; messageId: string | null }) => [f.name, f.messageId])).to.deep.equal([
      ['router.pdf', m.body.id],
      ['answer.txt', null],
    ]);
    expect(files.body.items[0].id).to.equal(up.body.id);
    expect(files.body.items[1].id).to.match(/^sv_/);
    const agentCopy = await fetch(`${s.url}/${files.body.items[1].url}`);
    expect(agentCopy.status).to.equal(200);
    expect(await agentCopy.text()).to.equal('do this');
    const messages = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token }));
    expect(messages.body.items[0].attachments.map((a: { name: string }) => a.name)).to.deep.equal(['router.pdf']);
    // Someone else's link to the same file: refused (a link names its person; Bo may not read Alex's case).
    const bo = customer(s, 'files-other');
    const boToken = await bo.token();
    await call(s, '/me', { token: boToken });
    const forged = att.url.replace(/p=[^&]+/, `p=sp_${bo.contact.Id}`);
    expect((await fetch(`${s.url}/${forged}`)).status).to.equal(404);
  });

  it('a download link still works after the server restarts: the person it names is kept in the server\'s database', async () => {
    const fake = new FakeSalesforce();
    await fake.start();
    const db = await freshDatabaseUrl('sqlite');
    const config = testConfig({
      database: db.url,
      fileUrls: { secret: 'a-file-url-secret-that-is-32-bytes-long', ttlSeconds: 3600 },
      backend: { kind: 'salesforce', instanceUrl: fake.url, auth: { flow: 'client-credentials', clientId: fake.clientId, clientSecret: fake.clientSecret }, customerMatch: 'email', pollIntervalMs: 0 },
    });
    const start = async () => {
      const app = await buildApp(structuredClone(config), { logger: false });
      return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
    };
    let first = await start();
    try {
      const acme = fake.addAccount('Acme');
      const alex = fake.addContact({ name: 'Alex Morgan', email: 'alex@acme.example', accountId: acme.Id });
      const c = fake.addCase({ contactId: alex.Id, subject: 'Restart' });
      fake.agentFile(c.Id, 'answer.txt', Buffer.from('after a restart'), 'AllUsers');
      const token = await tokenFor({ sub: 'u-alex', name: 'Alex', email: 'alex@acme.example', role: 'customer' });
      const files = await json(await call(first, `/cases/sc_${c.Id}/files`, { token }));
      const link = files.body.items[0].url as string;
      await first.app.close();
      first = await start();
      // Nobody has signed in to the new process; the link alone works.
      const got = await fetch(`${first.url}/${link}`);
      expect(got.status).to.equal(200);
      expect(await got.text()).to.equal('after a restart');
    } finally {
      await first.app.close();
      await fake.stop();
      await db.drop();
    }
  });

  it('a reply with a file that Salesforce refuses leaves neither comment nor file behind, and the upload can be sent again', async () => {
    const alex = customer(s, 'atomic-file');
    const token = await alex.token();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Atomic file' });
    const up = await upload(s, token, 'proof.pdf', new Uint8Array([1, 2, 3, 4]));
    expect(up.status).to.equal(201);
    const documents = s.fake.table('ContentDocument').size;
    s.fake.validationRules.push({ object: 'CaseComment', field: 'CommentBody', message: 'Comments are paused on this case.' });
    try {
      const r = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Here is the proof.', attachmentIds: [up.body.id] }) }));
      expect(r.status, JSON.stringify(r.body)).to.equal(422);
      expect(r.body.error.message).to.equal('Comments are paused on this case.');
    } finally {
      s.fake.validationRules.length = 0;
    }
    // The file went up before the transaction and was deleted when it failed: nothing on the Case, nothing left over.
    expect([...s.fake.table('CaseComment').values()].filter((x) => x.ParentId === c.Id)).to.deep.equal([]);
    expect([...s.fake.table('ContentDocumentLink').values()].filter((l) => l.LinkedEntityId === c.Id)).to.deep.equal([]);
    expect(s.fake.table('ContentDocument').size).to.equal(documents);
    // The upload was released: the same request goes through now.
    const again = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Here is the proof.', attachmentIds: [up.body.id] }) }));
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
    expect(again.body.attachments.map((a: { id: string }) => a.id)).to.deep.equal([up.body.id]);
    const link = [...s.fake.table('ContentDocumentLink').values()].find((l) => l.LinkedEntityId === c.Id)!;
    expect(link).to.deep.include({ Visibility: 'AllUsers', ShareType: 'V' });
  });

  it('creates a Case with its file in one transaction; a Case Salesforce refuses leaves no file behind', async () => {
    const alex = customer(s, 'create-file');
    const token = await alex.token();
    const up = await upload(s, token, 'photo.pdf', new Uint8Array([9, 8, 7]));
    const cases = s.fake.table('Case').size;
    const documents = s.fake.table('ContentDocument').size;
    const input = { subject: 'Cracked housing', description: 'See the photo.', priority: 'High', fields: { product: 'router-x200' }, attachmentIds: [up.body.id] };
    s.fake.validationRules.push({ object: 'Case', field: 'Subject', message: 'New cases are paused for maintenance.' });
    try {
      const refused = await json(await call(s, '/cases', { token, method: 'POST', body: JSON.stringify(input) }));
      expect(refused.status, JSON.stringify(refused.body)).to.equal(422);
    } finally {
      s.fake.validationRules.length = 0;
    }
    expect(s.fake.table('Case').size).to.equal(cases);
    expect(s.fake.table('ContentDocument').size).to.equal(documents);
    const created = await json(await call(s, '/cases', { token, method: 'POST', body: JSON.stringify(input) }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.attachments.map((a: { id: string; name: string }) => [a.id, a.name])).to.deep.equal([[up.body.id, 'photo.pdf']]);
    const sfId = created.body.id.replace(/^sc_/, '');
    expect(s.fake.table('Case').get(sfId)).to.deep.include({ Subject: 'Cracked housing', Priority: 'High', Product__c: 'router-x200', ContactId: alex.contact.Id, Origin: 'Web' });
    const link = [...s.fake.table('ContentDocumentLink').values()].find((l) => l.LinkedEntityId === sfId)!;
    expect(link).to.deep.include({ Visibility: 'AllUsers', ShareType: 'V' });
  });

  it('refuses a file over Salesforce\'s configured limit before anything is sent to Salesforce', async () => {
    const alex = customer(s, 'upload');
    const token = await alex.token();
    const sent = s.fake.requests.length;
    const r = await upload(s, token, 'big.pdf', new Uint8Array(2049));
    expect(r.status).to.equal(413);
    expect(r.body.error.code).to.equal('too_large');
    expect(s.fake.requests.slice(sent).filter((x) => x.includes('ContentVersion'))).to.deep.equal([]);
  });

  itRidesOutStorms({
    server: () => s,
    customer: (tag) => customer(s, tag),
    warmUp: '/me',
    listRoute: (route) => route.includes('/query'),
    failStatus: 503,
    alsoRidesOut: async (fake, listAgain) => {
      fake.rateLimit(2, 0, 403);
      expect(await listAgain(), 'two 403 REQUEST_LIMIT_EXCEEDED are waited out too').to.equal(200);
    },
  });

  it('signs in again once when the session expires mid-session; revoked credentials give the generic error and a log line', async () => {
    const alex = customer(s, 'expired');
    const token = await alex.token();
    expect((await call(s, '/cases', { token })).status).to.equal(200);
    const signIns = () => s.fake.requests.filter((r) => r === 'POST /services/oauth2/token').length;
    const before = signIns();
    s.fake.expireSessions();
    expect((await call(s, '/cases', { token })).status).to.equal(200);
    expect(signIns()).to.equal(before + 1);
    expect(s.logs.some((l) => String(l.msg).includes('session expired; signing in again'))).to.equal(true);
    const good = s.fake.clientSecret;
    s.fake.clientSecret = 'rotated-by-the-admin';
    s.fake.expireSessions();
    try {
      const r = await json(await call(s, '/cases', { token }));
      expect(r.status).to.equal(503);
      expect(r.body.error.code).to.equal('server');
      expect(JSON.stringify(r.body)).to.not.contain('invalid_client');
      const line = s.logs.find((l) => String(l.msg).includes('refused the connector\'s sign-in'));
      expect(line, 'a log line for the operator').to.not.equal(undefined);
      expect(line!.error).to.equal('invalid_client');
      expect(line!.level).to.equal(50);
    } finally {
      s.fake.clientSecret = good;
    }
    expect((await call(s, '/cases', { token })).status).to.equal(200);
  });

  it('a field renamed in Salesforce while running: the generic error for the customer, Salesforce\'s words for the operator', async () => {
    const alex = customer(s, 'renamed');
    const token = await alex.token();
    expect((await call(s, '/cases', { token })).status).to.equal(200);
    s.fake.renameCaseField('Product__c', 'Product_Name__c');
    try {
      const r = await json(await call(s, '/cases', { token }));
      expect(r.status).to.equal(503);
      const line = s.logs.find((l) => l.errorCode === 'INVALID_FIELD');
      expect(line, 'a log line naming the refusal').to.not.equal(undefined);
      expect(String(line!.answer)).to.contain("No such column 'Product__c'");
    } finally {
      s.fake.renameCaseField('Product_Name__c', 'Product__c');
    }
  });

  it('lists the other Contacts of the caller\'s Account as colleagues, by name, without addresses', async () => {
    const account = s.fake.addAccount('Colleagues Inc');
    const mia = s.fake.addContact({ name: 'Mia Berg', email: 'mia@colleagues.example', accountId: account.Id });
    const ann = s.fake.addContact({ name: 'Ann Holm', email: 'ann@colleagues.example', accountId: account.Id });
    s.fake.addContact({ name: 'Elsewhere Person', email: 'else@other.example', accountId: s.fake.addAccount('Other').Id });
    const token = await tokenFor({ sub: 'sub-mia', name: 'Mia', email: 'mia@colleagues.example', role: 'customer' });
    const r = await json(await call(s, '/colleagues', { token }));
    expect(r.status).to.equal(200);
    expect(r.body.items).to.deep.equal([{ id: `sp_${ann.Id}`, name: 'Ann Holm' }]);
    expect(mia.Id).to.be.a('string');
  });

  it('refuses an agent\'s token: agents work in Salesforce', async () => {
    const r = await json(await call(s, '/cases', { token: await tokenFor({ sub: 'agent-1', name: 'Sam', role: 'agent' }) }));
    expect(r.status).to.equal(403);
  });

  it('refuses a stale version when the Case changed in Salesforce meanwhile', async () => {
    const alex = customer(s, 'conflict');
    const token = await alex.token();
    const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Old subject', at: Date.now() - 5_000 });
    const before = await json(await call(s, `/cases/sc_${c.Id}`, { token }));
    s.fake.agentComment(c.Id, 'Raising it.', true, 'Working');
    const r = await json(await call(s, `/cases/sc_${c.Id}`, { token, method: 'PATCH', headers: { 'if-match': `"${before.body.version}"` }, body: JSON.stringify({ changes: { priority: 'High' } }) }));
    expect(r.status, JSON.stringify(r.body)).to.equal(409);
    expect(s.fake.table('Case').get(c.Id)!.Priority).to.equal('Medium');
  });
});

describe('Salesforce connector: start-up checks, the JWT bearer flow, an external id, the FeedItem thread', function () {
  this.timeout(30_000);

  it('does not start with a mapped field the org does not have, and names it', async () => {
    let error = '';
    try {
      const s = await startSalesforceServer({ fake: { caseFields: { Product__c: 'string' } }, backend: { fields: { product: 'Product_Name__c' } } });
      await s.close();
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).to.contain('backend.fields.product: the org\'s Case has no field "Product_Name__c"');
  });

  it('signs in by the JWT bearer flow from the login host, and matches Contacts by an external id field', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const fake = new FakeSalesforce({ jwt: { username: 'portal@acme.example', publicKey: await exportSPKI(publicKey) }, contactExternalId: 'Portal_Id__c' });
    await fake.start();
    const s = await startSalesforceServer({
      fake,
      backend: { instanceUrl: undefined, loginUrl: fake.url, auth: { flow: 'jwt-bearer', clientId: fake.clientId, username: 'portal@acme.example', privateKey: await exportPKCS8(privateKey) }, customerMatch: { externalIdField: 'Portal_Id__c' } },
    });
    try {
      const acme = fake.addAccount('Acme');
      const alex = fake.addContact({ name: 'Alex Morgan', email: null, accountId: acme.Id, externalId: 'u-4711' });
      const c = fake.addCase({ contactId: alex.Id, subject: 'By JWT' });
      const token = await tokenFor({ sub: 'u-4711', name: 'Alex', role: 'customer' });
      const me = await json(await call(s, '/me', { token }));
      expect(me.status, JSON.stringify(me.body)).to.equal(200);
      expect(me.body.id).to.equal(`sp_${alex.Id}`);
      const list = await json(await call(s, '/cases', { token }));
      expect(list.body.items.map((x: { id: string }) => x.id)).to.deep.equal([`sc_${c.Id}`]);
      expect(fake.queries.some((q) => q.includes("FROM Contact WHERE Portal_Id__c = 'u-4711'"))).to.equal(true);
      // Nobody by that id: no Contact is created, the customer is told.
      const nobody = await json(await call(s, '/me', { token: await tokenFor({ sub: 'u-none', name: 'Nobody', role: 'customer' }) }));
      expect(nobody.status).to.equal(403);
    } finally {
      await s.close();
    }
  });

  it('uses Chatter FeedItems visible to all users as the thread when configured', async () => {
    const s = await startSalesforceServer({ backend: { thread: 'FeedItem' } });
    try {
      const alex = customer(s, 'feed');
      const token = await alex.token();
      const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Feed' });
      const posted = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Posted to the feed.' }) }));
      expect(posted.status, JSON.stringify(posted.body)).to.equal(201);
      const items = [...s.fake.table('FeedItem').values()].filter((f) => f.ParentId === c.Id);
      expect(items.map((f) => [f.Body, f.Visibility, f.Type])).to.deep.equal([['Posted to the feed.', 'AllUsers', 'TextPost']]);
      expect(s.fake.table('CaseComment').size).to.equal(0);
      s.fake.agentPost(c.Id, 'Internal: check the logs.', 'InternalUsers');
      s.fake.agentPost(c.Id, 'We are looking into it.', 'AllUsers');
      const { body } = await json(await call(s, `/cases/sc_${c.Id}/messages`, { token }));
      expect(body.items.map((m: { body: string; author: { role: string } }) => [m.body, m.author.role])).to.deep.equal([
        ['Posted to the feed.', 'customer'],
        ['We are looking into it.', 'agent'],
      ]);
    } finally {
      await s.close();
    }
  });
});

/** An agent's public answer in Salesforce reaches the customer's event feed as case-changed; another customer hears nothing. */
async function liveUpdate(s: SalesforceServer, answer: (caseId: string) => void, pollQuery: string): Promise<void> {
  const alex = customer(s, 'live');
  const bo = customer(s, 'live-other');
  const c = s.fake.addCase({ contactId: alex.contact.Id, subject: 'Live', at: Date.now() - 5_000 });
  const token = await alex.token();
  const first = await json(await call(s, '/events', { token }));
  const cursor = first.body.cursor as string;
  await new Promise((r) => setTimeout(r, 1_100));
  answer(c.Id);
  const deadline = Date.now() + 15_000;
  let events: { type: string; caseId: string }[] = [];
  while (Date.now() < deadline) {
    const page = await json(await call(s, `/events?since=${encodeURIComponent(cursor)}`, { token }));
    events = page.body.events ?? [];
    if (events.some((e) => e.caseId === `sc_${c.Id}`)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(events).to.deep.include({ type: 'case-changed', caseId: `sc_${c.Id}` });
  const others = await json(await call(s, `/events?since=${encodeURIComponent(cursor)}`, { token: await bo.token() }));
  expect((others.body.events ?? []).filter((e: { caseId: string }) => e.caseId === `sc_${c.Id}`)).to.deep.equal([]);
  // The loop keeps polling (waited for: under load the first poll may be the one that saw the answer).
  const polls = () => s.fake.queries.filter((q) => q.startsWith(pollQuery)).length;
  for (const until = Date.now() + 5_000; polls() < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
  expect(polls()).to.be.greaterThan(1);
}

for (const kind of DB_KINDS) {
  describe(`Salesforce connector: live updates from the SystemModstamp poll (server database: ${kind})`, function () {
    this.timeout(30_000);
    let s: SalesforceServer;
    before(async () => {
      s = await startSalesforceServer({ kind, backend: { pollIntervalMs: 200 } });
    });
    after(() => s.close());

    it('an agent\'s public comment in Salesforce reaches the customer\'s event feed as case-changed; other customers hear nothing', async () => {
      await liveUpdate(s, (caseId) => s.fake.agentComment(caseId, 'We are on it.', true), 'SELECT Id, ParentId, SystemModstamp FROM CaseComment');
    });
  });
}

describe('Salesforce connector: live updates with the FeedItem thread', function () {
  this.timeout(30_000);
  let s: SalesforceServer;
  before(async () => {
    s = await startSalesforceServer({ backend: { thread: 'FeedItem', pollIntervalMs: 200 } });
  });
  after(() => s.close());

  it('an agent\'s post visible to all users reaches the customer\'s event feed', async () => {
    await liveUpdate(s, (caseId) => s.fake.agentPost(caseId, 'We are on it.', 'AllUsers'), 'SELECT Id, ParentId, SystemModstamp FROM FeedItem');
  });
});
