/**
 * The adapter contract suite end to end on Creatio: RestAdapter (the browser client, run in Node)
 * → HTTP → the case server → the Creatio connector → the strict fake Creatio on loopback.
 * Each test gets a fresh contact with an account, and one case of their own already in Creatio
 * (made there as an agent would), so tests never share cases. The server's own database
 * (connector state, idempotency keys, the event log) is SQLite, then PostgreSQL.
 */
import { RestAdapter } from '@case-portal/adapter-rest';
import { runAdapterContract } from '@case-portal/adapter-contract';
import { DB_KINDS, tokenFor, type Person } from './support/server.js';
import { startCreatioServer, type CreatioServer } from './support/creatio-server.js';
import { installNodeXhr } from './support/node-xhr.js';

// Files are on with Creatio: RestAdapter's uploads (XMLHttpRequest) run over Node's fetch.
installNodeXhr();

let n = 0;

for (const kind of DB_KINDS) {
  let server: CreatioServer | null = null;
  after(async () => {
    await server?.close();
  });

  runAdapterContract(
    `rest → case server on ${kind} → Creatio connector → fake Creatio`,
    async () => {
      server ??= await startCreatioServer({ kind });
      const { fake, url } = server;
      const run = `cr${Date.now().toString(36)}${++n}`;
      const account = fake.addAccount(`Account ${run}`);
      const alex = fake.addContact({ name: 'Alex Morgan', email: `alex-${run}@example.com`, accountId: account.Id });
      fake.addCase({ contactId: alex.Id, subject: `Printer overheats ${run}`, symptoms: 'It gets very hot.', at: Date.now() - 60_000 });
      const customer: Person = { sub: `customer-${run}`, name: 'Alex Morgan', email: `alex-${run}@example.com`, org: `org-${run}` };
      return {
        adapter: new RestAdapter({ baseUrl: url, getToken: () => tokenFor(customer), pollIntervalMs: 50, pollWhenHidden: true }),
        colleague: async () => {
          fake.addContact({ name: 'Priya Shah', email: `priya-${run}@example.com`, accountId: account.Id });
          const priya: Person = { sub: `colleague-${run}`, name: 'Priya Shah', email: `priya-${run}@example.com`, org: `org-${run}` };
          const other = new RestAdapter({ baseUrl: url, getToken: () => tokenFor(priya) });
          await other.viewer();
          return other;
        },
        supervisor: async () => {
          fake.addContact({ name: 'Dana Lee', email: `dana-${run}@example.com`, accountId: account.Id });
          const dana: Person = { sub: `supervisor-${run}`, name: 'Dana Lee', email: `dana-${run}@example.com`, org: `org-${run}`, role: 'supervisor' };
          return new RestAdapter({ baseUrl: url, getToken: () => tokenFor(dana) });
        },
      };
    },
    {
      // A stream for one case starts once the server has read the case from Creatio (a few round trips).
      subscribeSettleMs: 1000,
      eventTimeoutMs: 3000,
      timeoutMs: 20_000,
      skip: {
        'refuses an oversize file with too_large before sending a byte': 'a check RestAdapter makes in the client before any request: nothing reaches the server or Creatio (the browser contract runs cover it)',
        'refuses a type the schema does not allow with unsupported_type': 'a check RestAdapter makes in the client before any request: nothing reaches the server or Creatio (the browser contract runs cover it)',
      },
    },
  );
}
