/**
 * Issue 13, defect 2: an element shows and sends nothing through the page's default backend (the
 * single file's demo) when the host gives it an adapter in the same task, and switching adapters
 * ends everything started on the old one: its data leaves the screen at once, its uploads are
 * aborted, its live subscriptions are closed.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { DEMO_PEOPLE, MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, SubscribeTarget, UploadOptions } from '@case-portal/core';
import '../define/case-portal.js';
import '../define/case-list.js';
import '../define/case-create.js';
import '../define/case-detail.js';
import { setDefaultAdapterFactory } from './defaults.js';
import { deferred, pickFiles, untilAborted, wrapAdapter } from '../testing/index.js';

const now = () => new Date('2026-03-10T12:00:00Z');

/** An adapter that counts every call made to it (the page's default, in these tests). */
function counted(base: CaseAdapter): { adapter: CaseAdapter; calls: string[] } {
  const calls: string[] = [];
  const overrides: Partial<CaseAdapter> = {};
  for (const m of ['describe', 'viewer', 'listCases', 'getCase', 'listMessages', 'uploadAttachment', 'createCase', 'postMessage'] as const) {
    const original = (base[m] as (...a: unknown[]) => Promise<unknown>).bind(base);
    (overrides as Record<string, unknown>)[m] = (...a: unknown[]) => (calls.push(m), original(...a));
  }
  overrides.subscribe = (target: SubscribeTarget, on) => (calls.push('subscribe'), base.subscribe!(target, on));
  return { adapter: wrapAdapter(base, overrides), calls };
}

/** Lets the microtasks of the current task run, as the end of one script does before the next. */
async function microtasks(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

const placed: HTMLElement[] = [];
function place<T extends HTMLElement>(tag: string): T {
  const el = document.createElement(tag) as T;
  document.body.append(el);
  placed.push(el);
  return el;
}

afterEach(() => {
  for (const el of placed.splice(0)) el.remove();
  setDefaultAdapterFactory(undefined);
});

describe('the default backend and an adapter given in the same task', () => {
  for (const tag of ['case-portal', 'case-list']) {
    it(`<${tag}> makes no call to the default backend and shows only the host's`, async () => {
      const demo = counted(new MemoryAdapter({ storage: null, now }));
      setDefaultAdapterFactory(() => demo.adapter);
      const el = place<HTMLElement & { adapter?: CaseAdapter; now: () => Date }>(tag);
      el.now = now;
      // The tag's upgrade and first update run here; the host's module script comes after them.
      await microtasks();
      const slow = deferred();
      const real = new MemoryAdapter({ storage: null, now, viewer: DEMO_PEOPLE.tom });
      el.adapter = wrapAdapter(real, { describe: async (o) => (await slow.promise, real.describe(o)) });
      await new Promise((r) => setTimeout(r, 100));
      expect(demo.calls, 'calls made to the default backend').to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('[part=loading]'), 'a loading line while the host’s backend answers').to.not.equal(null);
      slow.resolve();
      if (tag === 'case-portal') {
        await waitUntil(() => el.shadowRoot!.querySelector('[part=who]'), 'the portal did not load');
        expect(el.shadowRoot!.querySelector('[part=who]')!.textContent).to.contain('Tom Becker');
      } else {
        await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'the list did not load', { timeout: 4000 });
      }
      expect(demo.calls).to.deep.equal([]);
    });
  }

  it('an element given no adapter still runs on the default backend, a task later', async () => {
    const demo = counted(new MemoryAdapter({ storage: null, now }));
    setDefaultAdapterFactory(() => demo.adapter);
    const el = place<HTMLElement & { now: () => Date }>('case-portal');
    el.now = now;
    await waitUntil(() => el.shadowRoot!.querySelector('[part=who]'), 'the portal did not load on the default backend');
    expect(el.shadowRoot!.querySelector('[part=who]')!.textContent).to.contain('Alex Morgan');
    expect(demo.calls).to.include('describe');
  });
});

describe('switching adapters', () => {
  it('the old backend’s data leaves the screen at once and its live subscription closes', async () => {
    const oldBase = new MemoryAdapter({ storage: null, now });
    const caseId = (await oldBase.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 1 })).items[0]!.id;
    let open = 0;
    const old = wrapAdapter(oldBase, {
      subscribe(target, on) {
        open++;
        const off = oldBase.subscribe(target, on);
        return () => (open--, off());
      },
    });
    const el = place<HTMLElement & { adapter?: CaseAdapter; now: () => Date; caseId: string }>('case-detail');
    Object.assign(el, { now, caseId, adapter: old });
    await waitUntil(() => el.shadowRoot!.querySelector('#title'), 'the case did not load', { timeout: 4000 });
    // The case view follows the case, and its conversation the messages: one subscription each.
    await waitUntil(() => open >= 2, 'no live subscriptions on the first backend', { timeout: 4000 });

    const slow = deferred();
    const next = new MemoryAdapter({ storage: null, now, viewer: DEMO_PEOPLE.tom });
    el.adapter = wrapAdapter(next, { describe: async (o) => (await slow.promise, next.describe(o)) });
    await new Promise((r) => setTimeout(r, 50));
    expect(el.shadowRoot!.querySelector('#title'), 'the old backend’s case is still shown').to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=loading]')).to.not.equal(null);
    expect(open, 'subscriptions still open on the old backend').to.equal(0);
    slow.resolve();
  });

  it('an upload in flight on the old backend is aborted, and the file is offered to send again', async () => {
    const limits = { ...demoSchema.limits, maxAttachmentBytes: 1024, allowedTypes: [] };
    const oldBase = new MemoryAdapter({ storage: null, now, schema: { limits } });
    const aborted: boolean[] = [];
    const old = wrapAdapter(oldBase, {
      uploadAttachment: (_f: File, o?: UploadOptions) =>
        untilAborted(o?.signal).catch((e: unknown) => {
          aborted.push(true);
          throw e;
        }),
    });
    const el = place<HTMLElement & { adapter?: CaseAdapter; now: () => Date; draftStorage: Storage | null }>('case-create');
    Object.assign(el, { now, draftStorage: null, adapter: old });
    const input = await waitUntil(() => el.shadowRoot!.querySelector('#create-files'), 'the form did not load').then(
      () => el.shadowRoot!.querySelector<HTMLInputElement>('#create-files')!,
    );
    pickFiles(input, [new File(['log'], 'router.log', { type: 'text/plain' })]);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=pending-file][data-state=uploading]'), 'no upload started');

    const next = counted(new MemoryAdapter({ storage: null, now, schema: { limits } }));
    el.adapter = next.adapter;
    await waitUntil(() => aborted.length > 0, 'the upload on the old backend was not aborted');
    const item = () => el.shadowRoot!.querySelector<HTMLElement>('[part~=pending-file]');
    await waitUntil(() => item()?.dataset['state'] === 'failed', 'the file is not offered to send again');
    expect(next.calls).to.not.include('uploadAttachment');
    item()!.querySelector<HTMLButtonElement>('.file-actions button')!.click();
    await waitUntil(() => next.calls.includes('uploadAttachment'), 'sending it again did not use the new backend');
  });
});
