import { expect, waitUntil } from '@open-wc/testing';
import { CountingHost } from '../testing/index.js';
import { setElementLoader } from './element-loader.js';
import { RequiredElements } from './required-elements.js';

class Host extends CountingHost {}
customElements.define('required-elements-host', Host);

/** A loader the test answers by hand: `answer(tag, ok)` defines the tag (ok) or fails its load. */
function handLoader() {
  const pending = new Map<string, { resolve: () => void; reject: (e: unknown) => void }>();
  const asked: string[] = [];
  setElementLoader((tag) => {
    asked.push(tag);
    return new Promise<void>((resolve, reject) => pending.set(tag, { resolve, reject }));
  });
  return {
    asked,
    answer(tag: string, ok: boolean) {
      const p = pending.get(tag)!;
      pending.delete(tag);
      if (ok) {
        if (!customElements.get(tag)) customElements.define(tag, class extends HTMLElement {});
        p.resolve();
      } else p.reject(new TypeError('Failed to fetch dynamically imported module'));
    },
  };
}

describe('RequiredElements (alone, on a bare ReactiveElement)', () => {
  let host: Host;
  beforeEach(() => {
    host = document.createElement('required-elements-host') as Host;
    document.body.append(host);
  });
  afterEach(() => host.remove());

  it('a defined tag is ready at once, without asking the loader', () => {
    const loader = handLoader();
    const failures: string[] = [];
    const elements = new RequiredElements(host, (tag) => failures.push(tag));
    expect(elements.status('required-elements-host')).to.deep.equal({ state: 'ready' });
    expect(loader.asked).to.deep.equal([]);
  });

  it('loads an undefined tag once, says loading meanwhile, and updates the host when it is defined', async () => {
    const loader = handLoader();
    const elements = new RequiredElements(host, () => {});
    expect(elements.status('x-lazy-ok').state).to.equal('loading');
    expect(elements.status('x-lazy-ok').state).to.equal('loading');
    expect(loader.asked).to.deep.equal(['x-lazy-ok']);
    await host.updateComplete;
    const before = host.updates;
    loader.answer('x-lazy-ok', true);
    await waitUntil(() => host.updates > before, 'the host was not updated');
    expect(elements.status('x-lazy-ok').state).to.equal('ready');
  });

  it('a failed load is reported once and shown as failed; retry loads again', async () => {
    const loader = handLoader();
    const failures: unknown[] = [];
    const elements = new RequiredElements(host, (tag, e) => failures.push([tag, e]));
    elements.status('x-lazy-flaky');
    loader.answer('x-lazy-flaky', false);
    await waitUntil(() => elements.status('x-lazy-flaky').state === 'failed', 'never failed');
    elements.status('x-lazy-flaky');
    expect(failures).to.have.length(1);
    expect((failures[0] as [string, unknown])[0]).to.equal('x-lazy-flaky');
    elements.retry('x-lazy-flaky');
    expect(elements.status('x-lazy-flaky').state).to.equal('loading');
    expect(loader.asked).to.deep.equal(['x-lazy-flaky', 'x-lazy-flaky']);
    loader.answer('x-lazy-flaky', true);
    await waitUntil(() => elements.status('x-lazy-flaky').state === 'ready', 'retry did not load it');
    expect(failures).to.have.length(1);
  });
});
