import { expect } from '@open-wc/testing';
import type { AdapterEvent, CaseAdapter, PortalSchema } from '@case-portal/core';
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
