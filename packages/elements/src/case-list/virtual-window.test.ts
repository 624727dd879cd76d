import { expect, waitUntil } from '@open-wc/testing';
import { CountingHost } from '../testing/index.js';
import { VirtualWindowController } from './virtual-window.js';

/** A bare host: `count` items of `heightOf(i)` px, rendered by hand into a column of divs. */
class WindowHost extends CountingHost {
  count = 0;
  reset = false;
  heightOf = (_i: number) => 30;
  readonly list = document.createElement('div');
  readonly window = new VirtualWindowController(this, { container: () => this.list, estimatePx: 20, overscanPx: 0, maxItems: 40 });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.append(this.list);
  }

  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    const r = this.window.update(this.count, this.reset);
    this.reset = false;
    const spacer = (h: number) => Object.assign(document.createElement('div'), { className: 'spacer' }, { style: `height:${h}px` });
    const items = [];
    for (let i = r.start; i < r.end; i++) {
      const item = document.createElement('div');
      item.dataset.index = String(i);
      item.style.height = `${this.heightOf(i)}px`;
      items.push(item);
    }
    this.list.replaceChildren(spacer(r.before), ...items, spacer(r.after));
  }
}
customElements.define('virtual-window-host', WindowHost);

async function host(count: number): Promise<WindowHost> {
  const el = document.createElement('virtual-window-host') as WindowHost;
  el.count = count;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('VirtualWindowController', () => {
  afterEach(() => document.querySelectorAll('virtual-window-host').forEach((el) => el.remove()));

  it('learns the rendered items’ heights from the browser’s layout and sizes the rest by them', async () => {
    const el = await host(1000);
    const first = el.window.range;
    expect(first.start).to.equal(0);
    // Estimated at 20 px each until measured.
    expect(first.after).to.equal((1000 - first.end) * 20);
    await waitUntil(() => el.window.range.after === (1000 - el.window.range.end) * 30, 'heights not learned', { timeout: 3000 });
    // A 30 px item is taller than assumed: fewer of them fill the viewport.
    expect(el.window.range.end).to.be.at.most(first.end);
  });

  it('notices an item that changes size without a render', async () => {
    const el = await host(1000);
    await waitUntil(() => el.window.range.after === (1000 - el.window.range.end) * 30, 'heights not learned', { timeout: 3000 });
    const before = el.window.range;
    // The item grows in place (no render asked for); later renders keep it that tall.
    el.heightOf = (i) => (i === 0 ? 130 : 30);
    el.list.querySelector<HTMLElement>('[data-index="0"]')!.style.height = '130px';
    // One item 100 px taller: the average for the unmeasured ones grows with it.
    await waitUntil(() => el.window.range.after > before.after, 'the resize went unnoticed', { timeout: 3000 });
  });

  it('a new result keeps the last average as its estimate: rows as tall as before move nothing', async () => {
    const el = await host(1000);
    await waitUntil(() => el.window.range.after === (1000 - el.window.range.end) * 30, 'heights not learned', { timeout: 3000 });
    el.count = 500;
    el.reset = true;
    el.requestUpdate();
    await el.updateComplete;
    const range = el.window.range;
    expect(range.after).to.equal((500 - range.end) * 30);
    const updates = el.updates;
    // Its items are measured, found as estimated, and the window is left as it is.
    await new Promise((r) => setTimeout(r, 300));
    expect(el.window.range).to.equal(range);
    expect(el.updates).to.equal(updates);
  });
});
