/**
 * WCAG 1.4.10 Reflow and 1.4.12 Text spacing: at 320 CSS px wide (a 1280 px window at 400 %), with
 * the criterion's text spacing on every element (line height 1.5, letter 0.12em, word 0.16em,
 * paragraph spacing 2em), the list, a case with its conversation and the create form fit the
 * width: the page never scrolls sideways, no control is cut off at the right edge, and no text is
 * clipped by a box that hides its overflow.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../packages/elements/src/define/case-portal.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const SPACING = 'line-height: 1.5; letter-spacing: 0.12em; word-spacing: 0.16em;';

import type { CasePortal } from '../packages/elements/src/case-portal/case-portal.js';

/** Every case element on the page, through shadow roots. */
function caseElements(root: Document | ShadowRoot = document, out: HTMLElement[] = []): HTMLElement[] {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.localName.startsWith('case-')) out.push(el);
    if (el.shadowRoot) caseElements(el.shadowRoot, out);
  }
  return out;
}
/**
 * The criterion's spacing, forced on every element inside every shadow root (stronger than a user
 * style sheet, which cannot reach in): paragraphs get 2em after them, which inherits from nowhere.
 */
const FORCED = new CSSStyleSheet();
FORCED.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-block-end: 2em !important; }`);
function spaceText(): void {
  for (const el of caseElements()) {
    el.setAttribute('style', SPACING);
    const root = el.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes(FORCED)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, FORCED];
  }
}
/** Elements with text whose box hides overflow and is too small for it: text lost to the spacing. */
function clippedText(root: Document | ShadowRoot = document, out: string[] = []): string[] {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    const style = getComputedStyle(el);
    const hides = (o: string) => o === 'hidden' || o === 'clip';
    const visible = el.offsetParent !== null || style.position === 'fixed';
    // A visually hidden text (1 px, clipped on purpose for screen readers) is not lost.
    const srOnly = el.clientWidth <= 1 || el.clientHeight <= 1;
    if (visible && !srOnly && el.textContent?.trim() && (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      out.push(`${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''} ${el.scrollHeight}>${el.clientHeight}`);
    }
    if (el.shadowRoot) clippedText(el.shadowRoot, out);
  }
  return out;
}
function inScrollingTable(el: Element): boolean {
  const table = el.closest('table');
  const region = table?.parentElement;
  return !!region && ['auto', 'scroll'].includes(getComputedStyle(region).overflowX) && region.scrollWidth > region.clientWidth;
}
/** Buttons, inputs and links whose right edge is past the viewport's (cut off, or reachable only by scrolling). */
function pastTheEdge(root: Document | ShadowRoot = document, out: string[] = []): string[] {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    // A data table may scroll sideways inside its own region: 1.4.10 excepts two-dimensional data.
    if (el.matches('button, input, select, textarea, a[href]') && !inScrollingTable(el)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > innerWidth + 1) out.push(`${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''} right=${Math.round(box.right)}`);
    }
    if (el.shadowRoot) pastTheEdge(el.shadowRoot, out);
  }
  return out;
}
async function fits(what: string): Promise<void> {
  spaceText();
  // Renders settle; reading sizes below lays the page out (no animation frame: a background test tab gets none).
  await new Promise((r) => setTimeout(r, 100));
  expect(document.documentElement.scrollWidth, `${what}: the page scrolls sideways`).to.be.at.most(innerWidth);
  expect(pastTheEdge(), `${what}: controls past the right edge`).to.deep.equal([]);
  expect(clippedText(), `${what}: text clipped`).to.deep.equal([]);
}

for (const { title, width, fontSize } of [
  { title: 'reflow at 320 px with text spacing (WCAG 1.4.10, 1.4.12)', width: 320, fontSize: '' },
  // WCAG 1.4.4: text at 200 % (sizes are in rem) in a desktop window, nothing cut off.
  { title: 'text at 200 % in a 1280 px window (WCAG 1.4.4)', width: 1280, fontSize: '200%' },
]) {
describe(title, function () {
  // A whole portal per test, opened to a case or the form: more than the default 5 s on a loaded machine.
  this.timeout(20_000);
  let portal: CasePortal;
  let adapter: MemoryAdapter;
  before(async () => {
    await setViewport({ width, height: 640 });
    document.documentElement.style.fontSize = fontSize;
  });
  after(async () => {
    document.documentElement.style.fontSize = '';
    await setViewport({ width: 800, height: 600 });
  });
  beforeEach(async () => {
    document.body.style.margin = '0';
    adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    portal = document.createElement('case-portal');
    portal.adapter = adapter;
    document.body.append(portal);
    await waitUntil(() => portal.shadowRoot?.querySelector('case-list')?.shadowRoot?.querySelector('[part~=row], [part~=card]'), 'no rows', { timeout: 8000 });
  });
  afterEach(() => portal.remove());

  it('the list', async () => {
    await fits('the list');
  });

  it('a case with its conversation', async () => {
    const first = (await adapter.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 1 })).items[0]!;
    portal.go({ view: 'detail', caseId: first.id });
    const detail = () => portal.shadowRoot?.querySelector('case-detail')?.shadowRoot;
    await waitUntil(() => detail()?.querySelector('case-thread')?.shadowRoot?.querySelector('textarea'), 'the case did not open', { timeout: 8000 });
    await fits('a case');
  });

  it('the create form', async () => {
    portal.go({ view: 'create' });
    await waitUntil(() => portal.shadowRoot?.querySelector('case-create')?.shadowRoot?.querySelector('form'), 'no form', { timeout: 8000 });
    await fits('the create form');
  });
});
}
