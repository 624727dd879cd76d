import { DEMO_PEOPLE, MemoryAdapter } from '@case-portal/adapter-memory';
import { runAdapterContract } from '@case-portal/adapter-contract';

runAdapterContract('memory', async () => ({
  adapter: new MemoryAdapter({ storage: null, latencyMs: 0 }),
  // Same seed, same data: the supervisor sees the customer's seeded cases.
  supervisor: async () => new MemoryAdapter({ storage: null, latencyMs: 0, viewerId: DEMO_PEOPLE.supervisor.id }),
}));
