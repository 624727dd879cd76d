import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { heldUntil } from './held-until.js';

const button = (host: HTMLElement) => host.querySelector('button')!;
const draw = (host: HTMLElement, at: number | undefined, also = false) =>
  render(html`<button ?disabled=${heldUntil(at, also)}>Retry</button>`, host);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('heldUntil', () => {
  it('disables until the moment, then enables by itself without a render', async () => {
    const host = document.createElement('div');
    draw(host, Date.now() + 150);
    expect(button(host).disabled).to.equal(true);
    await sleep(250);
    expect(button(host).disabled).to.equal(false);
    // A later render agrees with what the timer did; a new wait holds it again.
    draw(host, Date.now() - 1);
    expect(button(host).disabled).to.equal(false);
    draw(host, Date.now() + 150);
    expect(button(host).disabled, 'held again for a new wait').to.equal(true);
    draw(host, undefined);
    expect(button(host).disabled).to.equal(false);
  });

  it('stays disabled for the caller’s own reason after the wait', async () => {
    const host = document.createElement('div');
    const at = Date.now() + 100;
    draw(host, at);
    draw(host, at, true);
    await sleep(200);
    expect(button(host).disabled).to.equal(true);
    draw(host, at, false);
    expect(button(host).disabled).to.equal(false);
  });
});
