/**
 * The case server on each vendor connector, over that vendor's strict fake, for the browser tests
 * (browser-servers.ts starts every entry; test/servers/case-server.mjs lets a page seed and read
 * the fake's data). A connector joins the browser tests with ONE entry in CONNECTOR_TEST_SERVERS:
 * a `start` that runs its server over its fake and answers `seed` and `view` in the shapes below,
 * which are the same for every vendor so one whole-portal test runs on all of them.
 */
import { createHash } from 'node:crypto';
import type { ServerConfig } from '../../src/index.js';
import type { FakeZendesk } from './fake-zendesk.js';
import type { SeedCustomer, VendorCase, VendorView } from './vendor-view.js';
import { startZendeskServer } from './zendesk-server.js';
import type { FakeSalesforce } from './fake-salesforce.js';
import { startSalesforceServer } from './salesforce-server.js';
import { startCreatioServer } from './creatio-server.js';
import type { FakeCreatio, Row } from './fake-creatio.js';

export type { SeedCustomer, VendorCase, VendorFile, VendorView } from './vendor-view.js';

export interface ConnectorTestServer {
  /** The case server's URL (CORS open to the browser tests' origins). */
  url: string;
  /** Puts a customer and a few cases of theirs into the fake, as the vendor's own UI would have made them. */
  seed(customer: SeedCustomer): Promise<VendorView>;
  /** What the fake now holds for the customer. */
  view(customer: SeedCustomer): Promise<VendorView>;
  close(): Promise<void>;
}

export interface ConnectorStartOptions {
  /** Origins the browser tests run on (CORS). */
  corsOrigins: string[];
  /** Further server config (browser-servers.ts's CASE_SERVER_CONFIG). */
  config?: Partial<ServerConfig>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Seeded cases' subjects: the browser tests find them in the list by these. */
export const SEEDED_SUBJECTS = ['Invoice shows the wrong VAT number', 'Router drops the connection every night'] as const;

async function startZendesk(opts: ConnectorStartOptions): Promise<ConnectorTestServer> {
  // As zendesk-contract.test.ts runs it: an OAuth token (feedback acts on behalf of the end user) and
  // two custom fields mapped to Zendesk ticket fields. Polling on (short) so changes made in the
  // fake reach an open page; the fake's export lag is 1 s.
  const server = await startZendeskServer({
    fake: { oauthToken: 'zd-oauth-token', ticketFieldIds: [501, 502] },
    backend: { apiToken: undefined, email: undefined, oauthToken: 'zd-oauth-token', fields: { product: 501, serial_number: 502 }, pollIntervalMs: 1000 },
    config: { ...opts.config, corsOrigins: opts.corsOrigins },
  });
  const { fake } = server;
  const userOf = (c: SeedCustomer) => [...fake.users.values()].find((u) => u.email?.toLowerCase() === c.email.toLowerCase()) ?? null;
  const view = (c: SeedCustomer): VendorView => {
    const user = userOf(c);
    if (!user) return { cases: [] };
    const tickets = [...fake.tickets.values()].filter((t) => t.requester_id === user.id).sort((a, b) => b.id - a.id);
    return { cases: tickets.map((t) => zendeskCase(fake, t.id, user.id)) };
  };
  return {
    url: server.url,
    async seed(c) {
      const org = [...fake.orgs.values()].find((o) => o.external_id === c.org) ?? fake.addOrg({ name: `Org ${c.org}`, external_id: c.org });
      const user = userOf(c) ?? fake.addUser({ name: c.name, email: c.email, organization_id: org.id });
      const older = fake.addTicket({ requester_id: user.id, subject: SEEDED_SUBJECTS[0], body: 'The VAT number on invoice 2041 is not ours.', status: 'open', at: Date.now() - 3 * 3_600_000 });
      fake.agentComment(older.id, 'Thanks, we are checking with accounting.', true, 'pending');
      fake.addTicket({ requester_id: user.id, subject: SEEDED_SUBJECTS[1], body: 'Every night at about 2am the router loses its uplink.', status: 'open', at: Date.now() - 3_600_000 });
      return view(c);
    },
    view: async (c) => view(c),
    close: () => server.close(),
  };
}

function zendeskCase(fake: FakeZendesk, ticketId: number, customerId: number): VendorCase {
  const t = fake.tickets.get(ticketId)!;
  return {
    id: `zt_${t.id}`,
    number: String(t.id),
    subject: t.subject,
    vendorStatus: t.status ?? '',
    done: t.status === 'solved' || t.status === 'closed',
    messages: fake.comments
      .get(t.id)!
      .filter((c) => c.public)
      .map((c) => ({
        body: c.body,
        byCustomer: c.author_id === customerId,
        files: fake.attachmentsOf(c).map((a) => ({ name: a.name, size: a.bytes.length, sha256: sha256(a.bytes), base64: a.bytes.toString('base64') })),
      })),
  };
}

async function startCreatio(opts: ConnectorStartOptions): Promise<ConnectorTestServer> {
  // Polling on (short) so changes made in the fake reach an open page.
  const server = await startCreatioServer({ backend: { pollIntervalMs: 1000 }, config: { ...opts.config, corsOrigins: opts.corsOrigins } });
  const { fake } = server;
  const contactOf = (c: SeedCustomer) => fake.rows('Contact').find((x) => String(x.Email).toLowerCase() === c.email.toLowerCase()) ?? null;
  const view = (c: SeedCustomer): VendorView => {
    const contact = contactOf(c);
    if (!contact) return { cases: [] };
    const cases = fake.rows('Case').filter((x) => x.ContactId === contact.Id).sort((a, b) => String(b.CreatedOn).localeCompare(String(a.CreatedOn)));
    return { cases: cases.map((x) => creatioCase(fake, x.Id, contact.Id)) };
  };
  return {
    url: server.url,
    async seed(c) {
      const account = fake.rows('Account').find((a) => a.Name === `Org ${c.org}`) ?? fake.addAccount(`Org ${c.org}`);
      const contact = contactOf(c) ?? fake.addContact({ name: c.name, email: c.email, accountId: account.Id });
      const older = fake.addCase({ contactId: contact.Id, subject: SEEDED_SUBJECTS[0], symptoms: 'The VAT number on invoice 2041 is not ours.', at: Date.now() - 3 * 3_600_000 });
      fake.addMessage(older.Id, 'Thanks, we are checking with accounting.');
      fake.modify('Case', older.Id, { StatusId: fake.status.waiting });
      fake.addCase({ contactId: contact.Id, subject: SEEDED_SUBJECTS[1], symptoms: 'Every night at about 2am the router loses its uplink.', at: Date.now() - 3_600_000 });
      return view(c);
    },
    view: async (c) => view(c),
    close: () => server.close(),
  };
}

/**
 * A Creatio case in the shared shape: the description first (Creatio keeps it in Symptoms), then
 * the case's feed; files go with the feed message they came with when the connector recorded one
 * (CaseFile has no message column), else with the description.
 */
function creatioCase(fake: FakeCreatio, caseId: string, contactId: string): VendorCase {
  const c = fake.row('Case', caseId)!;
  const status = fake.row('CaseStatus', String(c.StatusId));
  const fileOf = (f: Row) => {
    const bytes = fake.files.get(f.Id) ?? Buffer.alloc(0);
    return { name: String(f.Name), size: bytes.length, sha256: sha256(bytes), base64: bytes.toString('base64') };
  };
  const files = fake.rows('CaseFile').filter((f) => f.CaseId === caseId).sort((a, b) => String(a.CreatedOn).localeCompare(String(b.CreatedOn)));
  const feed = fake.rows('SocialMessage').filter((m) => m.EntityId === caseId).sort((a, b) => String(a.CreatedOn).localeCompare(String(b.CreatedOn)));
  // A file belongs to the message its author posted just before it (the connector posts the message, then its files).
  const messageOfFile = (f: Row) => [...feed].reverse().find((m) => m.CreatedById === f.CreatedById && String(m.CreatedOn) <= String(f.CreatedOn))?.Id ?? null;
  return {
    id: `cc_${c.Id}`,
    number: String(c.Number),
    subject: String(c.Subject),
    vendorStatus: String(status?.Name ?? ''),
    done: !!(status?.IsResolved || status?.IsFinal),
    messages: [
      { body: String(c.Symptoms), byCustomer: true, files: files.filter((f) => !messageOfFile(f)).map(fileOf) },
      ...feed.map((m) => ({ body: String(m.Message), byCustomer: m.CreatedById === contactId, files: files.filter((f) => messageOfFile(f) === m.Id).map(fileOf) })),
    ],
  };
}

async function startSalesforce(opts: ConnectorStartOptions): Promise<ConnectorTestServer> {
  // Polling on (short) so an agent's change in the fake reaches an open page; two portal fields and the rating kept in Case custom fields.
  const server = await startSalesforceServer({
    fake: { caseFields: { Product__c: 'string', Serial_Number__c: 'string', CSAT_Rating__c: 'double', CSAT_Comment__c: 'string' } },
    backend: { pollIntervalMs: 1000, fields: { product: 'Product__c', serial_number: 'Serial_Number__c' }, feedbackFields: { rating: 'CSAT_Rating__c', comment: 'CSAT_Comment__c' } },
    config: { ...opts.config, corsOrigins: opts.corsOrigins },
  });
  const { fake } = server;
  const contactOf = (c: SeedCustomer) => [...fake.table('Contact').values()].find((x) => String(x.Email ?? '').toLowerCase() === c.email.toLowerCase()) ?? null;
  const view = (c: SeedCustomer): VendorView => {
    const contact = contactOf(c);
    if (!contact) return { cases: [] };
    const cases = [...fake.table('Case').values()].filter((x) => x.ContactId === contact.Id).reverse();
    return { cases: cases.map((x) => salesforceCase(fake, x.Id)) };
  };
  return {
    url: server.url,
    async seed(c) {
      const account = [...fake.table('Account').values()].find((a) => a.Name === `Org ${c.org}`) ?? fake.addAccount(`Org ${c.org}`);
      const contact = contactOf(c) ?? fake.addContact({ name: c.name, email: c.email, accountId: account.Id });
      const older = fake.addCase({ contactId: contact.Id, subject: SEEDED_SUBJECTS[0], description: 'The VAT number on invoice 2041 is not ours.', status: 'New', at: Date.now() - 3 * 3_600_000 });
      fake.agentComment(older.Id, 'Thanks, we are checking with accounting.', true, 'Working');
      fake.addCase({ contactId: contact.Id, subject: SEEDED_SUBJECTS[1], description: 'Every night at about 2am the router loses its uplink.', status: 'New', at: Date.now() - 3_600_000 });
      return view(c);
    },
    view: async (c) => view(c),
    close: () => server.close(),
  };
}

/**
 * A Case in the shared shape: its Description first (Salesforce keeps it on the Case, the thread
 * starts after it), then its published CaseComments. A file belongs to the comment whose write
 * linked it (the same Composite request); the Case's other files shared with portal users are
 * listed with the first entry.
 */
function salesforceCase(fake: FakeSalesforce, caseId: string): VendorCase {
  const c = fake.table('Case').get(caseId)!;
  const links = [...fake.table('ContentDocumentLink').values()].filter((l) => l.LinkedEntityId === caseId && l.Visibility === 'AllUsers');
  const fileOf = (link: (typeof links)[number]) => {
    const v = [...fake.table('ContentVersion').values()].find((x) => x.ContentDocumentId === link.ContentDocumentId && x.IsLatest === true)!;
    const bytes = fake.blobs.get(v.Id)!;
    return { name: String(v.PathOnClient), size: bytes.length, sha256: sha256(bytes), base64: bytes.toString('base64') };
  };
  const comments = [...fake.table('CaseComment').values()].filter((x) => x.ParentId === caseId && x.IsPublished === true);
  const withComment = (link: (typeof links)[number]) => comments.find((x) => fake.txOf(x) !== null && fake.txOf(x) === fake.txOf(link));
  return {
    id: `sc_${c.Id}`,
    number: String(c.CaseNumber),
    subject: String(c.Subject),
    vendorStatus: String(c.Status ?? ''),
    done: c.IsClosed === true,
    messages: [
      { body: String(c.Description ?? ''), byCustomer: true, files: links.filter((l) => !withComment(l)).map(fileOf) },
      ...comments.map((x) => ({ body: String(x.CommentBody), byCustomer: x.CreatedById === fake.apiUserId, files: links.filter((l) => withComment(l) === x).map(fileOf) })),
    ],
  };
}

/** Every connector the browser tests run on, by the name the page asks for (`?connector=`). */
export const CONNECTOR_TEST_SERVERS: Record<string, (opts: ConnectorStartOptions) => Promise<ConnectorTestServer>> = {
  zendesk: startZendesk,
  salesforce: startSalesforce,
  creatio: startCreatio,
};
