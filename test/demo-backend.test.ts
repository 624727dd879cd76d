/**
 * Issue 13, defect 10: the single file's embedded demo backend is unmistakable. Without `api` and
 * without an adapter the portal says it shows demo data; an `api` that does not answer is an error,
 * never a fall back to the demo; and the demo's help-desk hooks (`agentReply`, …) are not reachable
 * through the elements (only through the bundle's explicit `loadMemoryModule` export).
 */
import { expect, waitUntil } from '@open-wc/testing';
import '@case-portal/elements/bundle.js';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { deepQuery } from './dom.js';

type Portal = HTMLElement & { adapter?: unknown };
const placed: HTMLElement[] = [];
function portal(attrs: Record<string, string> = {}): Portal {
  const el = document.createElement('case-portal') as Portal;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  placed.push(el);
  return el;
}
afterEach(() => placed.splice(0).forEach((e) => e.remove()));

const notice = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part~=demo-notice]');
const who = (el: Element) => el.shadowRoot!.querySelector('[part=who]');

describe('the demo backend is unmistakable', () => {
  it('a portal with no api and no adapter shows a visible "demo data" notice', async function () {
    this.timeout(15_000);
    const el = portal();
    await waitUntil(() => who(el), 'the portal did not load on the demo backend', { timeout: 10_000 });
    const n = notice(el);
    expect(n, 'no demo notice').to.not.equal(null);
    expect(n!.textContent).to.match(/demo data/i);
    expect(n!.getBoundingClientRect().height).to.be.greaterThan(0);
    // Above the bar: the first thing read and seen.
    expect(n!.compareDocumentPosition(who(el)!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    // Only once: the portal's list does not repeat it.
    const list = await waitUntil(() => deepQuery(el.shadowRoot!, 'case-list')?.shadowRoot?.querySelector('tbody tr'), 'no rows', {
      timeout: 10_000,
    }).then(() => deepQuery<HTMLElement>(el.shadowRoot!, 'case-list')!);
    expect(notice(list)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a portal given an adapter shows no notice', async function () {
    this.timeout(15_000);
    const el = portal();
    el.adapter = new MemoryAdapter({ storage: null });
    await waitUntil(() => who(el), 'the portal did not load', { timeout: 10_000 });
    expect(notice(el)).to.equal(null);
  });

  it('an api that does not answer is an error (generic message, case-error), never the demo data', async function () {
    this.timeout(15_000);
    const errors: { operation: string; message: string }[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent).detail);
    document.addEventListener('case-error', onError);
    try {
      // Nothing listens on port 9 (discard): the connection is refused at once.
      const el = portal({ api: 'http://127.0.0.1:9/api/portal' });
      await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown', { timeout: 10_000 });
      expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('can’t be reached');
      expect(errors.map((e) => e.operation)).to.include('setup');
      expect(who(el), 'demo data shown instead').to.equal(null);
      expect(notice(el)).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('case-error', onError);
    }
  });

  it('the elements expose none of the demo help desk’s hooks', async function () {
    this.timeout(15_000);
    const el = portal();
    await waitUntil(() => who(el), 'the portal did not load on the demo backend', { timeout: 10_000 });
    const list = await waitUntil(() => deepQuery(el.shadowRoot!, 'case-list'), 'no list').then(
      () => deepQuery<HTMLElement>(el.shadowRoot!, 'case-list')!,
    );
    // Everything a page script can reach on the elements: their (protected in type only) adapter
    // getters and the setup they share with their children.
    type Reachable = { activeAdapter?: object; setup: { value?: { adapter: object } } };
    const reachable = [el, list].flatMap((e) => {
      const r = e as unknown as Reachable;
      return [r.activeAdapter, r.setup.value?.adapter];
    });
    expect(reachable.filter(Boolean).length).to.equal(4);
    for (const adapter of reachable) {
      for (const hook of ['agentReply', 'reset', 'dispose']) expect(hook in adapter!, hook).to.equal(false);
    }
  });
});
