import type { LitElement, ReactiveController } from 'lit';
import { AdapterError } from '@case-portal/core';
import { CaseErrorEvent } from '../events.js';
import { createI18n, loadCatalog, type I18n } from '../i18n/i18n.js';
import { normalizeLocale, pageLocale, surroundingDir, watchLanguage } from '../i18n/language.js';
import { reportEditorProblems } from './failure.js';

/** What the language of a case element is decided from. */
export interface LanguageHost extends LitElement {
  /** The element's own `locale` attribute (BCP 47; "en_US" is taken as "en-US"). */
  locale?: string;
}

/**
 * A case element's language and direction: its own `locale` when `Intl` takes it, else the
 * portal's (context), else the closest `lang` around it (followed while it changes), else the
 * page's; its direction the author's own `dir`, else the closest one around, else the language's,
 * set on the host so tokens, parts and children follow. Loads the language's built-in catalog
 * (its own chunk in the single file) and says whether the element must wait for it.
 */
export class ElementLanguage implements ReactiveController {
  private cached?: I18n;
  /** The language of the markup around the element (pageLocale), until a lang or dir changes. */
  private around?: string;
  /** The `dir` this element set on itself (an author's own `dir` is never overwritten). */
  private ownDir?: string;
  private normalized?: { from: string; to: string | null };
  private stopWatching?: () => void;
  /** The built-in catalog of the language is still on its way. */
  private loading = false;
  /** The host rendered with its language's words at least once (see `awaitingWords`). */
  private shownInWords = false;

  constructor(
    private readonly host: LanguageHost,
    /** The surrounding portal's language, when there is one. */
    private readonly fromContext: () => I18n | undefined,
  ) {
    host.addController(this);
  }

  /** The messages and formats of the element's language. */
  get i18n(): I18n {
    const own = this.ownLocale;
    const context = this.fromContext();
    if (!own && context) return context;
    const locale = own ?? (this.around ??= pageLocale(this.host));
    if (this.cached?.locale !== locale) this.cached = createI18n(locale);
    return this.cached;
  }

  /** The language's built-in catalog is still loading. */
  get catalogLoading(): boolean {
    return this.loading;
  }

  /**
   * The loading line instead of the content: only until the element first rendered in its
   * language's words (never English first). A later language change keeps the content (what the
   * customer typed, the children a portal shows, the scroll position) in the old words until the
   * new ones arrive.
   */
  get awaitingWords(): boolean {
    return this.loading && !this.shownInWords;
  }

  /** Which words `t` gives now (the locale, and whether its catalog is still coming): a key for caches of text. */
  get wordsVersion(): string {
    return `${this.i18n.locale}${this.loading ? '|loading' : ''}`;
  }

  /** The catalog the language needs, while it loads (the setup waits for it beside the schema). */
  catalog(): Promise<void> | undefined {
    return loadCatalog(this.i18n.locale, (e) => this.catalogFailed(e));
  }

  hostConnected(): void {
    // The language around is read again where the element now is, and followed while it is there.
    this.around = undefined;
    this.stopWatching = watchLanguage(this.host, () => this.languageAroundChanged());
    // Moved, not new: what it rendered followed the old place's language and direction.
    if (this.host.hasUpdated) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  hostUpdate(): void {
    const catalog = this.catalog();
    this.loading = catalog !== undefined;
    if (catalog) void catalog.then(() => this.host.requestUpdate());
    // Right-to-left flips the layout; the host attribute lets tokens, parts and the children follow.
    const dir = this.dirNow();
    if (this.host.getAttribute('dir') !== dir) {
      this.ownDir = dir;
      this.host.setAttribute('dir', dir);
    }
  }

  hostUpdated(): void {
    if (!this.loading) this.shownInWords = true;
  }

  /** A lang or dir changed somewhere: update only when this element's language or direction did. */
  private languageAroundChanged(): void {
    const locale = pageLocale(this.host);
    if (locale !== this.around || this.dirNow() !== this.host.getAttribute('dir')) {
      this.around = locale;
      this.host.requestUpdate();
    }
  }

  /** The `locale` attribute when `Intl` takes it, else the page's (with one report of the bad one). */
  private get ownLocale(): string | undefined {
    const { locale } = this.host;
    if (!locale) return undefined;
    // Asked on every message of every render: normalise once per value.
    if (this.normalized?.from !== locale) this.normalized = { from: locale, to: normalizeLocale(locale) };
    const normalized = this.normalized.to;
    if (normalized) return normalized;
    const fallback = (this.around ??= pageLocale(this.host));
    reportEditorProblems(this.host, 'locale', [`locale="${locale}" is not a language tag Intl accepts: using "${fallback}", the page's language.`]);
    return fallback;
  }

  /** The direction now: an author's own `dir`, else the closest one around, else the language's. */
  private dirNow(): string {
    const own = this.host.getAttribute('dir');
    if (own && own !== this.ownDir) return own;
    return surroundingDir(this.host) ?? this.i18n.dir;
  }

  /** The language's catalog did not arrive: English is shown; said once per page (console + `case-error`). */
  private catalogFailed(e: unknown): void {
    const message = `The messages for "${this.i18n.locale}" could not be loaded: showing English.`;
    console.warn(`<${this.host.localName}> ${message}`, e);
    const error = new AdapterError('network', { cause: e, backendMessage: message });
    this.host.dispatchEvent(new CaseErrorEvent(error, 'load:locale', message));
  }
}
