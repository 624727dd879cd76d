import { en, type MessageKey } from './en.js';
import type { MessageValue, Params } from './types.js';
import { normalizeLocale } from './language.js';

export type { MessageValue, Params };
export type Catalog = Record<MessageKey, MessageValue>;
export type { MessageKey };

export interface I18n {
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey, params?: Params): string;
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ku']);

/** Catalogs by language; a host registers more with registerCatalog (partial ones fall back to English). */
const catalogs = new Map<string, Partial<Catalog>>([['en', en]]);

export function registerCatalog(lang: string, catalog: Partial<Catalog>): void {
  catalogs.set(lang.toLowerCase(), catalog);
}

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function createI18n(locale: string): I18n {
  const lang = locale.toLowerCase().split('-')[0] ?? 'en';
  const catalog = catalogs.get(locale.toLowerCase()) ?? catalogs.get(lang) ?? {};
  return {
    locale,
    dir: RTL.has(lang) ? 'rtl' : 'ltr',
    t(key, params) {
      const value = catalog[key] ?? en[key];
      // A key whose element's messages are not loaded yet (or a typo in a host's code): say the key.
      if (value === undefined) return key;
      return typeof value === 'function' ? value(params ?? {}, locale) : interpolate(value, params);
    },
  };
}

/** The locale an element uses when nobody told it: the page's lang, then the browser's (as `Intl` takes them). */
export function defaultLocale(): string {
  return normalizeLocale(document.documentElement.lang) ?? normalizeLocale(navigator.language) ?? 'en';
}
