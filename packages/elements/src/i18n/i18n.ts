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

/**
 * The built-in catalogs besides English: each its own chunk in the single file (relative dynamic
 * imports, resolved against the bundle's URL), fetched only when an element's language needs it.
 * (Exported for the tests, which add a language whose load fails or waits.)
 */
export const builtInCatalogs: Record<string, () => Promise<{ default: Partial<Catalog> }>> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
};

/** The loading line while a built-in catalog loads: in its own language, never English first. */
const LOADING: Record<string, string> = {
  de: 'Wird geladen…',
  fr: 'Chargement…',
  es: 'Cargando…',
  ar: 'جارٍ التحميل…',
  he: 'בטעינה…',
};

/** Built-in catalogs that have arrived, by language. */
const builtIn = new Map<string, Partial<Catalog>>();
/** What a site registered, by language or full locale ("de", "de-ch"): wins over the built-in words. */
const site = new Map<string, Partial<Catalog>>();
/** A built-in catalog on its way (settles once: loaded, or failed and English is used). */
const loading = new Map<string, Promise<void>>();

/**
 * Adds a site's messages for a language ("nl") or a locale ("de-CH"). For a built-in language they
 * merge over its catalog (change the word for "case" and keep the rest); calling it again for the
 * same language merges too. Keys a catalog lacks fall back to the built-in language, then to English.
 */
export function registerCatalog(lang: string, catalog: Partial<Catalog>): void {
  const key = lang.toLowerCase();
  site.set(key, { ...site.get(key), ...catalog });
}

const langOf = (locale: string) => locale.toLowerCase().split('-')[0] ?? 'en';

/**
 * Starts loading the built-in catalog `locale` needs. Returns a promise while it is on its way,
 * undefined once it is here (or when none is needed: English, or a language only a site gives).
 * A load that fails settles too (English is used from then on): `failed` is called once per page
 * and language, for the first element that asked, which reports it.
 */
export function loadCatalog(locale: string, failed: (e: unknown) => void): Promise<void> | undefined {
  const lang = langOf(locale);
  const load = builtInCatalogs[lang];
  if (!load || builtIn.has(lang)) return undefined;
  let pending = loading.get(lang);
  if (!pending) {
    pending = load().then(
      (m) => void builtIn.set(lang, m.default),
      (e: unknown) => {
        builtIn.set(lang, {});
        failed(e);
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

export function createI18n(locale: string): I18n {
  const full = locale.toLowerCase();
  const lang = langOf(locale);
  const rtl = RTL.has(lang);
  return {
    locale,
    dir: rtl ? 'rtl' : 'ltr',
    t(key, params) {
      // Looked up on each call: a catalog that arrives (or a site's registration) applies at the next render.
      const value =
        site.get(full)?.[key] ??
        site.get(lang)?.[key] ??
        builtIn.get(lang)?.[key] ??
        (key === 'common.loading' ? LOADING[lang] : undefined) ??
        en[key];
      // A key whose element's messages are not loaded yet (or a typo in a host's code): say the key.
      if (value === undefined) return key;
      return typeof value === 'function' ? (value as (p: Params, l: string) => string)(params ?? {}, locale) : interpolate(value, params, rtl);
    },
  };
}

/**
 * Fills {placeholders}. On a right-to-left page each value is a bidi isolate (FSI … PDI): a Latin
 * status name or case number then keeps its place in the Arabic or Hebrew sentence, and two of them
 * ("New ← Open") are not read as one left-to-right run that would turn the arrow around.
 */
function interpolate(text: string, params: Params | undefined, rtl: boolean): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? (rtl ? `\u2068${params[name]}\u2069` : String(params[name])) : m));
}

/** The locale an element uses when nobody told it: the page's lang, then the browser's (as `Intl` takes them). */
export function defaultLocale(): string {
  return normalizeLocale(document.documentElement.lang) ?? normalizeLocale(navigator.language) ?? 'en';
}
