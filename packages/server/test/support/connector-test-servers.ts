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
  // Polling on (short) so changes made in the fake reach an open page; the fake's export lag is 1 s.
  const server = await startZendeskServer({ backend: { pollIntervalMs: 1000 }, config: { ...opts.config, corsOrigins: opts.corsOrigins } });
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

/** Every connector the browser tests run on, by the name the page asks for (`?connector=`). */
export const CONNECTOR_TEST_SERVERS: Record<string, (opts: ConnectorStartOptions) => Promise<ConnectorTestServer>> = {
  zendesk: startZendesk,
};
