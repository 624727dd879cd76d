import { DEMO_PEOPLE, MemoryAdapter, MemoryStorage } from '@case-portal/adapter-memory';
import { runAdapterContract } from '@case-portal/adapter-contract';

let n = 0;

runAdapterContract('memory', async () => {
  // The customer and a colleague share one storage, as two people on one demo backend.
  const storage = new MemoryStorage();
  const storageKey = `memory-contract-${Date.now()}-${++n}`;
  const adapter = new MemoryAdapter({ storage, storageKey, latencyMs: 0 });
  const colleagues: MemoryAdapter[] = [];
  return {
    adapter,
    // Same seed, same data: the supervisor sees the customer's seeded cases.
    supervisor: async () => new MemoryAdapter({ storage: null, latencyMs: 0, viewerId: DEMO_PEOPLE.supervisor.id }),
    colleague: async () => {
      colleagues.push(new MemoryAdapter({ storage, storageKey, latencyMs: 0, viewerId: DEMO_PEOPLE.tom.id }));
      return colleagues.at(-1)!;
    },
    withParticipantRights: async (mayAlso) => {
      const schema = { participants: { max: 5, colleagues: true, mayAlso } };
      const shared = { storage: new MemoryStorage(), storageKey: `${storageKey}-rights`, latencyMs: 0, schema };
      colleagues.push(new MemoryAdapter(shared), new MemoryAdapter({ ...shared, viewerId: DEMO_PEOPLE.tom.id }));
      return { adapter: colleagues.at(-2)!, colleague: colleagues.at(-1)! };
    },
    // The demo backend's help desk side: an agent's public answer leaves the case awaiting the customer.
    agentAnswers: async (caseId) => void (await adapter.agentReply(caseId, 'Which firmware do you run?')),
    cleanup: async () => {
      for (const a of [adapter, ...colleagues]) a.dispose();
    },
  };
});
