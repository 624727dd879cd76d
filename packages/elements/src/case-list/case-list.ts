import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CaseQuery, CaseRecord } from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';
import { CaseCreateRequestEvent } from '../events.js';
import { CaseLinkingElement } from '../shared/case-linking-element.js';
import { DEFAULT_URL_PREFIX } from '../shared/url-route.js';
import { renderFailureBox, retryAtOf, retryHelps } from '../shared/failure.js';
import { LazyModule, type ModuleState } from '../shared/lazy-module.js';
import { afterNextPaint } from '../shared/after-next-paint.js';
import { DEFAULT_COLUMNS, parseColumnKeys, type ListColumn } from './columns.js';
import { ColumnFitController } from './column-fit.js';
import { listFilters, type ListFilters } from './filters.js';
import { renderQuickFilters, type FilterControls, type FilterState } from './filter-panel.js';
import { ListQueryController } from './list-query.js';
import { ListResultsController, type ListFailure, type ListResult } from './list-results.js';
import { ListTemplateController, type RowTemplate } from './list-template.js';
import type { VirtualWindowController, WindowRange } from './virtual-window.js';
import { DelayedFlagController } from './delayed-flag.js';
import { renderToolbar } from './toolbar-view.js';
import { renderTable } from './table-view.js';
import type { RowSlots } from './row-slots.js';
import { renderEmpty, renderPager, summaryText } from './footer-view.js';
import { listStyles } from './case-list.styles.js';

/** A reload that answers sooner leaves the rows as they are; a slower one dims them while it waits. */
const SLOW_RELOAD_MS = 100;
/**
 * Up to this many rows render all at once, without the window: a first page (the schemas' usual
 * page size) is all in the DOM with the window too, on any screen at least 500 px tall.
 */
const UNWINDOWED_ROWS = 25;

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
export class CaseList extends CaseLinkingElement {
  static override styles = [...CaseLinkingElement.styles, listStyles];

  static override listAttributes = ['columns'];

  /**
   * Column keys in order (built-in keys or custom field keys); attribute: "number, subject, status".
   * A key ending in `?` ("owner?") is shown only where the list is wide enough for it.
   * Default: schema.columns, else number, subject, status, origin?, createdAt?, owner?, updatedAt.
   */
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

  @state() private filtersOpen = false;
  /** `t` bound once: the views get the same function on every render. */
  private readonly text = this.t.bind(this);
  /** The panel's controls (and the active filters' chips): a chunk of their own in the single file, fetched when the panel first opens or a filter is on. */
  private readonly filterPanel = new LazyModule(this, () =>
    import('./filter-panel-controls.js').then((m) => {
      // The panel's styles come with its controls: they join this element's own.
      adoptStyles(this.renderRoot as ShadowRoot, [...CaseList.elementStyles, m.filterPanelStyles]);
      return m;
    }),
  );

  /** The result key the window was last laid out for: a new one starts at the top with fresh measurements. */
  private windowKey?: string;
  /** Index of the first row of a page loaded by keyboard: focus moves there instead of the page top. */
  private focusRow: number | null = null;
  private filterCache?: { schema: PortalSetup['schema']; words: string; filters: ListFilters };

  /** Before the results: the URL a link brought is applied in the same update the first load starts in. */
  private readonly listQuery = new ListQueryController(this, {
    urlState: () => this.urlState,
    urlPrefix: () => this.urlPrefix,
    schema: () => this.setup.value?.schema,
    start: () => this.query,
    limit: () => this.pageSize ?? this.setup.value?.schema.limits.pageSize,
    urlStateFailed: (e) => void this.failureText(e, 'load:url-state'),
  });
  private readonly rowTemplate = new ListTemplateController(this);
  /** The columns, built from their keys; optional ones (`owner?`) only where the width allows. */
  private readonly columnFit = new ColumnFitController(this);
  /** The table's row keys (row-slots.ts, with the window's code); by case id until then. */
  private rowSlots?: RowSlots;
  /**
   * The window (virtual-window.ts, its own chunk in the single file): fetched the frame after the
   * first rows painted, or before a result of more than UNWINDOWED_ROWS renders (the list stays
   * `aria-busy` until it is here). Once there it lays out every result.
   */
  private readonly window = new LazyModule(this, () =>
    import('./virtual-window.js').then((m) => {
      this.rowSlots = new m.RowSlots();
      const controller = new m.VirtualWindowController(this, {
        container: () => this.renderRoot.querySelector('[data-window]'),
        onNearEnd: () => this.loadMore(false),
      });
      // The reader scrolled after the first rows and before it came: as if that scroll came now
      // (near the end, the next page loads).
      removeEventListener('scroll', this.onEarlyScroll, { capture: true });
      if (this.scrolledEarly) controller.scrolled();
      return controller;
    }),
  );
  /** A result larger than UNWINDOWED_ROWS came: from now on every result waits for the window. */
  private windowNeeded = false;
  /** The first rows painted, the window was fetched: once it is here, every result goes through it. */
  private windowFetched = false;
  private windowScheduled = false;
  private scrolledEarly = false;
  private readonly onEarlyScroll = (): void => void (this.scrolledEarly = true);
  private readonly results = new ListResultsController<PortalSetup>(this, {
    setup: () => this.setup.value,
    query: () => this.listQuery.query(),
    failureText: (e, setup) => this.failureText(e, 'list', setup.schema),
  });

  /** After the results: it reads the status their Task has just set for this update. */
  private readonly slowLoad = new DelayedFlagController(this, () => this.results.loading, SLOW_RELOAD_MS);

  /** Reloads from the first page, keeping sort and filters (e.g. after the host created a case). */
  refresh(): void {
    if (!this.listQuery.firstPage()) this.results.run();
  }

  /** A link that carries the list's query (`url-state`): its code loads beside the schema, so the first request asks for what the link says. */
  protected override loadsBesideSetup(): Promise<unknown> | undefined {
    return this.listQuery.urlStateNeeded();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('query')) this.listQuery.apply(this.query ?? {});
    if (changed.has('pageSize') && changed.get('pageSize') !== undefined) this.listQuery.firstPage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('scroll', this.onEarlyScroll, { capture: true });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The first rows painted (a frame after they came; 100 ms in a tab that gets no frames): the
    // window's code loads then, not before, so it never competes with them.
    if (!this.windowScheduled && this.results.complete) {
      this.windowScheduled = true;
      addEventListener('scroll', this.onEarlyScroll, { capture: true, passive: true });
      afterNextPaint(() => {
        this.windowFetched = true;
        this.window.prefetch();
      });
    }
    if (this.focusRow !== null && this.results.complete) {
      const row = this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.focusRow}"]`);
      this.focusRow = null;
      row?.querySelector<HTMLElement>('[part~="open"], [data-case-open]')?.focus();
    }
  }

  private filtersFor(setup: PortalSetup): ListFilters {
    const words = this.wordsVersion;
    if (this.filterCache?.schema !== setup.schema || this.filterCache.words !== words) {
      this.filterCache = { schema: setup.schema, words, filters: listFilters(setup.schema, setup.viewer, this.i18n) };
    }
    return this.filterCache.filters;
  }

  protected override render(): unknown {
    return this.renderWithSetup((setup) => {
      const failure = this.results.failure;
      // Rows stay while the next result loads (no flash, no layout jump); a failed reload hides them.
      const result = failure && !failure.append ? undefined : this.results.result;
      // A result too large to render whole waits for the window's code.
      const windowCode = result && this.windowNow(result.items.length);
      // A filter that is on shows its chip: their code comes with the panel's, the list is busy until it is here.
      const pending =
        this.results.pending || this.rowTemplate.loadingEngine(this.template) || this.loadingChips(failure) || windowCode?.state === 'loading';
      const filters = this.filtersFor(setup);
      // Asked on every render, also for an empty or failed result: compiling reports the template's problems.
      const template = this.rowTemplate.get(setup, this.template, this.i18n);
      const q = this.listQuery.state;
      // No search or filter can get past a "forbidden": offer none.
      const forbidden = failure?.error.code === 'forbidden';
      const controls = this.listQuery.filterControls(
        { t: this.text, locale: this.i18n.locale, schema: setup.schema, filters, counts: result?.statusCounts, clearAll: this.onClearFilters },
        !!setup.adapter.local,
      );
      const toolbar = renderToolbar({
        t: this.text,
        filters,
        keywordDraft: q.keywordDraft,
        view: q.view,
        activeFilters: this.listQuery.activeFilterCount(),
        filtersOpen: this.filtersOpen,
        onKeywordInput: this.onKeywordInput,
        onKeywordNow: this.onKeywordNow,
        onViewChange: this.onViewChange,
        onToggleFilters: this.onToggleFilters,
      });
      const loadingMore = pending && q.cursor !== null;
      return html`
        ${forbidden
          ? nothing
          : html`${toolbar} ${renderQuickFilters(controls)}
            ${this.filtersOpen ? this.renderFilterPanel(controls) : nothing} ${this.renderActiveFilters(controls)}`}
        <div part="results" class="results" aria-busy=${pending ? 'true' : 'false'} ?data-slow=${pending && this.slowLoad.value}>
          ${failure && !failure.append
            ? this.renderError(failure)
            : windowCode?.state === 'failed'
              ? this.renderFailure(windowCode.error, 'load:list-window', () => this.window.retry())
              : this.renderRows(setup, result, template)}
        </div>
        <p part="summary" class="summary hint" role="status" aria-live="polite">
          ${result ? summaryText(this.text, result.items.length, result.total) : nothing}
        </p>
        ${failure?.append ? this.renderError(failure) : nothing}
        ${renderPager(this.text, !!result?.nextCursor, loadingMore, this.onLoadMoreClick)}
      `;
    });
  }

  /** The empty state, the editor's cards or the built-in table. */
  private renderRows(setup: PortalSetup, result: ListResult | undefined, template: RowTemplate | undefined): TemplateResult {
    const t = this.text;
    if (result && result.total === 0 && result.items.length === 0) {
      const canCreate = setup.schema.features.create && setup.viewer.permissions.includes('create');
      return renderEmpty(t, this.listQuery.narrowed, canCreate, { clear: this.onClearFilters, create: this.onRequestCreate });
    }
    const range = result && this.windowFor(result);
    if (template) {
      return this.rowTemplate.render({
        t,
        template,
        rows: result && range && { items: result.items, range },
        hrefFor: this.hrefFor,
        onOpen: this.select,
      });
    }
    return renderTable({
      t,
      columns: this.columnFit.columns(
        this.columns ?? (setup.schema.columns.length ? setup.schema.columns : DEFAULT_COLUMNS),
        setup.schema,
        this.i18n,
        setup.viewer.timeZone,
        this.wordsVersion,
      ),
      sort: this.listQuery.state.sort,
      rows: result && range && { items: result.items, total: result.total, range },
      onSort: this.onSort,
      hrefFor: this.hrefFor,
      onOpen: this.select,
      rowKeys: (ids) => this.rowSlots?.keysFor(ids, this.renderRoot) ?? ids,
    });
  }

  private renderFilterPanel(controls: FilterControls): TemplateResult {
    const panel = this.filterPanel.status();
    if (panel.state === 'ready') return panel.module.renderFilterPanel(controls);
    if (panel.state === 'failed') return this.renderFailure(panel.error, 'load:filter-panel', () => this.filterPanel.retry());
    return html`<p part="loading" id="filter-panel" class="hint">${this.t('list.loading')}</p>`;
  }

  /** Whether the chips of the filters that are on still wait for their code (none for a list without filters, or a forbidden one). */
  private loadingChips(failure: ListFailure | undefined): boolean {
    return !!this.listQuery.activeFilterCount() && failure?.error.code !== 'forbidden' && this.filterPanel.status().state === 'loading';
  }

  /** Every filter that is on as a chip that removes it (active-filters.ts, with the panel's code); the one error box if that did not load. */
  private renderActiveFilters(controls: FilterControls): unknown {
    if (!this.listQuery.activeFilterCount()) return nothing;
    const module = this.filterPanel.status();
    if (module.state === 'ready') return module.module.renderActiveFilters(controls);
    // The panel shows the same failure when open: one box.
    if (module.state === 'failed' && !this.filtersOpen) return this.renderFailure(module.error, 'load:filter-panel', () => this.filterPanel.retry());
    return nothing;
  }

  /** The result laid out in a window for this render (undefined while the window loads); a new result starts from the top. */
  private windowFor(result: ListResult): WindowRange | undefined {
    const reset = this.windowKey !== result.key;
    this.windowKey = result.key;
    const count = result.items.length;
    const code = this.windowNow(count);
    if (!code) return { start: 0, end: count, before: 0, after: 0 };
    return code.state === 'ready' ? code.module.update(count, reset) : undefined;
  }

  /** The window's code for a result of `count` rows; undefined: render them all (a small result before it is here). */
  private windowNow(count: number): ModuleState<VirtualWindowController> | undefined {
    if (count > UNWINDOWED_ROWS) this.windowNeeded = true;
    if (!this.windowNeeded && !this.windowFetched) return undefined;
    const code = this.window.status();
    return this.windowNeeded || code.state === 'ready' ? code : undefined;
  }

  private renderError(failure: ListFailure): TemplateResult {
    return renderFailureBox(failure.shown, {
      retry: retryHelps(failure.error.code) ? () => this.results.run() : undefined,
      retryLabel: this.t('common.retry'),
      retryAt: retryAtOf(failure.error),
    });
  }

  // Handlers as fields: one function per list, so the views bind the same listener on every render.
  private readonly onSort = (col: ListColumn): void => this.listQuery.sortBy(col.key, col.firstDir);
  private readonly onKeywordInput = (e: Event): void =>
    // An adapter answering from memory filters on every keystroke; a remote one waits for a pause.
    this.listQuery.typeKeyword((e.target as HTMLInputElement).value, !!this.setup.value?.adapter.local);
  private readonly onKeywordNow = (): void => this.listQuery.applyKeyword();
  private readonly onViewChange = (view: FilterState['view']): void => this.listQuery.change({ view });
  private readonly onToggleFilters = (): void => {
    this.filtersOpen = !this.filtersOpen;
  };
  private readonly onLoadMoreClick = (): void => this.loadMore(true);

  private readonly onClearFilters = (): void => {
    this.listQuery.clearFilters();
    // The button that had focus is gone: continue in the search box.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#keyword')?.focus());
  };

  /** The next page: by the button (`fromButton` keeps focus in place) or by scrolling near the end. */
  private loadMore(fromButton: boolean): void {
    const result = this.results.result;
    if (!result?.nextCursor || this.results.loading) return;
    // Keep keyboard users in place: the button may vanish on the last page.
    if (fromButton && this.renderRoot.querySelector('[part~="load-more"]') === (this.renderRoot as ShadowRoot).activeElement) {
      this.focusRow = result.items.length;
    }
    this.listQuery.loadPage(result.nextCursor);
  }

  private readonly hrefFor = (c: CaseRecord): string | null => this.links.href(c);
  /** Fires case-select, then opens the case in a surrounding portal or goes to its page (unless prevented). */
  private readonly select = (c: CaseRecord, e: Event, link: Element): void => this.links.open(c, e, link);

  private readonly onRequestCreate = (): void => {
    if (this.dispatchEvent(new CaseCreateRequestEvent())) this.portalNavigator?.openCreate();
  };
}
