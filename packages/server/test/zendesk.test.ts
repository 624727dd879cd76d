/**
 * The Zendesk connector's own behaviour over real HTTP: the case server → the connector → the
 * strict fake Zendesk (support/fake-zendesk.ts). Config checks, status mapping, scoping (a ticket
 * Zendesk returns by mistake is dropped), internal notes, a closed ticket's follow-up, a 429 storm,
 * a revoked token mid-session, an upload over the limit (files themselves: zendesk-files.test.ts), a ticket with a field missing, and live
 * updates from the incremental export.
 */
import { expect } from 'chai';
import { parseConfig } from '../src/config/load.js';
import { itRidesOutStorms } from './support/connector-storms.js';
import { call, DB_KINDS, testConfig, tokenFor, type Person } from './support/server.js';
import { startZendeskServer, type ZendeskServer } from './support/zendesk-server.js';
import type { FakeUser } from './support/fake-zendesk.js';

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, any> }); // eslint-disable-line @typescript-eslint/no-explicit-any

/** A customer in Zendesk (with an organization) and the host site's token for them. */
function customer(s: ZendeskServer, tag: string, role: Person['role'] = 'customer'): { user: FakeUser; token: () => Promise<string> } {
  const org = [...s.fake.orgs.values()].find((o) => o.external_id === 'acme') ?? s.fake.addOrg({ name: 'Acme', external_id: 'acme' });
  const user = s.fake.addUser({ name: `Person ${tag}`, email: `${tag}@acme.example`, organization_id: org.id });
  return { user, token: () => tokenFor({ sub: `sub-${tag}`, name: `Person ${tag}`, email: `${tag}@acme.example`, org: 'acme', role }) };
}

describe('Zendesk connector: config', () => {
  const base = () => ({ ...testConfig(), backend: undefined });
  const problems = (backend: unknown, env: NodeJS.ProcessEnv = {}) => {
    try {
      parseConfig({ ...base(), backend }, 'zendesk.json', env);
      return [];
    } catch (e) {
      return (e as { problems: string[] }).problems;
    }
  };

  it('names every problem of backend at once', () => {
    expect(problems({ kind: 'zendesk', subdomain: 'Acme Corp', customerMatch: 'phone', statusMap: { archived: 'open' }, pollIntervalMs: -1, colour: 'red' })).to.have.members([
      'backend.colour: unknown key (known: kind, subdomain, baseUrl, email, apiToken, oauthToken, customerMatch, createUsers, statusMap, fields, pollIntervalMs, timeoutMs, retryBudgetMs, maxTickets, maxUploadBytes)',
      'backend.subdomain: "Acme Corp" is not a Zendesk subdomain like "acme" (for acme.zendesk.com)',
      'backend.customerMatch: "phone" is not a customer match rule (one of email, external_id)',
      'backend.statusMap key: "archived" is not a Zendesk status (one of new, open, pending, hold, solved, closed)',
      'backend.pollIntervalMs: at least 0, got -1',
    ]);
    try {
      parseConfig({ ...base(), pretendAgentMs: 5000, backend: { kind: 'zendesk', subdomain: 'acme', oauthToken: 'o', customerMatch: 'email' } }, 'zendesk.json', {});
      expect.fail('accepted a pretend agent on Zendesk');
    } catch (e) {
      expect((e as { problems: string[] }).problems).to.deep.equal(["pretendAgentMs: the pretend agent works on the server's own database only; set it to 0 with backend zendesk"]);
    }
    expect(problems({ kind: 'freshdesk' })).to.deep.equal(['backend.kind: "freshdesk" is not a backend (one of sql, zendesk, salesforce, creatio)']);
    expect(problems({ kind: 'zendesk', subdomain: 'acme', customerMatch: 'email', statusMap: { hold: 'waiting' } })).to.deep.equal([
      'backend: a credential: apiToken (with email) or oauthToken, in the file (env:NAME) or in CASE_PORTAL_ZENDESK_API_TOKEN / CASE_PORTAL_ZENDESK_OAUTH_TOKEN',
      'backend.statusMap.hold: "waiting" is not a status of the Zendesk portal (new, open, pending, hold, solved, closed)',
    ]);
    expect(problems({ kind: 'zendesk', subdomain: 'acme', baseUrl: 'https://acme.zendesk.com', apiToken: 't', customerMatch: 'email' })).to.deep.equal([
      'backend: exactly one of subdomain or baseUrl',
      'backend.email: required with apiToken (the agent the token belongs to)',
    ]);
  });

  it('reads the token from the environment when the file leaves it out, and env:NAME in the file', () => {
    const c = parseConfig({ ...base(), backend: { kind: 'zendesk', subdomain: 'acme', email: 'bot@acme.example', customerMatch: 'email' } }, 'zendesk.json', { CASE_PORTAL_ZENDESK_API_TOKEN: 'from-env' });
    expect(c.backend).to.include({ apiToken: 'from-env' });
    const d = parseConfig({ ...base(), backend: { kind: 'zendesk', subdomain: 'acme', oauthToken: 'env:ZD_OAUTH', customerMatch: 'external_id' } }, 'zendesk.json', { ZD_OAUTH: 'o-token' });
    expect(d.backend).to.include({ oauthToken: 'o-token' });
    expect(problems({ kind: 'zendesk', subdomain: 'acme', oauthToken: 'env:ZD_MISSING', customerMatch: 'email' })).to.deep.equal(['backend.oauthToken: environment variable ZD_MISSING is not set']);
  });
});

describe('Zendesk connector over the fake Zendesk', function () {
  this.timeout(30_000);
  let s: ZendeskServer;
  before(async () => {
    s = await startZendeskServer({ backend: { statusMap: { hold: 'open' }, maxUploadBytes: 1024 } });
  });
  after(() => s.close());

  it('describes Zendesk\'s statuses and switches off what Zendesk end users cannot do', async () => {
    const alex = customer(s, 'schema');
    const { body } = await json(await call(s, '/schema', { token: await alex.token() }));
    expect(body.statuses.map((x: { id: string }) => x.id)).to.deep.equal(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
    expect(body.closeStatuses).to.deep.equal(['solved']);
    expect(body.cancelStatus).to.equal(null);
    // An API token cannot act on behalf of the requester, which a satisfaction rating needs.
    expect(body.features).to.include({ cancel: false, complain: false, feedback: false, attachments: true });
    expect(body.limits.maxAttachmentBytes).to.equal(1024);
    const me = await json(await call(s, '/me', { token: await alex.token() }));
    expect(me.body.permissions).to.not.include.members(['cancel', 'complain', 'feedback']);
    expect(me.body.id).to.equal(`zu_${alex.user.id}`);
    // Zendesk's own words in the elements' languages; the demo portal's stages and field labels kept.
    expect(body.translations.de.statuses).to.deep.include({ pending: 'Wartet auf Ihre Antwort', solved: 'Gelöst' });
    expect(body.translations.he.categories.incident).to.equal('תקלה');
    expect(body.translations.de.stages.submitted).to.equal('Eingereicht');
    for (const [lang, t] of Object.entries(body.translations as Record<string, { statuses: Record<string, string> }>)) {
      expect(Object.keys(t.statuses).sort(), lang).to.deep.equal(body.statuses.map((x: { id: string }) => x.id).sort());
    }
  });

  it('maps statuses by the defaults and the config\'s statusMap; a status it does not know is shown as open and logged', async () => {
    const alex = customer(s, 'statuses');
    const ids: Record<string, number> = {};
    for (const st of ['new', 'pending', 'hold', 'solved']) ids[st] = s.fake.addTicket({ requester_id: alex.user.id, subject: `In ${st}`, body: 'x', status: st }).id;
    const odd = s.fake.addTicket({ requester_id: alex.user.id, subject: 'Odd', body: 'x', status: 'open' });
    odd.status = 'archived';
    const { body } = await json(await call(s, '/cases?limit=50', { token: await alex.token() }));
    const statusOf = (id: number) => body.items.find((c: { id: string }) => c.id === `zt_${id}`).status;
    expect(statusOf(ids.new!)).to.deep.include({ id: 'new', category: 'new' });
    expect(statusOf(ids.pending!)).to.deep.include({ id: 'pending', category: 'pending-customer' });
    expect(statusOf(ids.hold!), 'statusMap hold → open').to.deep.include({ id: 'open', category: 'open' });
    expect(statusOf(ids.solved!)).to.deep.include({ id: 'solved', category: 'resolved' });
    expect(statusOf(odd.id)).to.deep.include({ id: 'open' });
    expect(s.logs.some((l) => l.status === 'archived' && String(l.msg).includes('status map does not know'))).to.equal(true);
  });

  it('shows a ticket whose status field is missing (renamed by the vendor) instead of failing the page', async () => {
    const alex = customer(s, 'missing');
    const t = s.fake.addTicket({ requester_id: alex.user.id, subject: 'No status', body: 'x', status: 'open' });
    delete t.status;
    const list = await json(await call(s, '/cases', { token: await alex.token() }));
    expect(list.status).to.equal(200);
    expect(list.body.items.find((c: { id: string }) => c.id === `zt_${t.id}`).status.id).to.equal('open');
    const one = await json(await call(s, `/cases/zt_${t.id}`, { token: await alex.token() }));
    expect(one.status).to.equal(200);
  });

  it('drops a ticket Zendesk returns that belongs to someone else: not listed, not readable', async () => {
    const alex = customer(s, 'scoped');
    const other = s.fake.addUser({ name: 'Stranger', email: 'stranger@elsewhere.example' });
    const own = s.fake.addTicket({ requester_id: alex.user.id, subject: 'Mine', body: 'x' });
    const foreign = s.fake.addTicket({ requester_id: other.id, subject: 'Secret of someone else', body: 'x' });
    s.fake.leakIntoLists.push(foreign.id);
    try {
      const list = await json(await call(s, '/cases?limit=100', { token: await alex.token() }));
      expect(s.fake.requests.some((r) => r.endsWith(`/users/${alex.user.id}/tickets/requested`))).to.equal(true);
      const ids = list.body.items.map((c: { id: string }) => c.id);
      expect(ids).to.include(`zt_${own.id}`).and.not.include(`zt_${foreign.id}`);
      expect(list.body.total).to.equal(ids.length);
      for (const path of [`/cases/zt_${foreign.id}`, `/cases/zt_${foreign.id}/messages`, `/cases/zt_${foreign.id}/history`]) {
        expect((await call(s, path, { token: await alex.token() })).status, path).to.equal(404);
      }
      expect(s.logs.some((l) => l.ticket === foreign.id && String(l.msg).includes('outside the caller'))).to.equal(true);
    } finally {
      s.fake.leakIntoLists.length = 0;
    }
  });

  it('reads who copied whom from the audits: the portal person behind our write, else Zendesk\'s author', async () => {
    const alex = customer(s, 'cc-alex');
    const priya = customer(s, 'cc-priya');
    const sam = customer(s, 'cc-sam');
    const token = await alex.token();
    const t = s.fake.addTicket({ requester_id: alex.user.id, subject: 'CCs', body: 'x', status: 'open', at: Date.now() - 60_000 });
    const added = await json(await call(s, `/cases/zt_${t.id}/participants`, { token, method: 'POST', body: JSON.stringify({ email: priya.user.email }) }));
    expect(added.status).to.equal(200);
    // An agent copies Sam in Zendesk itself (an audit with the agent as author, no portal write behind it).
    s.fake.tickets.get(t.id)!.collaborator_ids.push(sam.user.id);
    s.fake.audits.get(t.id)!.push({ id: s.fake.id(), ticket_id: t.id, created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), author_id: s.fake.agentId, via: { channel: 'web' }, events: [{ id: s.fake.id(), type: 'EmailCcChange', previous_email_ccs: [priya.user.email], current_email_ccs: [priya.user.email, sam.user.email] }] });
    const history = await json(await call(s, `/cases/zt_${t.id}/history?include=participants`, { token }));
    const entries = (history.body.items as { kind?: string; by?: { id: string; role: string }; person?: { id: string } }[]).filter((h) => h.kind === 'participant-added');
    expect(entries.map((h) => [h.person!.id, h.by!.id, h.by!.role])).to.deep.equal([
      [`zu_${priya.user.id}`, `zu_${alex.user.id}`, 'customer'],
      [`zu_${sam.user.id}`, `zu_${s.fake.agentId}`, 'agent'],
    ]);
    // Without include=participants, status changes only (what clients before participant entries read).
    const plain = await json(await call(s, `/cases/zt_${t.id}/history`, { token }));
    expect((plain.body.items as { kind?: string }[]).every((h) => h.kind === undefined || h.kind === 'status')).to.equal(true);
  });

  it('shows public comments only: an agent\'s internal note never reaches the customer', async () => {
    const alex = customer(s, 'notes');
    const t = s.fake.addTicket({ requester_id: alex.user.id, subject: 'Router', body: 'Reboots nightly.' });
    s.fake.agentComment(t.id, 'Internal: customer is on old firmware', false);
    s.fake.agentComment(t.id, 'Please update to 4.3.', true, 'pending');
    const { body } = await json(await call(s, `/cases/zt_${t.id}/messages`, { token: await alex.token() }));
    expect(body.items.map((m: { body: string }) => m.body)).to.deep.equal(['Please update to 4.3.']);
    expect(body.items[0].author.role).to.equal('agent');
    const c = await json(await call(s, `/cases/zt_${t.id}`, { token: await alex.token() }));
    expect(c.body.status.id).to.equal('pending');
    expect(c.body.description).to.equal('Reboots nightly.');
  });

  it('reopens a closed ticket as a follow-up ticket, shown as a related case', async () => {
    const alex = customer(s, 'followup');
    const t = s.fake.addTicket({ requester_id: alex.user.id, subject: 'Printer', body: 'Too hot.', status: 'closed' });
    const token = await alex.token();
    const before = await json(await call(s, `/cases/zt_${t.id}`, { token }));
    const r = await json(await call(s, `/cases/zt_${t.id}/transitions`, { token, method: 'POST', body: JSON.stringify({ action: 'reopen', comment: 'Still too hot.', version: before.body.version }) }));
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.status.id).to.equal('closed');
    const followupId = s.fake.tickets.get(t.id)!.followup_ids[0]!;
    expect(r.body.relatedIds).to.deep.equal([`zt_${followupId}`]);
    const followup = await json(await call(s, `/cases/zt_${followupId}`, { token }));
    expect(followup.body.relatedIds).to.deep.equal([`zt_${t.id}`]);
    expect(followup.body.description).to.equal('Still too hot.');
    expect(s.fake.tickets.get(t.id)!.status).to.equal('closed');
  });

  it('refuses an agent\'s token: agents work in Zendesk', async () => {
    const r = await json(await call(s, '/cases', { token: await tokenFor({ sub: 'agent-1', name: 'Sam', role: 'agent' }) }));
    expect(r.status).to.equal(403);
  });

  it('describes Zendesk\'s upload limit, and refuses an upload over it before anything is sent to Zendesk', async () => {
    // The configured limit (1024 here) under Zendesk's 50 MB: the server refuses the file as it
    // arrives; a file within it waits in the server's storage, and nothing reaches Zendesk until a
    // case or message takes it (zendesk-files.test.ts).
    const alex = customer(s, 'upload');
    const token = await alex.token();
    const sent = s.fake.requests.length;
    const answers: [number, string][] = [];
    for (const size of [2048, 10]) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(size)], { type: 'application/pdf' }), 'file.pdf');
      const r = await json(await fetch(`${s.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } }));
      answers.push([r.status, r.body.error?.code ?? r.body.name]);
    }
    expect(answers).to.deep.equal([
      [413, 'too_large'],
      [201, 'file.pdf'],
    ]);
    expect(s.fake.requests.slice(sent).filter((x) => x.includes('/uploads'))).to.deep.equal([]);
    const created = await json(await call(s, '/cases', { token, method: 'POST', body: JSON.stringify({ subject: 'With a file', description: 'x', attachmentIds: ['att_1'] }) }));
    expect(created.status).to.equal(422);
    expect(created.body.fieldErrors.attachmentIds).to.equal('Unknown attachment att_1.');
  });

  itRidesOutStorms({
    server: () => s,
    customer: (tag) => customer(s, tag),
    warmUp: '/me',
    listRoute: (route, who) => route === `GET /api/v2/users/${who.user.id}/tickets/requested`,
  });

  it('a token revoked mid-session: the customer gets the generic error, the operator a log line', async () => {
    const alex = customer(s, 'revoked');
    const token = await alex.token();
    expect((await call(s, '/cases', { token })).status).to.equal(200);
    const good = s.fake.apiToken;
    s.fake.apiToken = 'revoked-by-the-admin';
    try {
      const r = await json(await call(s, '/cases', { token }));
      expect(r.status).to.equal(503);
      expect(r.body.error.code).to.equal('server');
      expect(JSON.stringify(r.body)).to.not.contain('authenticate');
      const line = s.logs.find((l) => String(l.msg).includes('refused our credential'));
      expect(line, 'a log line for the operator').to.not.equal(undefined);
      expect(line!.status).to.equal(401);
      expect(line!.level).to.equal(50);
    } finally {
      s.fake.apiToken = good;
    }
    expect((await call(s, '/cases', { token })).status).to.equal(200);
  });
});

for (const kind of DB_KINDS) {
  describe(`Zendesk connector: live updates from the incremental export (server database: ${kind})`, function () {
    this.timeout(30_000);
    let s: ZendeskServer;
    before(async () => {
      s = await startZendeskServer({ kind, backend: { pollIntervalMs: 200 } });
    });
    after(() => s.close());

    it('an agent\'s reply in Zendesk reaches the customer\'s event feed as case-changed; other customers hear nothing', async () => {
      const alex = customer(s, 'live');
      const bo = customer(s, 'live-other');
      const t = s.fake.addTicket({ requester_id: alex.user.id, subject: 'Live', body: 'x', status: 'open', at: Date.now() - 5_000 });
      const token = await alex.token();
      const first = await json(await call(s, '/events', { token }));
      const cursor = first.body.cursor as string;
      // After the export's own delay (1 s in the fake, 60 s in Zendesk) the poll sees the change.
      s.fake.agentComment(t.id, 'We are on it.', true, 'pending');
      const deadline = Date.now() + 15_000;
      let events: { type: string; caseId: string }[] = [];
      while (Date.now() < deadline) {
        const page = await json(await call(s, `/events?since=${encodeURIComponent(cursor)}`, { token }));
        events = page.body.events ?? [];
        if (events.some((e) => e.caseId === `zt_${t.id}`)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(events).to.deep.include({ type: 'case-changed', caseId: `zt_${t.id}` });
      const others = await json(await call(s, `/events?since=${encodeURIComponent(cursor)}`, { token: await bo.token() }));
      expect((others.body.events ?? []).filter((e: { caseId: string }) => e.caseId === `zt_${t.id}`)).to.deep.equal([]);
      const c = await json(await call(s, `/cases/zt_${t.id}`, { token }));
      expect(c.body.status.id).to.equal('pending');
      // A loop, not one read: it polls again (the first poll may have been the one that saw the change).
      const polls = () => s.fake.requests.filter((r) => r === 'GET /api/v2/incremental/tickets/cursor').length;
      const until = Date.now() + 5_000;
      while (polls() < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(polls()).to.be.greaterThan(1);
    });
  });
}
