import { expect } from '@open-wc/testing';
import type { AdapterEvent, CaseAdapter, PortalSchema } from '@case-portal/core';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { RestAdapter } from '@case-portal/adapter-rest';
import { lazyAdapter } from './lazy-adapter.js';

/** The part of an adapter these tests touch, recording subscriptions. */
function fakeAdapter(log: string[]): CaseAdapter {
  return {
    describe: async () => ({ statuses: [] }) as unknown as PortalSchema,
    subscribe: (_target: unknown, _on: (e: AdapterEvent) => void) => {
      log.push('subscribe');
      return () => log.push('unsubscribe');
    },
  } as unknown as CaseAdapter;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('lazyAdapter', () => {
  it('forwards every adapter method the memory adapter has, and none of its demo hooks', async () => {
    const memory = new MemoryAdapter({ storage: null });
    const lazy = lazyAdapter(async () => memory);
    const methods = (o: object) =>
      Object.getOwnPropertyNames(Object.getPrototypeOf(o)).filter((k) => k !== 'constructor' && typeof (o as Record<string, unknown>)[k] === 'function');
    const hooks = ['agentReply', 'reset', 'dispose'];
    // The contract: what both real adapters offer (each one's own helpers are on one side only).
    const rest = methods(new RestAdapter({ baseUrl: '/api' }));
    const wanted = methods(memory).filter((k) => rest.includes(k) && !hooks.includes(k));
    expect(wanted).to.include.members(['listCases', 'addParticipant', 'listColleagues']);
    const missing = wanted.filter((k) => typeof (lazy as unknown as Record<string, unknown>)[k] !== 'function');
    expect(missing, 'methods a page without api could not reach').to.deep.equal([]);
    for (const hook of hooks) expect((lazy as unknown as Record<string, unknown>)[hook]).to.equal(undefined);
    expect((await lazy.listColleagues!()).length).to.be.greaterThan(0);
    memory.dispose();
  });

  it('loads the real adapter on the first call only, then forwards', async () => {
    let loads = 0;
    const a = lazyAdapter(async () => (loads++, fakeAdapter([])), { local: true });
    expect(loads).to.equal(0);
    expect(a.local).to.equal(true);
    await Promise.all([a.describe(), a.describe()]);
    await a.describe();
    expect(loads).to.equal(1);
  });

  it('subscribe returns its unsubscribe at once; unsubscribing before the load means it never subscribes', async () => {
    const log: string[] = [];
    const a = lazyAdapter(async () => fakeAdapter(log));
    const off = a.subscribe!({}, () => {});
    expect(off).to.be.a('function');
    off();
    await tick();
    expect(log).to.deep.equal([]);
    const off2 = a.subscribe!({}, () => {});
    await tick();
    expect(log).to.deep.equal(['subscribe']);
    off2();
    expect(log).to.deep.equal(['subscribe', 'unsubscribe']);
  });

  it('a failed load rejects that call, and the next call loads again', async () => {
    let loads = 0;
    const a = lazyAdapter(async () => {
      loads++;
      if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return fakeAdapter([]);
    });
    let failed: unknown;
    await a.describe().catch((e: unknown) => (failed = e));
    expect(failed).to.be.instanceOf(TypeError);
    await a.describe();
    expect(loads).to.equal(2);
  });
});
