/**
 * The contract end to end: RestAdapter in Chromium → HTTP (CORS: the server is on another origin)
 * → the real case server → SQLite and PostgreSQL. No msw. test/servers/case-server.mjs runs the
 * servers and mints tokens as the host site's backend would.
 */
import { RestAdapter } from '@case-portal/adapter-rest';
import { runAdapterContract } from '@case-portal/adapter-contract';
import { caseServers, hostToken } from '../servers/case-server-client.js';

const servers = await caseServers();
let n = 0;

for (const kind of ['sqlite', 'postgres'] as const) {
  runAdapterContract(
    `rest → case server on ${kind}`,
    async () => {
      // A fresh customer (and account) per test: the server keeps everything, so tests never share cases.
      const run = `${kind}-${Date.now().toString(36)}-${++n}`;
      const customer = { sub: `customer-${run}`, name: 'Alex Morgan', email: 'alex@example.com', org: `org-${run}` };
      return {
        adapter: new RestAdapter({ baseUrl: servers[kind], getToken: () => hostToken(customer), pollIntervalMs: 50, pollWhenHidden: true }),
        // Another customer of the account, with an address; signed in once so the server knows them.
        colleague: async () => {
          const other = new RestAdapter({ baseUrl: servers[kind], getToken: () => hostToken({ sub: `colleague-${run}`, name: 'Priya Shah', email: `priya-${run}@example.com`, org: customer.org }) });
          await other.viewer();
          return other;
        },
        supervisor: async () =>
          new RestAdapter({ baseUrl: servers[kind], getToken: () => hostToken({ sub: `supervisor-${run}`, name: 'Dana Lee', org: customer.org, role: 'supervisor' }) }),
        // The help desk's side: the agent API, with an agent's token.
        agentAnswers: async (caseId) => {
          const token = await hostToken({ sub: `agent-${run}`, name: 'Sam Rivera', role: 'agent' });
          const res = await fetch(`${servers[kind]}/agent/cases/${encodeURIComponent(caseId)}/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `agent-${run}-${caseId}` },
            body: JSON.stringify({ body: 'Which firmware do you run?' }),
          });
          if (res.status !== 201) throw new Error(`the agent's answer: ${res.status} ${await res.text()}`);
        },
      };
    },
    { subscribeSettleMs: 150, eventTimeoutMs: 3000 },
  );
}
