/**
 * Every built-in language end to end (issue 14): the list, a case (its conversation and every
 * dialog it offers opened) and the create form render with no English left and no missing-key
 * marker; Arabic and Hebrew pages mirror (host, stage bar, dialogs, composer, the history's arrow).
 *
 * "English left": a text node or a label-ish attribute (aria-label, title, placeholder) that reads
 * as one of the English catalog's messages (placeholders and counts matching anything) for a key
 * the language words differently, and that is not the backend's own data (subjects, names, message
 * text: strings found in the viewer, the cases or their messages); or that shows one of the
 * schema's labels (a status, a stage, a channel, a field…) in its base language where the schema's
 * `translations` give that language a word of its own.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import { localizeSchema, type CaseAdapter, type PortalSchema } from '@case-portal/core';
import '../packages/elements/src/define/case-list.js';
import '../packages/elements/src/define/case-detail.js';
import '../packages/elements/src/define/case-create.js';
import '../packages/elements/src/define/case-portal.js';
import '../packages/elements/src/define/case-search.js';
import { common } from '../packages/elements/src/i18n/en/common.js';
import { list } from '../packages/elements/src/i18n/en/list.js';
import { listPanel } from '../packages/elements/src/i18n/en/list-panel.js';
import { search } from '../packages/elements/src/i18n/en/search.js';
import { detail } from '../packages/elements/src/i18n/en/detail.js';
import { thread } from '../packages/elements/src/i18n/en/thread.js';
import { create } from '../packages/elements/src/i18n/en/create.js';
import { field } from '../packages/elements/src/i18n/en/field.js';
import { attachments } from '../packages/elements/src/i18n/en/attachments.js';
import { builtInCatalogs } from '../packages/elements/src/i18n/i18n.js';
import type { MessageValue, Params } from '../packages/elements/src/i18n/types.js';
import { listSettled } from '../packages/elements/src/testing/index.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const english: Record<string, MessageValue> = { ...common, ...list, ...listPanel, ...search, ...detail, ...thread, ...create, ...field, ...attachments };
const KEYS = new Set(Object.keys(english));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A message as a pattern: placeholders match anything, numbers any number (in any digits). */
function patternsOf(value: MessageValue, locale: string): RegExp[] {
  const texts: string[] = [];
  if (typeof value === 'string') texts.push(value);
  else
    for (const n of [0, 1, 2, 3, 7, 11, 25, 100]) {
      const p = new Proxy({} as Params, { get: () => n, has: () => true });
      texts.push((value as (p: Params, l: string) => string)(p, locale));
    }
  return texts
    // Only messages with words of their own: "({size})" or "{label}: {value}" say nothing in any language.
    .filter((t) => /\p{L}{2,}/u.test(t.replace(/\{\w+\}/g, '')))
    .map((t) => new RegExp(`^${escape(t).replace(/\\\{\w+\\\}/g, '.+').replace(/\d[\d,.\s]*/g, '[\\d\\p{Nd},.\\s\\u00a0\\u202f]+')}$`, 'u'));
}

/** Every text a person sees or hears: text nodes and the labels in attributes, across shadow roots. */
function shownTexts(root: Node, out: string[] = []): string[] {
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const t = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
      return;
    }
    if (node instanceof Element) {
      if (['style', 'script', 'template'].includes(node.localName)) return;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = node.getAttribute(a)?.replace(/\s+/g, ' ').trim();
        if (v) out.push(v);
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const c of node.childNodes) walk(c);
  };
  walk(root);
  return out;
}

/**
 * Every string in the backend's answers: what the elements show of it is not theirs to translate.
 * Not a status a case carries (`status`, an event's `from`/`to`): its label is the schema's, which
 * has translations.
 */
function stringsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value.replace(/\s+/g, ' ').trim());
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!['status', 'from', 'to'].includes(k)) stringsIn(v, out);
  }
  return out;
}

/** The schema's base labels that the language has other words for: shown, they are English left. */
function untranslatedLabels(schema: PortalSchema, lang: string): string[] {
  const local = localizeSchema(schema, lang);
  const pairs: [string, string][] = [];
  const add = (a: { label: string }[], b: { label: string }[]) => a.forEach((x, i) => pairs.push([x.label, b[i]!.label]));
  for (const k of ['statuses', 'stages', 'origins', 'priorities', 'categories', 'services', 'closeReasons'] as const) add(schema[k], local[k]);
  schema.fields.forEach((f, i) => {
    const g = local.fields[i]!;
    pairs.push([f.label, g.label]);
    if (f.help) pairs.push([f.help, g.help!]);
    if (f.options) add(f.options, g.options!);
  });
  return [...new Set(pairs.filter(([en, own]) => en !== own).map(([en]) => en))];
}

async function backendStrings(adapter: CaseAdapter, caseIds: string[]): Promise<Set<string>> {
  const all = new Set<string>();
  stringsIn(await adapter.viewer(), all);
  stringsIn(await adapter.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 200 }), all);
  for (const id of caseIds) {
    stringsIn(await adapter.getCase(id), all);
    stringsIn(await adapter.listMessages(id, { limit: 200 }), all);
  }
  return all;
}

interface Checker {
  /** The texts in `root` that are English (or a key), with why. */
  leftovers(root: Node): string[];
}

function checker(lang: string, catalog: Record<string, MessageValue>, backend: Set<string>, schema: PortalSchema): Checker {
  // A label stands alone ("Open"), or inside a line ("Open → Awaiting your reply", "Product: …").
  const labels = untranslatedLabels(schema, lang).map((l) => [l, new RegExp(`(^|[^\\p{L}])${escape(l)}($|[^\\p{L}])`, 'u')] as const);
  const englishPatterns: [string, RegExp][] = [];
  const ownPatterns: RegExp[] = [];
  for (const [key, value] of Object.entries(english)) {
    const own = catalog[key]!;
    ownPatterns.push(...patternsOf(own, lang));
    if (typeof value === 'string' && value === own) continue; // the same word in both (de "Status")
    for (const p of patternsOf(value, 'en')) englishPatterns.push([key, p]);
  }
  return {
    leftovers(root) {
      const found: string[] = [];
      for (const text of shownTexts(root)) {
        if (KEYS.has(text)) {
          found.push(`missing key: ${text}`);
          continue;
        }
        if (backend.has(text)) continue;
        const label = labels.find(([, p]) => p.test(text));
        if (label) {
          found.push(`English (schema label "${label[0]}"): ${text}`);
          continue;
        }
        if (ownPatterns.some((p) => p.test(text))) continue;
        const hit = englishPatterns.find(([, p]) => p.test(text));
        if (hit) found.push(`English (${hit[0]}): ${text}`);
      }
      return [...new Set(found)];
    },
  };
}

const placed: Element[] = [];
function place<T extends HTMLElement>(tag: string, lang: string, adapter: CaseAdapter, attrs: Record<string, string> = {}): T {
  const wrapper = document.createElement('div');
  wrapper.lang = lang;
  const el = document.createElement(tag) as T & { adapter: CaseAdapter; now: () => Date };
  el.adapter = adapter;
  el.now = () => NOW;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  wrapper.append(el);
  document.body.append(wrapper);
  placed.push(wrapper);
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const dir = (el: Element) => getComputedStyle(el).direction;

/**
 * The list's header and status cells whose words do not fit them at this width (the cell's content
 * wider than its box: a header running into the next column, a status pill cut at the edge).
 */
function cellsOverflowing(el: Element): string[] {
  const cells = [...el.shadowRoot!.querySelectorAll<HTMLElement>('thead th, td.cell-status')];
  return cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${c.className || c.localName} "${c.textContent!.trim()}" ${c.scrollWidth}>${c.clientWidth}`);
}

const OPEN = seededCaseId(1);
const CLOSED = seededCaseId(7);
const LONG = seededCaseId(12);

async function caseView(lang: string, adapter: CaseAdapter, id: string): Promise<HTMLElement> {
  const el = place<HTMLElement>('case-detail', lang, adapter, { 'case-id': id });
  await waitUntil(() => $(el, '[part~="stages"]') || $(el, '#title'), `case ${id} did not render in ${lang}`, { timeout: 6000 });
  const threadEl = () => $(el, 'case-thread');
  await waitUntil(() => threadEl()?.shadowRoot?.querySelector('[part~="list"], [part~="empty"]'), 'the conversation did not load', { timeout: 6000 });
  await waitUntil(() => !$(el, '[part~="progress"][aria-busy="true"]'), 'the history did not load', { timeout: 6000 });
  return el;
}

/** Opens every dialog the case view offers and returns the texts each showed (then closes it). */
async function everyDialog(el: HTMLElement, check: Checker, rtl: boolean): Promise<{ leftovers: string[]; opened: number }> {
  const leftovers: string[] = [];
  let opened = 0;
  const kinds = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part~="action"]:not([disabled])')].map(
    (b) => b.getAttribute('part')!.split(' ').find((p) => p.startsWith('action-'))!,
  );
  for (const kind of kinds) {
    // Asked again each time: the actions render anew after a dialog closes.
    const button = await waitUntil(() => $(el, `button[part~="${kind}"]:not([disabled])`), `no ${kind}`).then(() => $<HTMLButtonElement>(el, `button[part~="${kind}"]`)!);
    button.click();
    const dialog = await waitUntil(() => $<HTMLDialogElement>(el, 'dialog[open]'), `no dialog for ${button.getAttribute('part')}`).then(
      () => $<HTMLDialogElement>(el, 'dialog[open]')!,
    );
    opened++;
    leftovers.push(...check.leftovers(dialog));
    if (rtl) expect(dir(dialog), `${button.getAttribute('part')} dialog`).to.equal('rtl');
    // Its Cancel (or Keep) button, as a person would; the dialog's `close` event comes a task
    // later: let it pass before the next action, or it would close the next dialog.
    dialog.querySelector<HTMLButtonElement>('.dialog-buttons button[type="button"]')!.click();
    await new Promise((r) => setTimeout(r, 50));
    await waitUntil(() => !$(el, 'dialog'), 'the dialog did not close');
  }
  return { leftovers, opened };
}

describe('every built-in language, end to end', () => {
  afterEach(() => {
    for (const el of placed.splice(0)) el.remove();
  });

  for (const lang of ['de', 'fr', 'es', 'ar', 'he']) {
    const rtl = lang === 'ar' || lang === 'he';
    describe(lang, () => {
      let adapter: MemoryAdapter;
      let check: Checker;
      before(async () => {
        adapter = new MemoryAdapter({ storage: null, now: () => NOW });
        const catalog = (await builtInCatalogs[lang]!()).default as Record<string, MessageValue>;
        check = checker(lang, catalog, await backendStrings(adapter, [OPEN, CLOSED, LONG]), await adapter.describe());
      });
      after(() => adapter.dispose());

      it('the list: no English, no key', async () => {
        const el = place<HTMLElement>('case-list', lang, adapter);
        await listSettled(el, { timeout: 6000 });
        await waitUntil(() => $(el, 'tbody tr[part~="row"]'), 'no rows');
        // The filter panel too (its controls and text load when it first opens).
        $<HTMLButtonElement>(el, '[part~="filters-toggle"]')!.click();
        await waitUntil(() => $(el, '[part~="filter-panel"]') && !$(el, '#filter-panel.hint'), 'the filter panel did not open', { timeout: 6000 });
        expect(check.leftovers(el)).to.deep.equal([]);
        if (rtl) {
          expect(el.getAttribute('dir')).to.equal('rtl');
          expect(dir($(el, 'table')!)).to.equal('rtl');
          // Mirrored: the first column (case number) sits at the right edge.
          const [first, last] = [$(el, 'th.cell-number')!, $(el, 'thead th:last-child')!].map((c) => c.getBoundingClientRect());
          expect(first!.left).to.be.greaterThan(last!.left);
        }
      });

      it('the list at a desktop width: every header and every status fits its column', async () => {
        await setViewport({ width: 1280, height: 900 });
        const el = place<HTMLElement>('case-list', lang, adapter, { 'page-size': '100' });
        await listSettled(el, { timeout: 6000 });
        await waitUntil(() => $(el, 'tbody tr[part~="row"]'), 'no rows');
        expect(cellsOverflowing(el)).to.deep.equal([]);
      });

      for (const id of [OPEN, CLOSED, LONG]) {
        it(`a case (${id}) with its conversation and dialogs: no English, no key`, async () => {
          const el = await caseView(lang, adapter, id);
          const { leftovers, opened } = await everyDialog(el, check, rtl);
          expect([...check.leftovers(el), ...leftovers]).to.deep.equal([]);
          if (id !== LONG) expect(opened, 'dialogs opened').to.be.greaterThan(0);
          if (rtl) {
            expect(el.getAttribute('dir')).to.equal('rtl');
            const stages = [...el.shadowRoot!.querySelectorAll('[part~="stages"] li')].map((li) => li.getBoundingClientRect());
            expect(stages.length).to.be.greaterThan(1);
            // The stage bar runs from right to left: the first stage is the rightmost.
            expect(stages[0]!.left).to.be.greaterThan(stages[stages.length - 1]!.left);
            const threadEl = $(el, 'case-thread')!;
            const composer = threadEl.shadowRoot!.querySelector('#reply');
            if (composer) expect(dir(composer)).to.equal('rtl');
            // The history's arrows point from the old status to the new one: leftwards.
            const history = (($(el, '[part~="progress"]')?.textContent ?? '').match(/[→←]/g) ?? []);
            expect(history.every((a) => a === '←'), history.join('')).to.equal(true);
          }
        });
      }

      it('the portal around them, with its bar and search: no English, no key', async () => {
        const el = place<HTMLElement>('case-portal', lang, adapter);
        await waitUntil(() => $(el, 'case-list')?.shadowRoot?.querySelector('tbody tr[part~="row"]'), 'the portal list did not paint', { timeout: 6000 });
        await waitUntil(() => $(el, 'case-search')?.shadowRoot?.querySelector('input'), 'the search did not load', { timeout: 6000 });
        expect(check.leftovers(el)).to.deep.equal([]);
        if (rtl) expect(dir($(el, '[part~="bar"]')!)).to.equal('rtl');
      });

      it('the create form, with its errors shown: no English, no key', async () => {
        const el = place<HTMLElement>('case-create', lang, adapter);
        await waitUntil(() => $(el, 'form'), 'the form did not render', { timeout: 6000 });
        // Submitting it empty shows the required-field errors.
        $<HTMLFormElement>(el, 'form')!.requestSubmit();
        await waitUntil(() => $(el, '[part~="field-error"], .field-error, [role="alert"]'), 'no errors shown');
        expect(check.leftovers(el)).to.deep.equal([]);
        if (rtl) {
          expect(el.getAttribute('dir')).to.equal('rtl');
          expect(dir($(el, 'form')!)).to.equal('rtl');
        }
      });
    });
  }

  it('the fit check: English fits, and German under the old rules (no wrapping in headers and pills) is reported', async () => {
    await setViewport({ width: 1280, height: 900 });
    const adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    try {
      const english = place<HTMLElement>('case-list', 'en', adapter, { 'page-size': '100' });
      await listSettled(english, { timeout: 6000 });
      expect(cellsOverflowing(english)).to.deep.equal([]);
      const german = place<HTMLElement>('case-list', 'de', adapter, { 'page-size': '100' });
      await listSettled(german, { timeout: 6000 });
      await waitUntil(() => $(german, 'tbody tr[part~="row"]'), 'no rows');
      const old = new CSSStyleSheet();
      old.replaceSync('th, .cell-status .status { white-space: nowrap !important; } button.sort { flex-wrap: nowrap !important; } col.col-narrow { width: 8.5rem !important; }');
      german.shadowRoot!.adoptedStyleSheets = [...german.shadowRoot!.adoptedStyleSheets, old];
      const found = cellsOverflowing(german);
      expect(found.some((f) => f.includes('Anfragenummer')), found.join('; ')).to.equal(true);
      expect(found.some((f) => f.includes('Wartet auf')), found.join('; ')).to.equal(true);
    } finally {
      adapter.dispose();
    }
  });

  it('the check finds English: an English list and a missing key are reported', async () => {
    const adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    const catalog = (await builtInCatalogs.de!()).default as Record<string, MessageValue>;
    const check = checker('de', catalog, await backendStrings(adapter, []), await adapter.describe());
    const el = place<HTMLElement>('case-list', 'en', adapter);
    await listSettled(el, { timeout: 6000 });
    const found = check.leftovers(el);
    expect(found.some((f) => f.startsWith('English (list.column.subject)'))).to.equal(true);
    // The backend's labels too: an English page shows the statuses as the schema names them.
    expect(found.some((f) => f.startsWith('English (schema label "Open")'))).to.equal(true);
    const p = document.createElement('p');
    p.textContent = 'detail.label';
    expect(check.leftovers(p)).to.deep.equal(['missing key: detail.label']);
    adapter.dispose();
  });
});
