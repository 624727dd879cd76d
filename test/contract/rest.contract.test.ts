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
    return {
      adapter: new RestAdapter({ baseUrl: '/api/portal', getToken: () => TOKEN, pollIntervalMs: 50, pollWhenHidden: true }),
      supervisor: async () => new RestAdapter({ baseUrl: '/api/supervisor' }),
      colleague: async () => new RestAdapter({ baseUrl: '/api/colleague' }),
      cleanup: async () => {
        customer.dispose();
        supervisor.dispose();
        colleague.dispose();
        for (const api of [customer, colleague]) (api.adapter as MemoryAdapter).dispose();
      },
    };
  },
  // The poller's first request only learns the cursor; give it one round-trip before writing.
  { subscribeSettleMs: 150, eventTimeoutMs: 3000 },
);
