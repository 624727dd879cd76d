/**
 * The contract end to end on the Zendesk connector, in Chromium: RestAdapter → HTTP (CORS) → the
 * case server → the Zendesk connector → the strict fake Zendesk (test/servers/case-server.mjs runs
 * them; packages/server/test/support/connector-test-servers.ts). The Node run
 * (packages/server/test/zendesk-contract.test.ts) skips what uploads a file, since RestAdapter
 * uploads through XMLHttpRequest: here every test runs, files included. Each test gets a fresh
 * customer with an organization and tickets of their own already in Zendesk.
 */
import { RestAdapter } from '@case-portal/adapter-rest';
import { runAdapterContract } from '@case-portal/adapter-contract';
import { caseServers, hostToken, seedVendor } from '../servers/case-server-client.js';

const servers = await caseServers();
const url = servers.connectors.zendesk;
let n = 0;

if (url) {
  runAdapterContract(
    'rest → case server → Zendesk connector → fake Zendesk (in the browser)',
    async () => {
      const run = `zdb${Date.now().toString(36)}${++n}`;
      const customer = { sub: `customer-${run}`, name: 'Alex Morgan', email: `alex-${run}@example.com`, org: `org-${run}` };
      await seedVendor('zendesk', customer);
      return {
        adapter: new RestAdapter({ baseUrl: url, getToken: () => hostToken(customer), pollIntervalMs: 50, pollWhenHidden: true }),
        // Another end user of the organization, signed in once so Zendesk has them.
        colleague: async () => {
          const other = new RestAdapter({ baseUrl: url, getToken: () => hostToken({ sub: `colleague-${run}`, name: 'Priya Shah', email: `priya-${run}@example.com`, org: customer.org }) });
          await other.viewer();
          return other;
        },
        supervisor: async () =>
          new RestAdapter({ baseUrl: url, getToken: () => hostToken({ sub: `supervisor-${run}`, name: 'Dana Lee', email: `dana-${run}@example.com`, org: customer.org, role: 'supervisor' }) }),
      };
    },
    {
      // As the Node run: a stream for one case starts once the server has read the case from Zendesk.
      subscribeSettleMs: 1000,
      eventTimeoutMs: 3000,
      timeoutMs: 20_000,
    },
  );
}
