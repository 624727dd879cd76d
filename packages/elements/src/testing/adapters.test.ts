import { expect } from '@open-wc/testing';
import { MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import { isAbortError, isAdapterError, type AdapterEvent } from '@case-portal/core';
import { failingAdapter, hangingAdapter, memoryStorage, waitFor, withListCases, wrapAdapter } from './index.js';

const memory = () => new MemoryAdapter({ storage: null, latencyMs: 0 });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('test support', () => {
  it('a wrapped adapter forwards what it does not override, subscribe included', async () => {
    const base = memory();
    const wrapped = withListCases(base, async () => ({ items: [], total: 0, nextCursor: null }));
    expect((await wrapped.listCases({})).total).to.equal(0);
    expect((await wrapped.describe()).statuses).to.deep.equal((await base.describe()).statuses);
    expect('subscribe' in wrapped).to.equal(true);
    const events: AdapterEvent[] = [];
    const caseId = seededCaseId(1);
    const stop = wrapped.subscribe!({ caseId }, (e) => events.push(e));
    try {
      await base.agentReply(caseId, 'Seen through the wrapper.');
      await waitFor(() => events.some((e) => e.type === 'message-added'), 'the live event arrives');
    } finally {
      stop();
    }
  });

  it('failingAdapter fails the first calls with the code, records keys, then passes through', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'postMessage', { code: 'forbidden', backendMessage: 'No.', times: 1 });
    const caseId = seededCaseId(1);
    const error = await rejection(adapter.postMessage(caseId, { body: 'First' }, { idempotencyKey: 'k1' }));
    expect(isAdapterError(error) && [error.code, error.backendMessage]).to.deep.equal(['forbidden', 'No.']);
    expect((await adapter.postMessage(caseId, { body: 'Again' }, { idempotencyKey: 'k1' })).body).to.equal('Again');
    expect(calls.map((c) => c.idempotencyKey)).to.deep.equal(['k1', 'k1']);
    expect(wrapAdapter(adapter, {}).subscribe).to.be.a('function');
  });

  it('hangingAdapter never answers, until the call is aborted', async () => {
    const controller = new AbortController();
    const call = hangingAdapter(memory(), 'listCases').listCases({}, { signal: controller.signal });
    const settled = await Promise.race([call.then(() => 'answered', () => 'failed'), new Promise((r) => setTimeout(() => r('pending'), 50))]);
    expect(settled).to.equal('pending');
    controller.abort();
    expect(isAbortError(await rejection(call))).to.equal(true);
  });

  it('memoryStorage keeps its own keys', () => {
    const a = memoryStorage();
    const b = memoryStorage();
    a.setItem('draft', 'x');
    expect([a.getItem('draft'), b.getItem('draft'), a.length, a.key(0)]).to.deep.equal(['x', null, 1, 'draft']);
    a.removeItem('draft');
    expect(a.length).to.equal(0);
  });
});
