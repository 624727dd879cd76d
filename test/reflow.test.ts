/**
 * WCAG 1.4.10 Reflow and 1.4.12 Text spacing: at 320 CSS px wide (a 1280 px window at 400 %), with
 * the criterion's text spacing on every element (line height 1.5, letter 0.12em, word 0.16em),
 * the list, a case with its conversation and the create form fit the width: the page never
 * scrolls sideways, and no control is cut off at the right edge.
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
/** Text spacing on each element's host: inherited into its shadow content (a user style sheet's reach). */
function spaceText(): void {
  for (const el of caseElements()) el.setAttribute('style', SPACING);
}
/** Buttons, inputs and links whose right edge is past the viewport's (cut off, or reachable only by scrolling). */
function pastTheEdge(root: Document | ShadowRoot = document, out: string[] = []): string[] {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.matches('button, input, select, textarea, a[href]')) {
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
}

describe('reflow at 320 px with text spacing (WCAG 1.4.10, 1.4.12)', function () {
  // A whole portal per test, opened to a case or the form: more than the default 5 s on a loaded machine.
  this.timeout(20_000);
  let portal: CasePortal;
  let adapter: MemoryAdapter;
  before(async () => {
    await setViewport({ width: 320, height: 640 });
  });
  after(async () => {
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
