/**
 * The contract over HTTP: RestAdapter → fetch/XHR → msw service worker → handlers → MemoryAdapter.
 * Passing here means the REST client and the documented API agree with the memory adapter's logic.
 */
import type { SetupWorker } from 'msw/browser';
import { DEMO_PEOPLE, MemoryAdapter, MemoryStorage } from '@case-portal/adapter-memory';
import { RestAdapter } from '@case-portal/adapter-rest';
import { startMockWorker } from '../mocks/browser.js';
import { createMockApi } from '../mocks/handlers.js';
import { runAdapterContract } from '@case-portal/adapter-contract';

const TOKEN = 'contract-token';
let worker: SetupWorker;
let n = 0;

before(async function () {
  // Installing msw's service worker waits for its claim: seconds on a loaded 2-core machine.
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(async () => {
  await worker.stop();
});

runAdapterContract(
  'rest over msw',
  async () => {
    // The customer and a colleague (Tom, same account) share one demo backend through its storage.
    const storage = new MemoryStorage();
    const storageKey = `rest-contract-${Date.now()}-${++n}`;
    const customer = createMockApi({ adapter: new MemoryAdapter({ storage, storageKey, latencyMs: 0 }), token: TOKEN });
    const colleague = createMockApi({
      baseUrl: '/api/colleague',
      adapter: new MemoryAdapter({ storage, storageKey, latencyMs: 0, viewerId: DEMO_PEOPLE.tom.id }),
    });
    const supervisor = createMockApi({
      baseUrl: '/api/supervisor',
      adapter: new MemoryAdapter({ storage: null, latencyMs: 0, viewerId: DEMO_PEOPLE.supervisor.id }),
    });
    // A fresh backend per test: writes in one test never leak into the next.
    worker.resetHandlers(...customer.handlers, ...supervisor.handlers, ...colleague.handlers);
    const extra: ReturnType<typeof createMockApi>[] = [];
    return {
      adapter: new RestAdapter({ baseUrl: '/api/portal', getToken: () => TOKEN, pollIntervalMs: 50, pollWhenHidden: true }),
      supervisor: async () => new RestAdapter({ baseUrl: '/api/supervisor' }),
      colleague: async () => new RestAdapter({ baseUrl: '/api/colleague' }),
      // Another demo backend whose schema lets people copied do more, under its own base URLs.
      withParticipantRights: async (mayAlso) => {
        const shared = { storage: new MemoryStorage(), storageKey: `${storageKey}-rights`, latencyMs: 0, schema: { participants: { max: 5, colleagues: true, mayAlso } } };
        extra.push(
          createMockApi({ baseUrl: '/api/rights', adapter: new MemoryAdapter(shared) }),
          createMockApi({ baseUrl: '/api/rights-colleague', adapter: new MemoryAdapter({ ...shared, viewerId: DEMO_PEOPLE.tom.id }) }),
        );
        worker.use(...extra.flatMap((api) => api.handlers));
        return { adapter: new RestAdapter({ baseUrl: '/api/rights' }), colleague: new RestAdapter({ baseUrl: '/api/rights-colleague' }) };
      },
      // The help desk's side of the backend behind the handlers.
      agentAnswers: async (caseId) => void (await (customer.adapter as MemoryAdapter).agentReply(caseId, 'Which firmware do you run?')),
      cleanup: async () => {
        for (const api of extra) {
          api.dispose();
          (api.adapter as MemoryAdapter).dispose();
        }
        customer.dispose();
        supervisor.dispose();
        colleague.dispose();
        for (const api of [customer, colleague]) (api.adapter as MemoryAdapter).dispose();
      },
    };
  },
  // The first subscribe loads the live-update code (a chunk of its own, compiled by the test server
  // on first request) and opens the stream through the service worker, which starts at "now": an
  // event before that is not the stream's. 150 ms was not always enough (about one run alone in two).
  { subscribeSettleMs: 600, eventTimeoutMs: 3000 },
);
