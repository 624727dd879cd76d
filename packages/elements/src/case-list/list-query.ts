import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isCaseQueryParam, type CaseQuery, type PortalSchema, type SortSpec } from '@case-portal/core';
import { CaseQueryChangeEvent } from '../events.js';
import type { UrlQueryController } from '../shared/url-state.js';
import { DEFAULT_URL_PREFIX, type HistoryMode } from '../shared/url-route.js';
import { loadUrlSync, urlSyncNow } from '../shared/url-sync-loader.js';
import type { FilterControls, FilterState } from './filter-panel.js';

/** Newest activity first: what a customer checks the list for. */
export const DEFAULT_SORT: SortSpec = { key: 'updatedAt', dir: 'desc' };
/** Long enough to skip the requests of a word being typed, short enough to feel live. Local adapters skip it. */
export const KEYWORD_DEBOUNCE_MS = 200;

/** What the list's UI can change: sort, keyword, filters, view and the page being loaded. */
export interface ListQueryState extends FilterState {
  sort: SortSpec;
  /** The keyword the list is filtered by; `keywordDraft` is what is in the box, applied after a pause. */
  keyword: string;
  keywordDraft: string;
  /** The page being loaded on top of the loaded rows; null = first page. */
  cursor: string | null;
}

/** Where the list's URL state comes from, read on every host update. */
export interface ListQueryOptions {
  /** Keep the query in the page URL (`url-state`). */
  urlState: () => boolean;
  urlPrefix?: () => string;
  /** The schema decides what a URL value means; the URL is read once it is known. */
  schema: () => PortalSchema | undefined;
  /** The configured starting query (`query`): a shared link's values are laid over it. */
  start: () => Partial<CaseQuery> | undefined;
  /** Rows per request; undefined or 0: the adapter's default. */
  limit: () => number | undefined;
  /** The URL state's code did not arrive (the list goes on without the URL; a discrete change tries again). */
  urlStateFailed?: (e: unknown) => void;
}

/**
 * The list's query: what the reader chose (sort, keyword with its typing pause, filters, view)
 * and the page being loaded, kept in the URL when asked. A change made through the UI goes back to
 * page one, into the URL (typing replaces the history entry) and out as `case-query-change`;
 * `apply` (the `query` property, a URL restored by back/forward) sets it silently.
 */
export class ListQueryController implements ReactiveController {
  private current: ListQueryState = fromQuery({});
  private keywordTimer?: ReturnType<typeof setTimeout>;
  private typedFilterTimer?: ReturnType<typeof setTimeout>;
  /** The URL was read once the schema was known (it decides what a URL value means). */
  private urlApplied = false;
  /** Made once its code is here (url-sync-loader.ts) and the list has `url-state`. */
  private url?: UrlQueryController;
  /** The URL code did not arrive: updates and typing stop asking for it until a discrete change does. */
  private urlLoadFailed = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ListQueryOptions,
  ) {
    host.addController(this);
  }

  /** The current choices (read-only: change them with `change`). */
  get state(): Readonly<ListQueryState> {
    return this.current;
  }

  /**
   * With `url-state` and a link that carries our parameters: the loading of the URL state's code, for
   * the element's setup to wait for beside the schema, so the link is read in the same update the
   * schema arrives in and the first request already asks for what the link says. Undefined when the
   * code is here or nothing in the URL needs it now.
   */
  urlStateNeeded(): Promise<unknown> | undefined {
    if (urlSyncNow() || !this.options.urlState()) return undefined;
    const prefix = this.prefix();
    const names = [...new URLSearchParams(location.search).keys()];
    return names.some((name) => isCaseQueryParam(name, prefix)) ? loadUrlSync() : undefined;
  }

  hostUpdate(): void {
    const url = this.urlController();
    if (!url) return;
    const schema = this.options.schema();
    if (schema && url.schema !== schema) {
      url.schema = schema;
      this.urlApplied = false;
    }
    // A shared link wins over the configured starting query.
    if (schema && url.enabled && !this.urlApplied) {
      this.urlApplied = true;
      if (url.hasParams()) this.apply({ ...this.options.start(), ...url.read() });
    }
  }

  private prefix(): string {
    return this.options.urlPrefix?.() ?? DEFAULT_URL_PREFIX;
  }

  /**
   * The URL state, following `url-state` and `url-prefix`; undefined while the list has no
   * `url-state` or its code is still loading (then it starts, and the host updates when it is here).
   */
  private urlController(): UrlQueryController | undefined {
    const enabled = this.options.urlState();
    if (!this.url) {
      if (!enabled) return undefined;
      const sync = urlSyncNow();
      if (!sync) {
        // Once per failure, not on every update (a keystroke each): a discrete change or the setup's retry asks again.
        if (!this.urlLoadFailed) loadUrlSync().then(() => this.host.requestUpdate(), this.urlCodeFailed);
        return undefined;
      }
      this.url = new sync.UrlQueryController(this.host, (q) => this.apply(q));
    }
    this.url.enabled = enabled;
    this.url.prefix = this.prefix();
    return this.url;
  }

  /** Into the URL (with `url-state`): at once, or as soon as the URL state's code is here. */
  private writeUrl(query: CaseQuery, history: HistoryMode): void {
    const write = () => this.urlController()?.write(query, history, { sort: DEFAULT_SORT });
    if (this.url || !this.options.urlState()) write();
    else if (history === 'push' || !this.urlLoadFailed) {
      // After a failure, a discrete change (sort, filter, view) tries again; typing does not, letter by letter.
      this.urlLoadFailed = false;
      loadUrlSync().then(write, this.urlCodeFailed);
    }
  }

  private readonly urlCodeFailed = (e: unknown): void => {
    this.urlLoadFailed = true;
    this.options.urlStateFailed?.(e);
  };

  hostDisconnected(): void {
    this.cancelTyping();
  }

  /** Sets every filter and the sort from `q` (missing keys: defaults), silently: no event, no URL write. */
  apply(q: Partial<CaseQuery>): void {
    this.cancelTyping();
    this.set(fromQuery(q));
  }

  /** The query as the adapter gets it. */
  query(): CaseQuery {
    const s = this.current;
    const limit = this.options.limit();
    const q: CaseQuery = {
      view: s.view || undefined,
      keyword: s.keyword || undefined,
      statuses: s.statuses.length ? s.statuses : undefined,
      categories: s.categories.length ? s.categories : undefined,
      origins: s.origins.length ? s.origins : undefined,
      fields: Object.keys(s.fields).length ? s.fields : undefined,
      sort: s.sort,
      cursor: s.cursor,
      limit: limit && limit > 0 ? limit : undefined,
    };
    // Undefined keys would reach REST query strings and make equal queries compare unequal.
    for (const k of Object.keys(q) as (keyof CaseQuery)[]) if (q[k] === undefined) delete q[k];
    return q;
  }

  /** A change the user made: back to page one, into the URL, and tell the host. */
  change(next: Partial<ListQueryState>, history: HistoryMode = 'push'): void {
    this.set({ ...next, cursor: null });
    const query = this.query();
    this.writeUrl(query, history);
    this.host.dispatchEvent(new CaseQueryChangeEvent(query));
  }

  /** A header clicked: the same column turns around, another starts in its own first direction. */
  sortBy(key: string, firstDir: SortSpec['dir']): void {
    const sort = this.current.sort;
    this.change({ sort: sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir } });
  }

  /** What is in the search box; `live` (an adapter answering from memory) filters on every keystroke, else after a pause. */
  typeKeyword(draft: string, live: boolean): void {
    this.set({ keywordDraft: draft });
    clearTimeout(this.keywordTimer);
    if (live) this.applyKeyword();
    else this.keywordTimer = setTimeout(() => this.applyKeyword(), KEYWORD_DEBOUNCE_MS);
  }

  /** The box's text becomes the keyword now (Enter, the search event, the end of the pause). */
  applyKeyword(): void {
    clearTimeout(this.keywordTimer);
    const keyword = this.current.keywordDraft.trim();
    if (keyword === this.current.keyword) return;
    // Typing replaces the history entry: back goes to the previous view, not the previous letter.
    this.change({ keyword }, 'replace');
  }

  /**
   * A filter typed into (a text field's box): applied like the keyword, at once when `live`, else
   * after the same pause. `next` is read when it applies, so a change made meanwhile is kept; a value
   * already applied (Enter after the pause) asks nothing again.
   */
  typeFilter(next: () => Partial<ListQueryState>, live: boolean): void {
    clearTimeout(this.typedFilterTimer);
    const apply = () => {
      const changes = next();
      const same = (Object.keys(changes) as (keyof ListQueryState)[]).every(
        (k) => JSON.stringify(changes[k]) === JSON.stringify(this.current[k]),
      );
      if (!same) this.change(changes, 'replace');
    };
    if (live) apply();
    else this.typedFilterTimer = setTimeout(apply, KEYWORD_DEBOUNCE_MS);
  }

  private cancelTyping(): void {
    clearTimeout(this.keywordTimer);
    clearTimeout(this.typedFilterTimer);
  }

  /** Keyword and every filter off (the view stays). */
  clearFilters(): void {
    this.cancelTyping();
    this.change({ keyword: '', keywordDraft: '', statuses: [], categories: [], origins: [], fields: {} });
  }

  /** The next page on top of the loaded ones (told to the host, not written to the URL). */
  loadPage(cursor: string): void {
    this.set({ cursor });
    this.host.dispatchEvent(new CaseQueryChangeEvent(this.query()));
  }

  /** Back to the first page, keeping everything else; false when already there. */
  firstPage(): boolean {
    if (this.current.cursor === null) return false;
    this.set({ cursor: null });
    return true;
  }

  /** What the filter views need: `view`'s data with the query's state and its change handlers (`local`: typed values apply on each keystroke). */
  filterControls(view: Omit<FilterControls, 'state' | 'change' | 'type'>, local: boolean): FilterControls {
    const current = (): FilterState => this.current;
    return {
      ...view,
      // A getter: two changes before the next render (from, then to) must build on each other.
      get state(): FilterState {
        return current();
      },
      change: (next) => this.change(next),
      type: (next, now) => this.typeFilter(next, now || local),
    };
  }

  /** Filters in use (a field filter counts once per field; the view does not count). */
  activeFilterCount(): number {
    const s = this.current;
    return (s.statuses.length ? 1 : 0) + (s.categories.length ? 1 : 0) + (s.origins.length ? 1 : 0) + Object.keys(s.fields).length;
  }

  /** Anything narrows the list: an empty result then says so and offers to clear. */
  get narrowed(): boolean {
    return !!(this.current.keyword || this.activeFilterCount() || this.current.view);
  }

  private set(next: Partial<ListQueryState>): void {
    // A new object: a render reading `state` keeps what it read, two changes in one task build on each other.
    this.current = { ...this.current, ...next };
    this.host.requestUpdate();
  }
}

/** The choices a query stands for; missing keys are the defaults. */
function fromQuery(q: Partial<CaseQuery>): ListQueryState {
  const keyword = q.keyword ?? '';
  return {
    sort: q.sort ?? DEFAULT_SORT,
    keyword,
    keywordDraft: keyword,
    statuses: q.statuses ?? [],
    categories: q.categories ?? [],
    origins: q.origins ?? [],
    fields: q.fields ?? {},
    view: q.view ?? '',
    cursor: q.cursor ?? null,
  };
}
