/**
 * The adapter contract suite end to end on Zendesk: RestAdapter (the browser client, run in Node)
 * → HTTP → the case server → the Zendesk connector → the strict fake Zendesk on loopback.
 * Each test gets a fresh customer with an organization, a colleague and one ticket of their own
 * already in Zendesk (made there as the web widget would), so tests never share cases. The
 * server's own database (connector state, idempotency keys, the event log) is SQLite, then PostgreSQL.
 */
import { RestAdapter } from '@case-portal/adapter-rest';
import { runAdapterContract } from '@case-portal/adapter-contract';
import { DB_KINDS, tokenFor, type Person } from './support/server.js';
import { startZendeskServer, type ZendeskServer } from './support/zendesk-server.js';

let n = 0;

for (const kind of DB_KINDS) {
  let server: ZendeskServer | null = null;
  after(async () => {
    await server?.close();
  });

  runAdapterContract(
    `rest → case server on ${kind} → Zendesk connector → fake Zendesk`,
    async () => {
      // An OAuth token (feedback acts on behalf of the end user) and two custom fields mapped to Zendesk ticket fields.
      server ??= await startZendeskServer({
        kind,
        fake: { oauthToken: 'zd-oauth-token', ticketFieldIds: [501, 502] },
        backend: { apiToken: undefined, email: undefined, oauthToken: 'zd-oauth-token', fields: { product: 501, serial_number: 502 } },
      });
      const { fake, url } = server;
      const run = `zd${Date.now().toString(36)}${++n}`;
      const org = fake.addOrg({ name: `Org ${run}`, external_id: `org-${run}` });
      const alex = fake.addUser({ name: 'Alex Morgan', email: `alex-${run}@example.com`, organization_id: org.id });
      fake.addTicket({ requester_id: alex.id, subject: `Printer overheats ${run}`, body: 'It gets very hot.', status: 'open', at: Date.now() - 60_000 });
      const customer: Person = { sub: `customer-${run}`, name: 'Alex Morgan', email: alex.email!, org: `org-${run}` };
      return {
        adapter: new RestAdapter({ baseUrl: url, getToken: () => tokenFor(customer), pollIntervalMs: 50, pollWhenHidden: true }),
        colleague: async () => {
          const priya: Person = { sub: `colleague-${run}`, name: 'Priya Shah', email: `priya-${run}@example.com`, org: `org-${run}` };
          const other = new RestAdapter({ baseUrl: url, getToken: () => tokenFor(priya) });
          await other.viewer();
          return other;
        },
        supervisor: async () => {
          fake.addUser({ name: 'Dana Lee', email: `dana-${run}@example.com`, organization_id: org.id });
          const dana: Person = { sub: `supervisor-${run}`, name: 'Dana Lee', email: `dana-${run}@example.com`, org: `org-${run}`, role: 'supervisor' };
          return new RestAdapter({ baseUrl: url, getToken: () => tokenFor(dana) });
        },
      };
    },
    {
      // A stream for one case starts once the server has read the case from Zendesk (a few round trips).
      subscribeSettleMs: 1000,
      eventTimeoutMs: 3000,
      timeoutMs: 20_000,
      // These upload a file: RestAdapter uploads through XMLHttpRequest (for progress
      // events), which Node lacks. The browser contract run on Zendesk runs them all
      // (test/contract/zendesk.contract.test.ts); zendesk-files.test.ts covers files over HTTP here.
      skip: {
        ...Object.fromEntries(
          [
            'uploads a file and returns the attachment',
            "lists the case's own files and those of its messages, oldest first",
            'attaches uploaded files to the case: once per idempotency key, bumping the version',
            'refuses to attach to a finished case (forbidden) and unknown ids (validation)',
            'sends files alone, without text: the message carries them and the case lists them',
          ].map((name) => [name, 'uploads through XMLHttpRequest, which Node lacks: run in Chromium by test/contract/zendesk.contract.test.ts']),
        ),
        // RestAdapter refuses these in the client before any request. Under Node the suite's
        // isAdapterError does not accept the error it throws for them ("expected an AdapterError, got
        // AdapterError: The file is too large."; an instanceof across module copies, not looked into
        // further), so they run in Chromium only, where they pass.
        'refuses an oversize file with too_large before sending a byte': 'a client-side check; run in Chromium by test/contract/zendesk.contract.test.ts',
        'refuses a type the schema does not allow with unsupported_type': 'a client-side check; run in Chromium by test/contract/zendesk.contract.test.ts',
      },
    },
  );
}
