/**
 * The built-in catalogs against English (issue 14): every key, no other; the same placeholders (a
 * string's {names}, the params a function reads); nothing left unfilled for any count; loading on
 * demand, a site's overrides merging over a built-in language, and a failed load falling back.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-list.js';
import '../define/case-portal.js';
import type { CaseErrorEvent } from '../events.js';
import type { CaseList } from '../case-list/case-list.js';
import type { CasePortal } from '../case-portal/case-portal.js';
import { common } from './en/common.js';
import { list } from './en/list.js';
import { listPanel } from './en/list-panel.js';
import { search } from './en/search.js';
import { detail } from './en/detail.js';
import { thread } from './en/thread.js';
import { create } from './en/create.js';
import { field } from './en/field.js';
import { attachments } from './en/attachments.js';
import type { LocaleCatalog } from './en.js';
import { builtInCatalogs, createI18n, loadCatalog, registerCatalog, type MessageKey } from './i18n.js';
import type { MessageValue, Params } from './types.js';
import de from './locales/de.js';
import { plural } from './en/plural.js';

const english: Record<string, MessageValue> = { ...common, ...list, ...listPanel, ...search, ...detail, ...thread, ...create, ...field, ...attachments };

/** Every built-in language besides English, with its catalog module. */
export const LOCALES = Object.keys(builtInCatalogs);

// The type check itself: a catalog with a placeholder English doesn't have must not compile.
const _misspelt = { ...de, 'detail.label': 'Anfrage {nummer}' } as const;
// @ts-expect-error detail.label takes {number}, not {nummer}
export type Misspelt = LocaleCatalog<typeof _misspelt>;
const { 'common.yes': _dropped, ..._incomplete } = de;
// @ts-expect-error common.yes is missing
export type Incomplete = LocaleCatalog<typeof _incomplete>;
const _wrongParam = { ...de, 'create.webform.tooManyFiles': plural({ one: '# Datei', other: '# Dateien' }, 'count') } as const;
// @ts-expect-error the plural reads {count}; English gives {max}
export type WrongParam = LocaleCatalog<typeof _wrongParam>;
const _extra = { ...de, 'list.extra': 'Extra' } as const;
// @ts-expect-error a key English doesn't have
export type Extra = LocaleCatalog<typeof _extra>;

/** What a message takes: a string's {placeholders}, or the params a function reads (recorded by a Proxy). */
function paramsOf(value: MessageValue, locale: string): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
  const read = new Set<string>();
  const params = new Proxy({} as Params, {
    get: (_, name) => {
      if (typeof name === 'string') read.add(name);
      return 3;
    },
    has: () => true,
  });
  (value as (p: Params, l: string) => string)(params, locale);
  return [...read].sort();
}

const COUNTS = [0, 1, 2, 3, 4, 5, 10, 11, 19, 21, 100, 101, 1234];

describe('built-in catalogs', () => {
  it('are de, fr, es, ar and he', () => {
    expect(LOCALES.sort()).to.deep.equal(['ar', 'de', 'es', 'fr', 'he']);
  });

  for (const lang of ['de', 'fr', 'es', 'ar', 'he']) {
    describe(lang, () => {
      let catalog: Record<string, MessageValue>;
      before(async () => {
        const load = builtInCatalogs[lang];
        expect(load, `${lang} is not a built-in catalog`).to.be.a('function');
        catalog = (await load!()).default as Record<string, MessageValue>;
      });

      it('has every English key and no other', () => {
        expect(Object.keys(catalog).sort()).to.deep.equal(Object.keys(english).sort());
      });

      it('takes the same placeholders as English for every key', () => {
        const wrong = Object.keys(english).filter(
          (key) => JSON.stringify(paramsOf(catalog[key]!, lang)) !== JSON.stringify(paramsOf(english[key]!, 'en')),
        );
        expect(wrong).to.deep.equal([]);
      });

      it('leaves nothing unfilled, for any count', () => {
        const left: string[] = [];
        for (const [key, value] of Object.entries(catalog)) {
          const names = paramsOf(english[key]!, 'en');
          for (const n of COUNTS) {
            const params = Object.fromEntries(names.map((name) => [name, n]));
            const text = createI18n(lang).t(key as MessageKey, params);
            if (!text.trim() || /[{}#]/.test(text.replace(/#\d/g, ''))) left.push(`${key} (${n}): ${text}`);
          }
          if (typeof value === 'string' && value.trim() === '') left.push(`${key} is empty`);
        }
        expect(left).to.deep.equal([]);
      });
    });
  }

  it('picks Arabic plural forms by Intl.PluralRules, all six', async () => {
    await loadCatalog('ar', () => {});
    const { t } = createI18n('ar');
    const shown = [0, 1, 2, 3, 11, 100].map((n) => t('detail.feedback.rating', { count: n }));
    // zero, one, two, few, many, other: six different words around the number.
    const words = shown.map((s) => s.replace(/[\d٠-٩]+/g, '#'));
    expect(new Set(words).size, words.join(' | ')).to.equal(6);
  });
});

describe('loading a catalog', () => {
  it('is needed only for a built-in language; English and unknown ones are there at once', () => {
    expect(loadCatalog('en-GB', () => {})).to.equal(undefined);
    expect(loadCatalog('nl', () => {})).to.equal(undefined);
  });

  it('says "loading" in the language while it loads, then its words', async () => {
    let release!: () => void;
    const wait = new Promise<void>((r) => (release = r));
    builtInCatalogs.fr = ((real) => () => wait.then(real))(builtInCatalogs.fr!);
    const pending = loadCatalog('fr-CA', () => {});
    expect(pending).to.be.instanceOf(Promise);
    expect(createI18n('fr-CA').t('common.loading')).to.equal('Chargement…');
    release();
    await pending;
    expect(loadCatalog('fr', () => {})).to.equal(undefined);
    expect(createI18n('fr-CA').t('portal.newCase')).to.not.equal('New case');
  });

  it('falls back to English when the catalog does not arrive, and says so once', async () => {
    builtInCatalogs.xx = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const failures: unknown[] = [];
    const first = loadCatalog('xx', (e) => failures.push(e));
    const second = loadCatalog('xx-YY', (e) => failures.push(e));
    await Promise.all([first, second]);
    expect(failures).to.have.length(1);
    expect(loadCatalog('xx', (e) => failures.push(e))).to.equal(undefined);
    expect(createI18n('xx').t('portal.newCase')).to.equal('New case');
  });

  it('merges a site’s words over a built-in language and adds a site’s own language', async () => {
    await loadCatalog('de', () => {});
    registerCatalog('de', { 'portal.newCase': 'Neues Ticket' });
    registerCatalog('de-CH', { 'portal.backToList': 'Alle Tickets' });
    registerCatalog('nl', { 'portal.newCase': 'Nieuwe aanvraag' });
    const ch = createI18n('de-CH');
    expect(ch.t('portal.newCase')).to.equal('Neues Ticket');
    expect(ch.t('portal.backToList')).to.equal('Alle Tickets');
    expect(ch.t('list.loadMore')).to.equal('Weitere Anfragen anzeigen');
    expect(createI18n('de').t('portal.backToList')).to.equal('Alle Anfragen');
    expect(createI18n('nl').t('portal.newCase')).to.equal('Nieuwe aanvraag');
    expect(createI18n('nl').t('portal.backToList')).to.equal('All cases');
  });

  it('an element shows its loading line in its language until the catalog is there, never English', async () => {
    let release!: () => void;
    const wait = new Promise<void>((r) => (release = r));
    builtInCatalogs.es = ((real) => () => wait.then(real))(builtInCatalogs.es!);
    const el = document.createElement('case-list') as CaseList;
    el.adapter = new MemoryAdapter({ storage: null });
    el.setAttribute('locale', 'es');
    document.body.append(el);
    try {
      // The backend answers meanwhile; the catalog does not.
      await new Promise((r) => setTimeout(r, 300));
      expect(el.shadowRoot!.textContent!.trim()).to.equal('Cargando…');
      expect(el.shadowRoot!.querySelector('[part~="loading"]')).to.not.equal(null);
      release();
      await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'no rows after the catalog came');
      expect(el.shadowRoot!.querySelector('th.cell-number')!.textContent!.trim()).to.equal('N.º de solicitud');
    } finally {
      el.remove();
    }
  });

  it('a language change keeps what is shown (the portal’s list, what the customer typed) in the old words until the new catalog is there', async () => {
    let release!: () => void;
    const wait = new Promise<void>((r) => (release = r));
    // A language of this test's own, so no other test has loaded its catalog already.
    builtInCatalogs.xq = () => wait.then(() => ({ default: { 'list.column.number': 'Nummer (xq)' } }));
    const portal = document.createElement('case-portal') as CasePortal;
    portal.adapter = new MemoryAdapter({ storage: null });
    portal.setAttribute('locale', 'en');
    document.body.append(portal);
    const list = () => portal.shadowRoot!.querySelector<CaseList>('case-list');
    try {
      await waitUntil(() => list()?.shadowRoot?.querySelector('tbody tr'), 'no rows');
      const shown = list()!;
      const input = shown.shadowRoot!.querySelector<HTMLInputElement>('#keyword')!;
      input.value = 'router';
      input.dispatchEvent(new Event('input'));
      portal.setAttribute('locale', 'xq');
      // The catalog does not come meanwhile: the list stays, in English, with the text typed.
      await new Promise((r) => setTimeout(r, 300));
      expect(portal.shadowRoot!.querySelector('[part~="loading"]'), 'no loading line in the list’s place').to.equal(null);
      expect(list(), 'the same list element').to.equal(shown);
      expect(shown.shadowRoot!.querySelector('th.cell-number')!.textContent!.trim()).to.equal('Case number');
      release();
      await waitUntil(() => shown.shadowRoot!.querySelector('th.cell-number')?.textContent?.trim() === 'Nummer (xq)', 'the new words never came');
      expect(list()).to.equal(shown);
      expect(shown.shadowRoot!.querySelector<HTMLInputElement>('#keyword')!.value).to.equal('router');
    } finally {
      portal.remove();
      delete builtInCatalogs.xq;
    }
  });

  it('a catalog that does not arrive: English, one console warning and one case-error for the page', async () => {
    builtInCatalogs.zz = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    const errors: CaseErrorEvent[] = [];
    const onError = (e: CaseErrorEvent) => errors.push(e);
    document.addEventListener('case-error', onError);
    const lists = [0, 1].map(() => {
      const el = document.createElement('case-list') as CaseList;
      el.adapter = new MemoryAdapter({ storage: null });
      el.setAttribute('locale', 'zz');
      document.body.append(el);
      return el;
    });
    try {
      for (const el of lists) await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'no rows in English');
      for (const el of lists) expect(el.shadowRoot!.querySelector('th.cell-number')!.textContent!.trim()).to.equal('Case number');
      const locale = errors.filter((e) => e.detail.operation === 'load:locale');
      expect(locale).to.have.length(1);
      expect(locale[0]!.detail.error.code).to.equal('network');
      expect(warnings.filter((w) => String(w[0]).includes('"zz"'))).to.have.length(1);
    } finally {
      console.warn = warn;
      document.removeEventListener('case-error', onError);
      for (const el of lists) el.remove();
    }
  });
});
