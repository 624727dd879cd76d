import { expect, waitUntil } from '@open-wc/testing';
import { CountingHost } from '../testing/index.js';
import { DelayedFlagController } from './delayed-flag.js';

const DELAY_MS = 40;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

class FlagHost extends CountingHost {
  waiting = false;
  readonly flag = new DelayedFlagController(this, () => this.waiting, DELAY_MS);
}
customElements.define('delayed-flag-host', FlagHost);

async function host(): Promise<FlagHost> {
  const el = document.createElement('delayed-flag-host') as FlagHost;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

async function set(el: FlagHost, waiting: boolean): Promise<void> {
  el.waiting = waiting;
  el.requestUpdate();
  await el.updateComplete;
}

describe('DelayedFlagController', () => {
  afterEach(() => document.querySelectorAll('delayed-flag-host').forEach((el) => el.remove()));

  it('turns true once the condition has held for the delay, and asks for a render then', async () => {
    const el = await host();
    await set(el, true);
    expect(el.flag.value).to.equal(false);
    const before = el.updates;
    await waitUntil(() => el.flag.value, 'never turned true', { timeout: 2000 });
    await el.updateComplete;
    expect(el.updates).to.equal(before + 1);
  });

  it('stays false, with no extra render, when the condition ends before the delay', async () => {
    const el = await host();
    await set(el, true);
    await set(el, false);
    const before = el.updates;
    await pause(DELAY_MS * 3);
    expect(el.flag.value).to.equal(false);
    expect(el.updates).to.equal(before);
  });

  it('turns false in the first render after the condition ends', async () => {
    const el = await host();
    await set(el, true);
    await waitUntil(() => el.flag.value, 'never turned true', { timeout: 2000 });
    await set(el, false);
    expect(el.flag.value).to.equal(false);
  });

  it('a disconnected host forgets the wait', async () => {
    const el = await host();
    await set(el, true);
    el.remove();
    await pause(DELAY_MS * 3);
    expect(el.flag.value).to.equal(false);
  });
});
