/**
 * The adapter contract suite end to end on Salesforce: RestAdapter (the browser client, run in Node)
 * → HTTP → the case server → the Salesforce connector → the strict fake Salesforce on loopback.
 * Each test gets a fresh Contact with an Account, a colleague Contact and one Case of their own
 * already in Salesforce (made there as web-to-case would), so tests never share cases. The
 * server's own database (connector state, idempotency keys, the event log, uploads in flight) is
 * SQLite, then PostgreSQL.
 */
import { RestAdapter } from '@case-portal/adapter-rest';
import { runAdapterContract } from '@case-portal/adapter-contract';
import { DB_KINDS, tokenFor, type Person } from './support/server.js';
import { startSalesforceServer, type SalesforceServer } from './support/salesforce-server.js';

let n = 0;
const NODE_UPLOADS = 'RestAdapter uploads through XMLHttpRequest (for progress events), which Node lacks: the browser contract run on Salesforce (test/contract/salesforce.contract.test.ts) runs these, and salesforce.test.ts sends files over HTTP';

for (const kind of DB_KINDS) {
  let server: SalesforceServer | null = null;
  after(async () => {
    await server?.close();
  });

  runAdapterContract(
    `rest → case server on ${kind} → Salesforce connector → fake Salesforce`,
    async () => {
      // Two custom Case fields mapped to portal fields, and the rating kept in two more (feedback on); batches of 3 records exercise nextRecordsUrl.
      server ??= await startSalesforceServer({
        kind,
        fake: { batchSize: 3, caseFields: { Product__c: 'string', Serial_Number__c: 'string', CSAT_Rating__c: 'double', CSAT_Comment__c: 'string' } },
        backend: { fields: { product: 'Product__c', serial_number: 'Serial_Number__c' }, feedbackFields: { rating: 'CSAT_Rating__c', comment: 'CSAT_Comment__c' } },
      });
      const { fake, url } = server;
      const run = `sf${Date.now().toString(36)}${++n}`;
      const account = fake.addAccount(`Account ${run}`);
      const alex = fake.addContact({ name: 'Alex Morgan', email: `alex-${run}@example.com`, accountId: account.Id });
      fake.addCase({ contactId: alex.Id, subject: `Printer overheats ${run}`, description: 'It gets very hot.', status: 'Working', at: Date.now() - 60_000 });
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
      // A stream for one case starts once the server has read the case from Salesforce (a few round trips).
      subscribeSettleMs: 1000,
      eventTimeoutMs: 3000,
      timeoutMs: 20_000,
      skip: {
        'lists the case\'s own files and those of its messages, oldest first': NODE_UPLOADS,
        'attaches uploaded files to the case: once per idempotency key, bumping the version': NODE_UPLOADS,
        'refuses to attach to a finished case (forbidden) and unknown ids (validation)': NODE_UPLOADS,
        'uploads a file and returns the attachment': NODE_UPLOADS,
        'sends files alone, without text: the message carries them and the case lists them': NODE_UPLOADS,
        'refuses an oversize file with too_large before sending a byte': 'a check RestAdapter makes in the client before any request: nothing reaches the server or Salesforce (salesforce.test.ts sends an oversize file to the server itself)',
        'refuses a type the schema does not allow with unsupported_type': 'a check RestAdapter makes in the client before any request: nothing reaches the server or Salesforce (the browser contract runs cover it)',
      },
    },
  );
}
