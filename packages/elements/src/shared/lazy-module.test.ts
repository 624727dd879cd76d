import { expect, waitUntil } from '@open-wc/testing';
import { CountingHost } from '../testing/index.js';
import { LazyModule } from './lazy-module.js';

class Host extends CountingHost {}
customElements.define('lazy-module-host', Host);

/** A load the test answers by hand: each call is one pending import. */
function handLoad() {
  const calls: { resolve: (m: { name: string }) => void; reject: (e: unknown) => void }[] = [];
  const load = () => new Promise<{ name: string }>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, load };
}

describe('LazyModule (alone, on a bare ReactiveElement)', () => {
  let host: Host;
  beforeEach(async () => {
    host = document.createElement('lazy-module-host') as Host;
    document.body.append(host);
    await host.updateComplete;
  });
  afterEach(() => host.remove());

  it('loads nothing until asked, then once: loading, then ready with the module and a re-render', async () => {
    const { calls, load } = handLoad();
    const lazy = new LazyModule(host, load);
    expect(lazy.loaded(), 'asking whether it is here loads nothing').to.equal(undefined);
    expect(calls.length).to.equal(0);
    expect(lazy.status().state).to.equal('loading');
    expect(lazy.status().state).to.equal('loading');
    expect(calls.length).to.equal(1);
    const before = host.updates;
    calls[0]!.resolve({ name: 'panel' });
    await waitUntil(() => host.updates > before, 'no re-render when loaded');
    const s = lazy.status();
    expect(s.state === 'ready' && s.module.name).to.equal('panel');
    expect(lazy.loaded()?.name).to.equal('panel');
    expect(calls.length).to.equal(1);
  });

  it('a failed load is reported as failed with its error; retry loads again and a late answer of the old attempt is ignored', async () => {
    const { calls, load } = handLoad();
    const lazy = new LazyModule(host, load);
    lazy.prefetch();
    const error = new TypeError('Failed to fetch dynamically imported module');
    calls[0]!.reject(error);
    await waitUntil(() => lazy.status().state === 'failed', 'not failed');
    const failed = lazy.status();
    expect(failed.state === 'failed' && failed.error).to.equal(error);
    lazy.retry();
    expect(lazy.status().state).to.equal('loading');
    expect(calls.length).to.equal(2);
    calls[0]!.resolve({ name: 'stale' });
    calls[1]!.resolve({ name: 'fresh' });
    await waitUntil(() => lazy.status().state === 'ready', 'retry never loaded');
    const s = lazy.status();
    expect(s.state === 'ready' && s.module.name).to.equal('fresh');
  });
});
