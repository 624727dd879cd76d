import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import { warmThreadTemplates } from '../case-thread/warm-up.js';
import { warmWhenIdle, type WarmUp } from './warm-up.js';
import type { PortalSetup } from './case-element.js';

async function setupOf(adapter: CaseAdapter): Promise<PortalSetup> {
  return { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
}

/** Records every adapter call after setup: a warm-up must make none. */
function recording(inner: CaseAdapter, calls: string[]): CaseAdapter {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('warm-ups', () => {
  const i18n = createI18n('en');

  it('run in an idle moment, not during the call, and once per page each', async () => {
    const setup = await setupOf(new MemoryAdapter({ storage: null }));
    let runs = 0;
    const warm: WarmUp = () => runs++;
    warmWhenIdle(setup, i18n, [warm]);
    warmWhenIdle(setup, i18n, [warm]);
    expect(runs).to.equal(0);
    await waitUntil(() => runs > 0, 'the warm-up never ran', { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 50));
    warmWhenIdle(setup, i18n, [warm]);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).to.equal(1);
  });

  it('a failing warm-up is only a warning: the others still run', async () => {
    const setup = await setupOf(new MemoryAdapter({ storage: null }));
    const warned: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warned.push(args);
    try {
      let ran = false;
      warmWhenIdle(setup, i18n, [
        () => {
          throw new Error('broken');
        },
        () => (ran = true),
      ]);
      await waitUntil(() => ran, 'the second warm-up never ran', { timeout: 3000 });
      expect(warned).to.have.length(1);
    } finally {
      console.warn = original;
    }
  });

  it("the thread's warm-up renders its templates off the page, without a call to the backend", async () => {
    const calls: string[] = [];
    const setup = await setupOf(new MemoryAdapter({ storage: null }));
    setup.adapter = recording(setup.adapter, calls);
    const before = document.body.childNodes.length;
    warmThreadTemplates(setup, i18n);
    warmThreadTemplates({ ...setup, schema: { ...setup.schema, features: { ...setup.schema.features, attachments: false } } }, i18n);
    expect(calls).to.deep.equal([]);
    expect(document.body.childNodes.length).to.equal(before);
    expect(document.querySelector('form, li, article')).to.equal(null);
  });
});
