/**
 * The contract end to end on Salesforce in the browser: RestAdapter in Chromium → HTTP (CORS) → the
 * case server on the Salesforce connector → the strict fake Salesforce (the browser harness's
 * connector server, packages/server/test/support/connector-test-servers.ts). Here RestAdapter
 * uploads through XMLHttpRequest as in a real page, so the file cases the Node run
 * (packages/server/test/salesforce-contract.test.ts) skips run against Salesforce too. Each test
 * gets a fresh Contact (seeded in the fake with two Cases of their own) in a fresh Account.
 */
import { RestAdapter } from '@case-portal/adapter-rest';
import { runAdapterContract } from '@case-portal/adapter-contract';
import { caseServers, hostToken, seedVendor, type SeedCustomer } from '../servers/case-server-client.js';

const servers = await caseServers();
let n = 0;
const api = servers.connectors.salesforce!;

runAdapterContract(
  'rest → case server → Salesforce connector → fake Salesforce (browser)',
  async () => {
    const run = `sfc-${Date.now().toString(36)}-${++n}`;
    const customer: SeedCustomer = { sub: `customer-${run}`, name: 'Alex Morgan', email: `alex-${run}@example.com`, org: `org-${run}` };
    await seedVendor('salesforce', customer);
    // Colleagues and supervisors are Contacts of the same Account (seeded there with Cases of their own).
    const person = async (p: SeedCustomer, role?: 'supervisor') => {
      await seedVendor('salesforce', p);
      return new RestAdapter({ baseUrl: api, getToken: () => hostToken({ ...p, ...(role ? { role } : {}) }) });
    };
    return {
      adapter: new RestAdapter({ baseUrl: api, getToken: () => hostToken(customer), pollIntervalMs: 50, pollWhenHidden: true }),
      colleague: async () => {
        const other = await person({ sub: `colleague-${run}`, name: 'Priya Shah', email: `priya-${run}@example.com`, org: customer.org });
        await other.viewer();
        return other;
      },
      supervisor: () => person({ sub: `supervisor-${run}`, name: 'Dana Lee', email: `dana-${run}@example.com`, org: customer.org }, 'supervisor'),
    };
  },
  { subscribeSettleMs: 1000, eventTimeoutMs: 5000, timeoutMs: 20_000 },
);
