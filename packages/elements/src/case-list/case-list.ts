import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import {
  isAbortError,
  toAdapterError,
  type AdapterError,
  type CaseQuery,
  type CaseRecord,
  type CaseView,
  type FieldFilter,
  type PortalSchema,
  type SortSpec,
  type StatusCategory,
} from '@case-portal/core';
import { CaseElement, type PortalSetup } from '../shared/case-element.js';
import { CaseCreateRequestEvent, CaseQueryChangeEvent, CaseSelectEvent } from '../events.js';
import { DEFAULT_URL_PREFIX, UrlQueryController } from '../shared/url-state.js';
import { cssProps } from '../shared/css-props.js';
import { renderFailureBox, reportEditorProblems, retryHelps } from '../shared/failure.js';
import { buildColumns, parseColumnKeys, type ListColumn } from './columns.js';
import { listFilters, type ListFilters } from './filters.js';
import { renderActiveFilters, renderQuickFilters, type FilterControls, type FilterState } from './filter-panel.js';
import { LazyModule } from '../shared/lazy-module.js';
import { ListTemplateController } from './list-template.js';
import { VirtualWindowController, type WindowRange } from './virtual-window.js';
import { DelayedFlagController } from './delayed-flag.js';
import { listStyles } from './case-list.styles.js';

/** Newest activity first: what a customer checks the list for. */
const DEFAULT_SORT: SortSpec = { key: 'updatedAt', dir: 'desc' };
const DEFAULT_COLUMNS = ['number', 'subject', 'status', 'updatedAt'];
/** Column widths in rem, as case-list.styles.ts sets them on <col>; "fill" is the subject's minimum. */
const COLUMN_REM: Record<ListColumn['width'], number> = { narrow: 8.5, medium: 12, date: 13.5, wide: 18, fill: 16 };
/** Long enough to skip the requests of a word being typed, short enough to feel live. Local adapters skip it. */
const KEYWORD_DEBOUNCE_MS = 200;
/** A reload that answers sooner leaves the rows as they are; a slower one dims them while it waits. */
const SLOW_RELOAD_MS = 100;

/** The loaded rows for one query (all pages loaded so far) and what the backend said about it. */
interface ListResult {
  /** The query without its cursor: pages of the same key are appended to each other. */
  key: string;
  items: CaseRecord[];
  total: number;
  nextCursor: string | null;
  statusCounts: Record<string, number> | undefined;
}

/** A failed load, already reported (case-error fired) when it was created: render shows it as is. */
class ListFailure extends Error {
  constructor(
    readonly error: AdapterError,
    readonly shown: string,
    /** A "load more" failed: the rows already loaded stay. */
    readonly append: boolean,
  ) {
    super(shown);
  }
}

/**
 * The viewer's cases as a sortable, filterable table (or a CMS editor's card template), loaded a
 * page at a time through the adapter and rendered in a window: only rows near the viewport are in
 * the DOM, however many pages are loaded.
 *
 * @fires case-select - a case was chosen (cancelable: prevent it to stop the portal from opening it)
 * @fires case-query-change - sort, filters, keyword, view or page changed through the UI
 * @fires case-create-request - "New case" in the empty state (cancelable)
 * @fires case-error - loading failed, or the row template has problems; detail.message says what
 *
 * A `<template>` child (or `template="id"`) replaces the table with the editor's cards (see `template`).
 *
 * @csspart toolbar - the bar above the results: view, keyword, filters
 * @csspart view-filter - the view choice (my cases, my account's…)
 * @csspart keyword - the keyword search box
 * @csspart filters-toggle - the button that shows or hides the filter panel
 * @csspart quick-filters - the row of quick filters
 * @csspart quick-filter - one quick filter (aria-pressed when on)
 * @csspart filter-panel - the panel of filters
 * @csspart filter-group - one filter's group of choices
 * @csspart active-filters - the list of filters in use
 * @csspart filter-chip - one filter in use (click to remove)
 * @csspart clear-filters - "Clear filters"
 * @csspart results - the table or cards (aria-busy while loading)
 * @csspart table - the table
 * @csspart caption - the table's caption
 * @csspart header - a column header
 * @csspart header-{key} - a column header by column key, e.g. `header-subject`
 * @csspart sort-button - the sort button in a header
 * @csspart row - one case's row
 * @csspart cell - a cell
 * @csspart cell-{key} - a cell by column key, e.g. `cell-status`
 * @csspart open - the link that opens a case
 * @csspart status - a status chip (data-category holds the status category)
 * @csspart cards - the list of cards (with a row template)
 * @csspart card - one card
 * @csspart loading - the loading line (or row)
 * @csspart summary - "Showing 1–25 of 120" (aria-live)
 * @csspart pager - the area with "Load more"
 * @csspart load-more - "Load more"
 * @csspart empty - the no-cases message
 * @csspart new-case - "New case" in the empty state
 * @csspart error - the failure message
 */
export class CaseList extends CaseElement {
  static override styles = [...CaseElement.styles, listStyles];

  /** Column keys in order (built-in keys or custom field keys); attribute: "number, subject, status". Default: schema.columns. */
  @property({ converter: { fromAttribute: parseColumnKeys } }) columns?: string[];

  /** Rows per request. Default: the schema's limits.pageSize. */
  @property({ type: Number, attribute: 'page-size' }) pageSize?: number;

  /**
   * The starting query (view, keyword, statuses, categories, origins, field filters, sort).
   * Setting it resets the list's sort and filters to it.
   */
  @property({ attribute: false }) query?: Partial<CaseQuery>;

  /** Keep the query in the page URL (`?case.q=…&case.status=…`): back/forward and shared links restore it. */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;

  /** Prefix of the list's URL parameters; give each list on one page its own. */
  @property({ attribute: 'url-prefix' }) urlPrefix = DEFAULT_URL_PREFIX;

  /**
   * Id of a `<template>` in the same document (or shadow root) with the row layout; default: a
   * `<template>` child. Placeholders such as `{{number}}`, `{{status.label}}`, `{{updatedAt | date}}`
   * and `{{fields.<key>}}` fill text and attributes only; `data-case-open` marks the link that opens the case.
   */
  @property() template?: string;

  @state() private sort: SortSpec = DEFAULT_SORT;
  /** The keyword the list is filtered by; `keywordDraft` is what is in the box, applied after a pause. */
  @state() private keyword = '';
  @state() private keywordDraft = '';
  @state() private statuses: string[] = [];
  @state() private categories: StatusCategory[] = [];
  @state() private origins: string[] = [];
  @state() private fields: Record<string, FieldFilter> = {};
  @state() private view: CaseView | '' = '';
  /** The page being loaded on top of the loaded rows; null = first page. */
  @state() private cursor: string | null = null;
  @state() private filtersOpen = false;
  /** The panel's controls: a chunk of their own in the single file, fetched when the panel first opens. */
  private readonly filterPanel = new LazyModule(this, () => import('./filter-panel-controls.js'));

  private lastResult?: ListResult;
  /** The result key the window was last laid out for: a new one starts at the top with fresh measurements. */
  private windowKey?: string;
  private keywordTimer?: ReturnType<typeof setTimeout>;
  /** Index of the first row of a page loaded by keyboard: focus moves there instead of the page top. */
  private focusRow: number | null = null;
  private columnCache?: { sig: string; schema: PortalSchema; columns: ListColumn[] };
  private filterCache?: { schema: PortalSchema; locale: string; filters: ListFilters };
  /** The URL was read once the schema was known (it decides what a URL value means). */
  private urlApplied = false;

  private readonly url = new UrlQueryController(this, (q) => this.applyQuery(q));
  private readonly rowTemplate = new ListTemplateController(this);
  private readonly window = new VirtualWindowController(this, {
    container: () => this.renderRoot.querySelector('[data-window]'),
    onNearEnd: () => this.loadMore(false),
  });

  private readonly list = new Task(this, {
    task: async ([setup, query], { signal }): Promise<ListResult | typeof initialState> => {
      if (!setup) return initialState;
      const key = pageKey(query);
      // Appending needs the pages before it; without them (a reload), the cursor's page stands alone.
      const before = query.cursor && this.lastResult?.key === key ? this.lastResult.items : [];
      try {
        const page = await setup.adapter.listCases(query, { signal });
        const seen = new Set(before.map((c) => c.id));
        return {
          key,
          // A case that moved between pages while paging would otherwise show twice.
          items: before.length ? before.concat(page.items.filter((c) => !seen.has(c.id))) : page.items,
          total: page.total,
          nextCursor: page.nextCursor,
          statusCounts: page.statusCounts,
        };
      } catch (e) {
        // Stale work (aborted, or an adapter that ignored the signal) is neither shown nor reported.
        if (isAbortError(e) || signal.aborted) throw e;
        throw new ListFailure(toAdapterError(e), this.failureText(e, 'list', setup.schema), !!query.cursor);
      }
    },
    args: () => [this.setup.value, this.currentQuery()] as const,
    // Queries are rebuilt on every update: compare by content, the setup by identity.
    argsEqual: ([s1, q1], [s2, q2]) => s1 === s2 && JSON.stringify(q1) === JSON.stringify(q2),
    onComplete: (result) => {
      this.lastResult = result;
    },
  });

  /** After the Task: it reads the status the Task has just set for this update. */
  private readonly slowLoad = new DelayedFlagController(this, () => this.list.status === TaskStatus.PENDING, SLOW_RELOAD_MS);

  /** Reloads from the first page, keeping sort and filters (e.g. after the host created a case). */
  refresh(): void {
    if (this.cursor !== null) this.cursor = null;
    else void this.list.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.keywordTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('query')) this.applyQuery(this.query ?? {});
    if (changed.has('pageSize') && changed.get('pageSize') !== undefined) this.cursor = null;
    this.url.enabled = this.urlState;
    this.url.prefix = this.urlPrefix;
    const setup = this.setup.value;
    if (setup && this.url.schema !== setup.schema) {
      this.url.schema = setup.schema;
      this.urlApplied = false;
    }
    // A shared link wins over the configured starting query.
    if (setup && this.urlState && !this.urlApplied) {
      this.urlApplied = true;
      if (this.url.hasParams()) this.applyQuery({ ...this.query, ...this.url.read() });
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusRow !== null && this.list.status === TaskStatus.COMPLETE) {
      const row = this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.focusRow}"]`);
      this.focusRow = null;
      row?.querySelector<HTMLElement>('[part~="open"], [data-case-open]')?.focus();
    }
  }

  /** Sets every filter and the sort from `q` (missing keys: defaults), silently: no event, no URL write. */
  private applyQuery(q: Partial<CaseQuery>): void {
    clearTimeout(this.keywordTimer);
    this.sort = q.sort ?? DEFAULT_SORT;
    this.keyword = this.keywordDraft = q.keyword ?? '';
    this.statuses = q.statuses ?? [];
    this.categories = q.categories ?? [];
    this.origins = q.origins ?? [];
    this.fields = q.fields ?? {};
    this.view = q.view ?? '';
    this.cursor = q.cursor ?? null;
  }

  /** The query as the adapter gets it. */
  private currentQuery(): CaseQuery {
    const limit = this.pageSize ?? this.setup.value?.schema.limits.pageSize;
    const q: CaseQuery = {
      view: this.view || undefined,
      keyword: this.keyword || undefined,
      statuses: this.statuses.length ? this.statuses : undefined,
      categories: this.categories.length ? this.categories : undefined,
      origins: this.origins.length ? this.origins : undefined,
      fields: Object.keys(this.fields).length ? this.fields : undefined,
      sort: this.sort,
      cursor: this.cursor,
      limit: limit && limit > 0 ? limit : undefined,
    };
    // Undefined keys would reach REST query strings and make equal queries compare unequal.
    for (const k of Object.keys(q) as (keyof CaseQuery)[]) if (q[k] === undefined) delete q[k];
    return q;
  }

  /** A change the user made: back to page one, into the URL, and tell the host. */
  private changeQuery(apply: () => void, history: 'push' | 'replace' = 'push'): void {
    apply();
    this.cursor = null;
    const query = this.currentQuery();
    this.url.write(query, history, { sort: DEFAULT_SORT });
    this.dispatchEvent(new CaseQueryChangeEvent(query));
  }

  private columnsFor(setup: PortalSetup): ListColumn[] {
    const keys = this.columns ?? (setup.schema.columns.length ? setup.schema.columns : DEFAULT_COLUMNS);
    const sig = `${keys.join(',')}|${this.i18n.locale}|${setup.viewer.timeZone ?? ''}`;
    const cache = this.columnCache;
    if (cache && cache.sig === sig && cache.schema === setup.schema) return cache.columns;
    const problems: string[] = [];
    const columns = buildColumns(keys, setup.schema, this.i18n, setup.viewer.timeZone, problems);
    reportEditorProblems(this, 'columns', problems);
    this.columnCache = { sig, schema: setup.schema, columns };
    return columns;
  }

  private filtersFor(setup: PortalSetup): ListFilters {
    const cache = this.filterCache;
    if (cache && cache.schema === setup.schema && cache.locale === this.i18n.locale) return cache.filters;
    const filters = listFilters(setup.schema, setup.viewer, this.i18n);
    this.filterCache = { schema: setup.schema, locale: this.i18n.locale, filters };
    return filters;
  }

  private get filterState(): FilterState {
    return {
      statuses: this.statuses,
      categories: this.categories,
      origins: this.origins,
      fields: this.fields,
      view: this.view,
    };
  }

  protected override render(): unknown {
    return this.renderWithSetup((setup) => {
      const failure = this.list.status === TaskStatus.ERROR ? toFailure(this.list.error) : undefined;
      const pending = this.list.status === TaskStatus.PENDING || this.list.status === TaskStatus.INITIAL || this.rowTemplate.loadingEngine(this.template);
      // Rows stay while the next result loads (no flash, no layout jump); a failed reload hides them.
      const result = failure && !failure.append ? undefined : this.lastResult;
      const filters = this.filtersFor(setup);
      const template = this.rowTemplate.get(setup, this.template, this.i18n);
      const controls = this.filterControls(setup, filters, result);
      // No search or filter can get past a "forbidden": offer none.
      const forbidden = failure?.error.code === 'forbidden';
      return html`
        ${forbidden
          ? nothing
          : html`${this.renderToolbar(filters)} ${renderQuickFilters(controls)}
            ${this.filtersOpen ? this.renderFilterPanel(controls) : nothing} ${renderActiveFilters(controls)}`}
        <div part="results" class="results" aria-busy=${pending ? 'true' : 'false'} ?data-slow=${pending && this.slowLoad.value}>
          ${failure && !failure.append
            ? this.renderError(failure)
            : result && result.total === 0 && result.items.length === 0
              ? this.renderEmpty(setup)
              : template
                ? this.renderCards(result, template)
                : this.renderTable(setup, result)}
        </div>
        <p part="summary" class="summary hint" role="status" aria-live="polite">
          ${result ? this.summaryText(result) : nothing}
        </p>
        ${failure?.append ? this.renderError(failure) : nothing} ${this.renderPager(result, pending)}
      `;
    });
  }

  /** What the filter views need: the offered filters, the current state, counts and the change handlers. */
  private filterControls(setup: PortalSetup, filters: ListFilters, result: ListResult | undefined): FilterControls {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter must read the state at event time
    const list = this;
    return {
      t: this.t.bind(this),
      locale: this.i18n.locale,
      schema: setup.schema,
      filters,
      // A getter: two changes before the next render (from, then to) must build on each other.
      get state() {
        return list.filterState;
      },
      counts: result?.statusCounts,
      change: (next: Partial<FilterState>) => this.changeQuery(() => Object.assign(this, next)),
      clearAll: () => this.clearFilters(),
    };
  }

  private renderToolbar(filters: ListFilters): TemplateResult {
    const active = this.activeFilterCount();
    const hasPanel = filters.status || filters.origins.length > 0 || filters.fields.length > 0;
    return html`<div part="toolbar" class="toolbar" role="search" aria-label=${this.t('list.toolbar')}>
      <div class="field keyword">
        <label for="keyword">${this.t('list.keyword')}</label>
        <input
          id="keyword"
          part="keyword"
          type="search"
          autocomplete="off"
          placeholder=${this.t('list.keywordHint')}
          .value=${this.keywordDraft}
          @input=${this.onKeywordInput}
          @keydown=${this.onKeywordKeydown}
          @search=${this.applyKeyword}
        />
      </div>
      ${filters.views.length
        ? html`<div class="field">
            <label for="view">${this.t('list.view')}</label>
            <select id="view" part="view-filter" @change=${this.onViewChange}>
              <option value="" ?selected=${this.view === ''}>${this.t('list.view.all')}</option>
              ${filters.views.map(
                (v) => html`<option value=${v} ?selected=${this.view === v}>${this.t(`list.view.${v}`)}</option>`,
              )}
            </select>
          </div>`
        : nothing}
      ${hasPanel
        ? html`<button
            type="button"
            part="filters-toggle"
            class="filters-toggle"
            aria-expanded=${this.filtersOpen ? 'true' : 'false'}
            aria-controls="filter-panel"
            @click=${() => (this.filtersOpen = !this.filtersOpen)}
          >
            ${this.t('list.filters.toggle', { count: active })}
          </button>`
        : nothing}
    </div>`;
  }

  private renderFilterPanel(controls: FilterControls): TemplateResult {
    const panel = this.filterPanel.status();
    if (panel.state === 'ready') return panel.module.renderFilterPanel(controls);
    if (panel.state === 'failed') return this.renderFailure(panel.error, 'load:filter-panel', () => this.filterPanel.retry());
    return html`<p part="loading" id="filter-panel" class="hint">${this.t('list.loading')}</p>`;
  }

  private activeFilterCount(): number {
    return (
      (this.statuses.length ? 1 : 0) +
      (this.categories.length ? 1 : 0) +
      (this.origins.length ? 1 : 0) +
      Object.keys(this.fields).length
    );
  }

  /** The result laid out in a window for this render; a new result starts from the top. */
  private windowFor(result: ListResult): WindowRange {
    const reset = this.windowKey !== result.key;
    this.windowKey = result.key;
    return this.window.update(result.items.length, reset);
  }

  private renderTable(setup: PortalSetup, result: ListResult | undefined): TemplateResult {
    const columns = this.columnsFor(setup);
    // One control per row opens the case: on the subject when shown (the most telling text), else the number.
    const openKey = columns.find((c) => c.key === 'subject')?.key ?? columns.find((c) => c.key === 'number')?.key ?? columns[0]?.key;
    const range = result ? this.windowFor(result) : undefined;
    // Never narrower than its columns: a fixed layout would otherwise squeeze the subject to nothing.
    const minWidth = columns.reduce((sum, c) => sum + COLUMN_REM[c.width], 0);
    return html`<table part="table" role="table" aria-rowcount=${result ? result.total + 1 : -1} ${cssProps({ 'min-width': `${minWidth}rem` })}>
      <caption part="caption" class="visually-hidden">${this.t('list.label')}</caption>
      <colgroup>
        ${columns.map((col) => html`<col class="col-${col.width}" />`)}
      </colgroup>
      <thead role="rowgroup">
        <tr role="row" aria-rowindex="1">
          ${columns.map((col) => this.renderHeader(col))}
        </tr>
      </thead>
      <tbody role="rowgroup" data-window>
        ${result && range
          ? html`${spacerRow(range.before, columns.length)}
            ${repeat(
              result.items.slice(range.start, range.end),
              (c) => c.id,
              (c, i) => html`<tr part="row" role="row" data-id=${c.id} data-index=${range.start + i} aria-rowindex=${range.start + i + 2}>
                ${columns.map((col) => this.renderCell(col, c, col.key === openKey))}
              </tr>`,
            )}
            ${spacerRow(range.after, columns.length)}`
          : html`<tr role="row">
              <td part="loading" role="cell" class="hint" colspan=${columns.length || 1}>${this.t('list.loading')}</td>
            </tr>`}
      </tbody>
    </table>`;
  }

  private renderCards(result: ListResult | undefined, template: ReturnType<ListTemplateController['get']>): TemplateResult {
    if (!result || !template) return html`<p part="loading" class="hint">${this.t('list.loading')}</p>`;
    const range = this.windowFor(result);
    return html`<ul part="cards" class="cards" role="list" data-window aria-label=${this.t('list.label')} @click=${this.onCardClick} @keydown=${this.onCardKeydown}>
      ${range.before ? html`<li class="spacer" aria-hidden="true" ${cssProps({ height: `${range.before}px` })}></li>` : nothing}
      ${repeat(
        result.items.slice(range.start, range.end),
        (c) => c.id,
        (c, i) => html`<li part="card" class="card" data-id=${c.id} data-index=${range.start + i}>
          ${template.nodesFor(c)}
          ${template.hasOpen
            ? nothing
            : html`<button type="button" part="open" class="link open" @click=${() => this.select(c.id)}>
                ${this.t('list.openCase', { number: c.number })}
              </button>`}
        </li>`,
      )}
      ${range.after ? html`<li class="spacer" aria-hidden="true" ${cssProps({ height: `${range.after}px` })}></li>` : nothing}
    </ul>`;
  }

  /** `data-case-open` in an editor's template opens the case (the link may point elsewhere for pages without a portal). */
  private onCardClick(e: MouseEvent): void {
    const opener = (e.target as Element).closest?.('[data-case-open]');
    const card = opener?.closest<HTMLElement>('[data-id]');
    if (!opener || !card || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    if (this.select(card.dataset.id!)) e.preventDefault();
  }

  private onCardKeydown(e: KeyboardEvent): void {
    const opener = (e.target as Element).closest?.('[data-case-open]');
    if (!opener || opener.hasAttribute('href') || (e.key !== 'Enter' && e.key !== ' ')) return;
    const card = opener.closest<HTMLElement>('[data-id]');
    e.preventDefault();
    if (card) this.select(card.dataset.id!);
  }

  private renderHeader(col: ListColumn): TemplateResult {
    if (!col.sortable) {
      return html`<th scope="col" role="columnheader" part="header header-${col.key}" class="cell-${col.key}">${col.label}</th>`;
    }
    const dir = this.sort.key === col.key ? this.sort.dir : null;
    const ariaSort = dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';
    return html`<th scope="col" role="columnheader" part="header header-${col.key}" class="cell-${col.key}" aria-sort=${ariaSort}>
      <button type="button" part="sort-button" class="sort" data-key=${col.key} @click=${() => this.onSort(col)}>
        ${col.label}<span class="sort-icon" aria-hidden="true"></span>
      </button>
    </th>`;
  }

  private renderCell(col: ListColumn, c: CaseRecord, open: boolean): TemplateResult {
    const content =
      col.key === 'status'
        ? html`<span part="status" class="status" data-category=${c.status.category}>${c.status.label}</span>`
        : col.width === 'wide'
          ? html`<span class="clamp">${col.text(c)}</span>`
          : col.text(c);
    return html`<td part="cell cell-${col.key}" role="cell" class="cell-${col.key}" data-label=${col.label}>
      ${open
        ? html`<button type="button" part="open" class="link open" @click=${() => this.select(c.id)}>${content}</button>`
        : content}
    </td>`;
  }

  private renderEmpty(setup: PortalSetup): TemplateResult {
    const filtered = !!(this.keyword || this.activeFilterCount() || this.view);
    const canCreate = setup.schema.features.create && setup.viewer.permissions.includes('create');
    return html`<div part="empty" class="empty">
      <p>${this.t(filtered ? 'list.emptyFiltered' : 'list.empty')}</p>
      <div class="actions">
        ${filtered
          ? html`<button type="button" part="clear-filters" @click=${this.clearFilters}>${this.t('list.clearFilters')}</button>`
          : nothing}
        ${canCreate
          ? html`<button type="button" part="new-case" class="primary" @click=${this.requestCreate}>${this.t('list.newCase')}</button>`
          : nothing}
      </div>
    </div>`;
  }

  private renderError(failure: ListFailure): TemplateResult {
    return renderFailureBox(failure.shown, {
      retry: retryHelps(failure.error.code) ? () => void this.list.run() : undefined,
      retryLabel: this.t('common.retry'),
    });
  }

  private renderPager(result: ListResult | undefined, pending: boolean): TemplateResult | typeof nothing {
    const loadingMore = pending && this.cursor !== null;
    if (!result?.nextCursor && !loadingMore) return nothing;
    return html`<div part="pager" class="pager">
      <button type="button" part="load-more" ?disabled=${loadingMore} @click=${() => this.loadMore(true)}>
        ${this.t(loadingMore ? 'list.loadingMore' : 'list.loadMore')}
      </button>
    </div>`;
  }

  private summaryText(result: ListResult): string {
    const shown = result.items.length;
    const total = result.total;
    return shown >= total ? this.t('list.summary.all', { total }) : this.t('list.summary.some', { shown, total });
  }

  private onSort(col: ListColumn): void {
    this.changeQuery(() => {
      this.sort =
        this.sort.key === col.key
          ? { key: col.key, dir: this.sort.dir === 'asc' ? 'desc' : 'asc' }
          : { key: col.key, dir: col.firstDir };
    });
  }

  private onKeywordInput(e: Event): void {
    this.keywordDraft = (e.target as HTMLInputElement).value;
    clearTimeout(this.keywordTimer);
    // An adapter answering from memory filters on every keystroke; a remote one waits for a pause.
    if (this.setup.value?.adapter.local) this.applyKeyword();
    else this.keywordTimer = setTimeout(() => this.applyKeyword(), KEYWORD_DEBOUNCE_MS);
  }

  private onKeywordKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter') this.applyKeyword();
  }

  private applyKeyword(): void {
    clearTimeout(this.keywordTimer);
    const keyword = this.keywordDraft.trim();
    if (keyword === this.keyword) return;
    // Typing replaces the history entry: back goes to the previous view, not the previous letter.
    this.changeQuery(() => (this.keyword = keyword), 'replace');
  }

  private onViewChange(e: Event): void {
    const view = (e.target as HTMLSelectElement).value as CaseView | '';
    this.changeQuery(() => (this.view = view));
  }

  private clearFilters(): void {
    clearTimeout(this.keywordTimer);
    this.changeQuery(() => {
      this.keyword = this.keywordDraft = '';
      this.statuses = [];
      this.categories = [];
      this.origins = [];
      this.fields = {};
    });
    // The button that had focus is gone: continue in the search box.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#keyword')?.focus());
  }

  /** The next page: by the button (`byKeyboard` keeps focus in place) or by scrolling near the end. */
  private loadMore(fromButton: boolean): void {
    const result = this.lastResult;
    if (!result?.nextCursor || this.list.status === TaskStatus.PENDING) return;
    // Keep keyboard users in place: the button may vanish on the last page.
    if (fromButton && this.renderRoot.querySelector('[part~="load-more"]') === (this.renderRoot as ShadowRoot).activeElement) {
      this.focusRow = result.items.length;
    }
    this.cursor = result.nextCursor;
    this.dispatchEvent(new CaseQueryChangeEvent(this.currentQuery()));
  }

  /** Fires case-select and opens the case in a surrounding portal; false when the host prevented it. */
  private select(caseId: string): boolean {
    const event = new CaseSelectEvent(caseId);
    if (!this.dispatchEvent(event)) return true;
    if (!this.portalNavigator) return false;
    this.portalNavigator.openCase(caseId);
    return true;
  }

  private requestCreate(): void {
    if (this.dispatchEvent(new CaseCreateRequestEvent())) this.portalNavigator?.openCreate();
  }
}

/** Space for the rows outside the window, so the scrollbar and the rows' positions stay true. */
function spacerRow(height: number, columns: number): TemplateResult | typeof nothing {
  if (height < 1) return nothing;
  return html`<tr class="spacer" aria-hidden="true">
    <td colspan=${columns || 1} ${cssProps({ height: `${height}px` })}></td>
  </tr>`;
}

/** The query's identity without paging: pages with the same key belong to one result. */
function pageKey(q: CaseQuery): string {
  const { cursor: _cursor, ...rest } = q;
  return JSON.stringify(rest);
}

function toFailure(e: unknown): ListFailure | undefined {
  return e instanceof ListFailure ? e : undefined;
}
