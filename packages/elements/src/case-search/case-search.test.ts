import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, CaseRecord } from '@case-portal/core';
import '../define/case-search.js';
import '../define/case-portal.js';
import type { CaseSearch } from './case-search.js';
import type { CasePortal } from '../case-portal/case-portal.js';
import type { CaseErrorEvent, CaseSelectEvent } from '../events.js';
import { failingAdapter, gatedAdapter, recordingAdapter, withListCases } from '../testing/index.js';
import { deepQuery, navigatorHost } from '../../../../test/dom.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const now = () => NOW;
const memory = () => new MemoryAdapter({ storage: null, now });

async function mount(adapter: CaseAdapter | undefined, attrs: { caseUrl?: string; limit?: number } = {}): Promise<CaseSearch> {
  const el = await fixture<CaseSearch>(
    html`<case-search .adapter=${adapter} .now=${now} locale="en-US" limit=${attrs.limit ?? 8} case-url=${attrs.caseUrl ?? ''}></case-search>`,
  );
  return el;
}

const q = <T extends Element = HTMLElement>(el: CaseSearch, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const input = (el: CaseSearch) => q<HTMLInputElement>(el, '[part="input"]')!;
const options = (el: CaseSearch) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const optionIds = (el: CaseSearch) => options(el).map((o) => o.dataset.id);
const live = (el: CaseSearch) => q(el, '[part="live"]')!.textContent!.trim();
const expanded = (el: CaseSearch) => input(el).getAttribute('aria-expanded') === 'true';
const popup = (el: CaseSearch) => q(el, '[part="popup"]')!;

/** A search has settled: options, "no match" or an error are in the popup and nothing is loading. */
async function settled(el: CaseSearch): Promise<void> {
  await waitUntil(
    () => popup(el).getAttribute('aria-busy') === 'false' && (options(el).length || q(el, '[part="empty"], [part="error"]')),
    'the search did not settle',
    { timeout: 3000 },
  );
}

/** Types into the box with real key presses. */
async function type(el: CaseSearch, text: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: text });
}

/** Sets the box's text as one input event (when key presses can't reach it, e.g. an unslotted child). */
function typeInto(el: CaseSearch, text: string): void {
  const box = input(el);
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Cases the viewer sees for a keyword, in the element's order. */
async function matches(adapter: CaseAdapter, keyword: string): Promise<CaseRecord[]> {
  return (await adapter.listCases({ keyword, limit: 8, sort: { key: 'updatedAt', dir: 'desc' } })).items;
}

describe('<case-search>', () => {
  it('is an accessible combobox with a visible label, closed while empty', async () => {
    const el = await mount(memory());
    const box = input(el);
    const label = q<HTMLLabelElement>(el, '[part="label"]')!;
    expect(label.textContent!.trim()).to.equal('Find a case');
    expect(label.htmlFor).to.equal(box.id);
    expect(box.getAttribute('role')).to.equal('combobox');
    expect(box.getAttribute('aria-autocomplete')).to.equal('list');
    expect(box.getAttribute('aria-controls')).to.equal('listbox');
    expect(q(el, '#listbox')!.getAttribute('role')).to.equal('listbox');
    expect(box.getAttribute('aria-expanded')).to.equal('false');
    expect(box.placeholder).to.equal('Case number or subject');
    expect(q(el, '[part="live"]')!.getAttribute('aria-live')).to.equal('polite');
    await expect(el).to.be.accessible();
  });

  it('takes label and placeholder from attributes', async () => {
    const el = await fixture<CaseSearch>(
      html`<case-search .adapter=${memory()} label="Go to case" placeholder="e.g. 00100005" hide-label></case-search>`,
    );
    expect(q(el, '[part="label"]')!.textContent!.trim()).to.equal('Go to case');
    expect(q(el, '[part="label"]')!.classList.contains('visually-hidden')).to.equal(true);
    expect(input(el).placeholder).to.equal('e.g. 00100005');
  });

  it('searches through the adapter after a pause, one request for a quickly typed word, and shows number, subject and status', async () => {
    const base = memory();
    const { adapter, queries } = recordingAdapter(base);
    const el = await mount(adapter);
    // Six keystrokes in one task: "quickly" whatever the machine's load (sendKeys' gaps can pass the pause).
    for (let i = 1; i <= 'router'.length; i++) typeInto(el, 'router'.slice(0, i));
    await settled(el);
    expect(queries).to.deep.equal([{ keyword: 'router', limit: 8, sort: { key: 'updatedAt', dir: 'desc' } }]);
    const expected = await matches(base, 'router');
    expect(expected.length).to.be.greaterThan(1);
    expect(optionIds(el)).to.deep.equal(expected.map((c) => c.id));
    const first = options(el)[0]!;
    expect(first.querySelector('[part="option-number"]')!.textContent!.trim()).to.equal(expected[0]!.number);
    expect(first.querySelector('[part="option-subject"]')!.textContent!.trim()).to.equal(expected[0]!.subject);
    const chip = first.querySelector('[part="status"]')!;
    expect(chip.textContent!.trim()).to.equal(expected[0]!.status.label);
    expect(chip.getAttribute('data-category')).to.equal(expected[0]!.status.category);
    expect(expanded(el)).to.equal(true);
    expect(options(el).every((o) => o.getAttribute('aria-selected') === 'false')).to.equal(true);
    const total = (await base.listCases({ keyword: 'router', limit: 8 })).total;
    expect(live(el)).to.equal(total > expected.length ? `${total} cases found, showing the first ${expected.length}` : `${total} cases found`);
    await expect(el).to.be.accessible();
  });

  it('asks for at most `limit` matches', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await mount(adapter, { limit: 3 });
    await type(el, 'a');
    await settled(el);
    expect(queries[0]!.limit).to.equal(3);
    expect(options(el).length).to.equal(3);
    expect(live(el)).to.match(/^\d+ cases found, showing the first 3$/);
  });

  it('scrolls a long list inside the listbox, following the highlight', async () => {
    const el = await mount(memory(), { limit: 20 });
    await type(el, 'a');
    await settled(el);
    const listbox = q(el, '#listbox')!;
    expect(options(el).length).to.equal(20);
    expect(listbox.scrollHeight).to.be.greaterThan(listbox.clientHeight);
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    const last = options(el).at(-1)!.getBoundingClientRect();
    const box = listbox.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(box.bottom + 1);
    await expect(el).to.be.accessible();
  });

  it('moves the highlight with the arrow keys and opens the highlighted case with Enter', async () => {
    const el = await mount(memory());
    await type(el, 'router');
    await settled(el);
    const ids = optionIds(el);
    const n = ids.length;
    const active = () => {
      const id = input(el).getAttribute('aria-activedescendant');
      const selected = options(el).filter((o) => o.getAttribute('aria-selected') === 'true');
      expect(selected.length, 'one option selected').to.be.at.most(1);
      expect(selected[0]?.id ?? null).to.equal(id);
      return id ? q(el, `#${id}`)!.dataset.id : null;
    };
    expect(active()).to.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal(ids[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal(ids[1]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(active(), 'wraps to the last').to.equal(ids[n - 1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(active(), 'wraps to the first').to.equal(ids[0]);
    await sendKeys({ press: 'ArrowDown' });

    const selected = oneEvent(el, 'case-select');
    await sendKeys({ press: 'Enter' });
    const event = (await selected) as CaseSelectEvent;
    expect(event.detail.caseId).to.equal(ids[1]);
    expect(event.cancelable).to.equal(true);
    expect(event.composed).to.equal(true);
    await el.updateComplete;
    expect(expanded(el)).to.equal(false);
    expect(input(el).value).to.equal('');
  });

  it('keeps Home and End for the text: the caret moves and the highlight leaves the list', async () => {
    const el = await mount(memory());
    await type(el, 'router');
    await settled(el);
    await sendKeys({ press: 'ArrowDown' });
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(true);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(input(el).selectionStart).to.equal(0);
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(expanded(el)).to.equal(true);
    await sendKeys({ press: 'End' });
    expect(input(el).selectionStart).to.equal('router'.length);
  });

  it('opens a case by its exact number with Enter, without arrowing, even typed fast', async () => {
    const base = memory();
    const target = (await matches(base, 'router'))[1]!;
    const el = await mount(base);
    const selected = oneEvent(el, 'case-select');
    // Enter right after typing: before the pause is over, the search runs and opens the match.
    await type(el, `  ${target.number} `);
    await sendKeys({ press: 'Enter' });
    expect(((await selected) as CaseSelectEvent).detail.caseId).to.equal(target.id);
  });

  it('compares case numbers without case and surrounding space', async () => {
    const cs: CaseRecord = { ...(await matches(memory(), 'router'))[0]!, id: 'cs-1', number: 'CS-001234' };
    const other: CaseRecord = { ...cs, id: 'cs-2', number: 'CS-0012345' };
    const adapter = withListCases(memory(), async () => ({ items: [other, cs], total: 2, nextCursor: null }));
    const el = await mount(adapter);
    await type(el, 'cs-001234');
    await settled(el);
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    const selected = oneEvent(el, 'case-select');
    await sendKeys({ press: 'Enter' });
    expect(((await selected) as CaseSelectEvent).detail.caseId).to.equal('cs-1');
  });

  it('Enter on text that is no case number and no highlight opens nothing', async () => {
    const el = await mount(memory());
    const picks: string[] = [];
    el.addEventListener('case-select', (e) => picks.push(e.detail.caseId));
    await type(el, 'router');
    await settled(el);
    await sendKeys({ press: 'Enter' });
    await new Promise((r) => setTimeout(r, 50));
    expect(picks).to.deep.equal([]);
    expect(expanded(el)).to.equal(true);
  });

  it('Escape closes the popup, a second Escape clears the box', async () => {
    const el = await mount(memory());
    await type(el, 'router');
    await settled(el);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(expanded(el)).to.equal(false);
    expect(popup(el).hidden).to.equal(true);
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(input(el).value).to.equal('router');
    await sendKeys({ press: 'ArrowDown' });
    expect(expanded(el), 'ArrowDown opens again').to.equal(true);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    expect(live(el)).to.equal('');
  });

  it('opens a case on click, and closes when focus leaves', async () => {
    const el = await mount(memory());
    await type(el, 'router');
    await settled(el);
    const id = options(el)[2]!.dataset.id;
    const selected = oneEvent(el, 'case-select');
    options(el)[2]!.click();
    expect(((await selected) as CaseSelectEvent).detail.caseId).to.equal(id);

    await type(el, 'router');
    await settled(el);
    const outside = document.createElement('button');
    document.body.append(outside);
    try {
      outside.focus();
      await el.updateComplete;
      expect(expanded(el)).to.equal(false);
      expect(input(el).value).to.equal('router');
    } finally {
      outside.remove();
    }
  });

  it('says so when nothing matches', async () => {
    const el = await mount(memory());
    await type(el, 'zzz-no-such-case');
    await settled(el);
    expect(options(el).length).to.equal(0);
    expect(q(el, '[part="empty"]')!.textContent!.trim()).to.equal('No case matches “zzz-no-such-case”');
    expect(live(el)).to.equal('No case matches “zzz-no-such-case”');
    expect(q(el, '#listbox')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows a failure in the popup, fires case-error, and tries again on the next keystroke', async () => {
    const base = new MemoryAdapter({ storage: null, now, schema: { features: { ...demoSchema.features, backendMessages: true } } });
    const adapter = failingAdapter(base, 'listCases', { code: 'server', backendMessage: 'The ticket system is down for maintenance.', times: 1 }).adapter;
    const el = await mount(adapter);
    const errors: CaseErrorEvent[] = [];
    el.addEventListener('case-error', (e) => errors.push(e));
    // The words arrive at once: typed key by key on a loaded machine, a pause between two keys can
    // send a partial search that takes the one failure, and the next key's search then succeeds.
    typeInto(el, 'router');
    input(el).focus();
    await settled(el);
    // This schema allows backend messages.
    expect(q(el, '[part="error"]')!.textContent!.trim()).to.equal('The ticket system is down for maintenance.');
    expect(live(el)).to.equal('The ticket system is down for maintenance.');
    expect(errors.length).to.equal(1);
    expect(errors[0]!.detail.operation).to.equal('search');
    expect(errors[0]!.detail.error.code).to.equal('server');
    await expect(el).to.be.accessible();

    // Same words again (a letter typed and taken back): the search runs again.
    await sendKeys({ press: 'x' });
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => options(el).length > 0, 'no retry', { timeout: 3000 });
    expect(input(el).value).to.equal('router');
    expect(q(el, '[part="error"]') === null, 'the error is gone').to.equal(true);
    expect(errors.length).to.equal(1);
  });

  it('shows the generic message when the schema keeps backend messages private', async () => {
    const el = await mount(failingAdapter(memory(), 'listCases', { code: 'network', backendMessage: 'db01 down' }).adapter);
    await type(el, 'router');
    await settled(el);
    expect(q(el, '[part="error"]')!.textContent).to.contain('can’t be reached');
  });

  it('never renders a stale answer, even from an adapter that ignores aborts', async () => {
    const gated = gatedAdapter(memory(), { ignoreAbort: true });
    const el = await mount(gated.adapter);
    typeInto(el, 'a');
    await waitUntil(() => gated.calls.length === 1);
    typeInto(el, 'router');
    await waitUntil(() => gated.calls.length === 2);
    expect(popup(el).getAttribute('aria-busy')).to.equal('true');
    expect(q(el, '[part="status-text"]')!.textContent!.trim()).to.equal('Searching…');
    gated.release(1);
    await settled(el);
    const routers = optionIds(el);
    gated.release(0); // the answer for "a" arrives last: it must not replace the router matches
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(optionIds(el)).to.deep.equal(routers);
    expect(gated.calls.map((c) => c.keyword)).to.deep.equal(['a', 'router']);
  });

  it('aborts the request of an older keyword', async () => {
    const signals: AbortSignal[] = [];
    const base = memory();
    const adapter = withListCases(base, (_query, o) => {
      signals.push(o!.signal!);
      return new Promise(() => {});
    });
    const el = await mount(adapter);
    typeInto(el, 'rou');
    await waitUntil(() => signals.length === 1);
    typeInto(el, 'router');
    await waitUntil(() => signals.length === 2);
    expect(signals[0]!.aborted).to.equal(true);
    expect(signals[1]!.aborted).to.equal(false);
  });

  describe('opening a case', () => {
    it('goes to case-url outside a portal, with {id} and {number} filled in', async () => {
      const base = memory();
      const target = (await matches(base, 'router'))[0]!;
      const el = await mount(base, { caseUrl: '/support/case?id={id}&n={number}' });
      const urls: string[] = [];
      el.navigate = (url) => urls.push(url);
      await type(el, 'router');
      await settled(el);
      options(el)[0]!.click();
      expect(urls).to.deep.equal([`/support/case?id=${encodeURIComponent(target.id)}&n=${encodeURIComponent(target.number)}`]);
      expect(el.caseHref({ id: 'a b/&', number: '1' })).to.equal('/support/case?id=a%20b%2F%26&n=1');
    });

    it('does not navigate when case-select is prevented, or to an unsafe URL', async () => {
      const el = await mount(memory(), { caseUrl: '/case/{id}' });
      const urls: string[] = [];
      el.navigate = (url) => urls.push(url);
      el.addEventListener('case-select', (e) => e.preventDefault(), { once: true });
      await type(el, 'router');
      await settled(el);
      options(el)[0]!.click();
      expect(urls).to.deep.equal([]);

      el.caseUrl = 'javascript:alert({id})';
      await el.updateComplete;
      expect(el.caseHref({ id: 'x', number: '1' })).to.equal(null);
      await type(el, 'router');
      await settled(el);
      options(el)[0]!.click();
      expect(urls).to.deep.equal([]);
    });

    it('asks a surrounding portal navigator, which wins over case-url', async () => {
      const { host, opened, remove } = navigatorHost();
      try {
        const el = document.createElement('case-search');
        el.adapter = memory();
        el.caseUrl = '/case/{id}';
        const urls: string[] = [];
        el.navigate = (url) => urls.push(url);
        host.append(el);
        await el.updateComplete;
        typeInto(el, 'router');
        await settled(el);
        const id = options(el)[0]!.dataset.id;
        options(el)[0]!.click();
        expect(opened).to.deep.equal([id]);
        expect(urls).to.deep.equal([]);
      } finally {
        remove();
      }
    });

    it('inside <case-portal>, picking a match opens its details', async () => {
      const adapter = memory();
      const portal = await fixture<CasePortal>(
        html`<case-portal .adapter=${adapter} .now=${now}><case-search></case-search></case-portal>`,
      );
      await waitUntil(() => portal.shadowRoot!.querySelector('[part=bar]'), 'portal ready', { timeout: 4000 });
      const el = portal.querySelector('case-search')!;
      // The adapter comes from the portal's context.
      typeInto(el, 'router');
      await settled(el);
      const target = (await matches(adapter, 'router'))[0]!;
      expect(optionIds(el)[0]).to.equal(target.id);
      options(el)[0]!.click();
      await waitUntil(() => deepQuery(portal.shadowRoot!, 'case-detail'), 'detail shown', { timeout: 4000 });
      expect(deepQuery(portal.shadowRoot!, 'case-detail')!.getAttribute('case-id')).to.equal(target.id);
    });
  });

  it('without a backend, says so in the popup', async () => {
    const el = await mount(undefined);
    typeInto(el, 'router');
    await settled(el);
    expect(q(el, '[part="error"]')!.textContent).to.contain('No backend is configured');
  });
});
