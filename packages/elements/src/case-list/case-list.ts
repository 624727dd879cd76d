import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import {
  formatNumber,
  isAbortError,
  toAdapterError,
  type AdapterError,
  type CaseQuery,
  type CaseRecord,
  type CaseView,
  type PortalSchema,
  type SortSpec,
  type Viewer,
} from '@case-portal/core';
import { CaseElement, type PortalSetup } from '../shared/case-element.js';
import { CaseCreateRequestEvent, CaseQueryChangeEvent, CaseSelectEvent } from '../events.js';
import type { MessageKey } from '../i18n/i18n.js';
import { buildColumns, parseColumnKeys, type ListColumn } from './columns.js';
import { listStyles } from './case-list.styles.js';

/** Newest activity first: what a customer checks the list for. */
const DEFAULT_SORT: SortSpec = { key: 'updatedAt', dir: 'desc' };
const DEFAULT_COLUMNS = ['number', 'subject', 'status', 'updatedAt'];
/** Long enough to skip the requests of a word being typed, short enough to feel live. */
const KEYWORD_DEBOUNCE_MS = 200;

const VIEW_LABELS: Record<CaseView, MessageKey> = {
  mine: 'list.view.mine',
  account: 'list.view.account',
  linked: 'list.view.linked',
};

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
 * The viewer's cases as a sortable, filterable table, one page at a time.
 *
 * @fires case-select - a case was chosen (cancelable: prevent it to stop the portal from opening it)
 * @fires case-query-change - sort, filters, keyword, view or page changed through the UI
 * @fires case-create-request - "New case" in the empty state (cancelable)
 * @fires case-error - loading failed; detail.message is what the list shows
 * @csspart toolbar, view-filter, keyword, status-filter, results, table, caption, header, header-{key},
 *   sort-button, row, cell, cell-{key}, open, status, loading, summary, pager, load-more, empty,
 *   new-case, clear-filters, error, retry
 */
export class CaseList extends CaseElement {
  static override styles = [...CaseElement.styles, listStyles];

  /** Column keys in order (built-in keys or custom field keys); attribute: "number, subject, status". Default: schema.columns. */
  @property({ converter: { fromAttribute: parseColumnKeys } }) columns?: string[];

  /** Rows per request. Default: the schema's limits.pageSize. */
  @property({ type: Number, attribute: 'page-size' }) pageSize?: number;

  /**
   * The starting query (view, keyword, statuses, sort and any filter the UI has no control for,
   * such as origins or custom fields). Setting it resets the list's own sort and filters to it.
   */
  @property({ attribute: false }) query?: Partial<CaseQuery>;

  @state() private sort: SortSpec = DEFAULT_SORT;
  /** The keyword the list is filtered by; `keywordDraft` is what is in the box, applied after a pause. */
  @state() private keyword = '';
  @state() private keywordDraft = '';
  @state() private statuses: string[] = [];
  @state() private view: CaseView | '' = '';
  /** The page being loaded on top of the loaded rows; null = first page. */
  @state() private cursor: string | null = null;

  private lastResult?: ListResult;
  private keywordTimer?: ReturnType<typeof setTimeout>;
  /** Index of the first row of a page loaded by keyboard: focus moves there instead of the page top. */
  private focusRow: number | null = null;
  private columnCache?: { sig: string; schema: PortalSchema; columns: ListColumn[] };

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
          items: before.concat(page.items.filter((c) => !seen.has(c.id))),
          total: page.total,
          nextCursor: page.nextCursor,
          statusCounts: page.statusCounts,
        };
      } catch (e) {
        // Stale work (aborted, or an adapter that ignored the signal) is neither shown nor reported.
        if (isAbortError(e) || signal.aborted) throw e;
        throw new ListFailure(toAdapterError(e), this.reportError(e, 'list', setup.schema), !!query.cursor);
      }
    },
    args: () => [this.setup.value, this.currentQuery()] as const,
    // Queries are rebuilt on every update: compare by content, the setup by identity.
    argsEqual: ([s1, q1], [s2, q2]) => s1 === s2 && JSON.stringify(q1) === JSON.stringify(q2),
    onComplete: (result) => {
      this.lastResult = result;
    },
  });

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
    if (changed.has('query')) {
      // Programmatic: the UI follows the new query silently (no case-query-change).
      const q = this.query ?? {};
      this.sort = q.sort ?? DEFAULT_SORT;
      this.keyword = this.keywordDraft = q.keyword ?? '';
      this.statuses = q.statuses ?? [];
      this.view = q.view ?? '';
      this.cursor = q.cursor ?? null;
    }
    if (changed.has('pageSize') && changed.get('pageSize') !== undefined) this.cursor = null;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusRow !== null && this.list.status === TaskStatus.COMPLETE) {
      const open = this.renderRoot.querySelectorAll<HTMLElement>('[part~="open"]')[this.focusRow];
      this.focusRow = null;
      open?.focus();
    }
  }

  /** The query as the adapter gets it: the host's starting query overlaid with the UI's state. */
  private currentQuery(): CaseQuery {
    const limit = this.pageSize ?? this.setup.value?.schema.limits.pageSize;
    const q: CaseQuery = {
      ...this.query,
      view: this.view || undefined,
      keyword: this.keyword || undefined,
      statuses: this.statuses.length ? this.statuses : undefined,
      sort: this.sort,
      cursor: this.cursor,
      limit: limit && limit > 0 ? limit : undefined,
    };
    // Undefined keys would reach REST query strings and make equal queries compare unequal.
    for (const k of Object.keys(q) as (keyof CaseQuery)[]) if (q[k] === undefined) delete q[k];
    return q;
  }

  /** A change the user made: back to page one, and tell the host. */
  private changeQuery(apply: () => void): void {
    apply();
    this.cursor = null;
    this.dispatchEvent(new CaseQueryChangeEvent(this.currentQuery()));
  }

  private columnsFor(setup: PortalSetup): ListColumn[] {
    const keys = this.columns ?? (setup.schema.columns.length ? setup.schema.columns : DEFAULT_COLUMNS);
    const sig = `${keys.join(',')}|${this.i18n.locale}|${setup.viewer.timeZone ?? ''}`;
    const cache = this.columnCache;
    if (cache && cache.sig === sig && cache.schema === setup.schema) return cache.columns;
    const columns = buildColumns(keys, setup.schema, this.i18n, setup.viewer.timeZone);
    this.columnCache = { sig, schema: setup.schema, columns };
    return columns;
  }

  protected override render(): unknown {
    return this.renderWithSetup((setup) => {
      const failure = this.list.status === TaskStatus.ERROR ? toFailure(this.list.error) : undefined;
      const pending = this.list.status === TaskStatus.PENDING || this.list.status === TaskStatus.INITIAL;
      // Rows stay while the next result loads (no flash, no layout jump); a failed reload hides them.
      const result = failure && !failure.append ? undefined : this.lastResult;
      return html`
        ${this.renderToolbar(setup, result)}
        <div part="results" class="results" aria-busy=${pending ? 'true' : 'false'}>
          ${failure && !failure.append
            ? this.renderError(failure)
            : result && result.total === 0 && result.items.length === 0
              ? this.renderEmpty(setup)
              : this.renderTable(setup, result)}
        </div>
        <p part="summary" class="summary hint" role="status" aria-live="polite">
          ${result ? this.summaryText(result) : nothing}
        </p>
        ${failure?.append ? this.renderError(failure) : nothing} ${this.renderPager(result, pending)}
      `;
    });
  }

  private renderToolbar(setup: PortalSetup, result: ListResult | undefined): TemplateResult {
    const counts = result?.statusCounts;
    const selected = this.statuses.length === 1 ? this.statuses[0] : '';
    const fmt = (n: number) => formatNumber(n, this.i18n.locale);
    return html`<div part="toolbar" class="toolbar" role="search" aria-label=${this.t('list.toolbar')}>
      ${this.renderViewFilter(setup.schema, setup.viewer)}
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
      <div class="field">
        <label for="status">${this.t('list.status')}</label>
        <select id="status" part="status-filter" @change=${this.onStatusChange}>
          <option value="" ?selected=${selected === ''}>${this.t('list.status.all')}</option>
          ${setup.schema.statuses.map(
            (s) =>
              html`<option value=${s.id} ?selected=${selected === s.id}>
                ${counts ? this.t('list.status.option', { label: s.label, count: fmt(counts[s.id] ?? 0) }) : s.label}
              </option>`,
          )}
        </select>
      </div>
    </div>`;
  }

  /** Supervisors (read-account) choose whose cases to see; everyone else sees their own and linked ones. */
  private renderViewFilter(schema: PortalSchema, viewer: Viewer): TemplateResult | typeof nothing {
    if (!viewer.permissions.includes('read-account')) return nothing;
    return html`<div class="field">
      <label for="view">${this.t('list.view')}</label>
      <select id="view" part="view-filter" @change=${this.onViewChange}>
        <option value="" ?selected=${this.view === ''}>${this.t('list.view.all')}</option>
        ${schema.views.map(
          (v) => html`<option value=${v} ?selected=${this.view === v}>${this.t(VIEW_LABELS[v])}</option>`,
        )}
      </select>
    </div>`;
  }

  private renderTable(setup: PortalSetup, result: ListResult | undefined): TemplateResult {
    const columns = this.columnsFor(setup);
    // One control per row opens the case: on the subject when shown (the most telling text), else the number.
    const openKey = columns.find((c) => c.key === 'subject')?.key ?? columns.find((c) => c.key === 'number')?.key ?? columns[0]?.key;
    return html`<table part="table">
      <caption part="caption" class="visually-hidden">${this.t('list.label')}</caption>
      <thead>
        <tr>
          ${columns.map((col) => this.renderHeader(col))}
        </tr>
      </thead>
      <tbody>
        ${result
          ? repeat(
              result.items,
              (c) => c.id,
              (c) => html`<tr part="row" data-id=${c.id}>
                ${columns.map((col) => this.renderCell(col, c, col.key === openKey))}
              </tr>`,
            )
          : html`<tr>
              <td part="loading" class="hint" colspan=${columns.length || 1}>${this.t('list.loading')}</td>
            </tr>`}
      </tbody>
    </table>`;
  }

  private renderHeader(col: ListColumn): TemplateResult {
    if (!col.sortable) {
      return html`<th scope="col" part="header header-${col.key}">${col.label}</th>`;
    }
    const dir = this.sort.key === col.key ? this.sort.dir : null;
    const ariaSort = dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';
    return html`<th scope="col" part="header header-${col.key}" aria-sort=${ariaSort}>
      <button type="button" part="sort-button" class="sort" data-key=${col.key} @click=${() => this.onSort(col)}>
        ${col.label}<span class="sort-icon" aria-hidden="true"></span>
      </button>
    </th>`;
  }

  private renderCell(col: ListColumn, c: CaseRecord, open: boolean): TemplateResult {
    const content =
      col.key === 'status'
        ? html`<span part="status" class="status" data-category=${c.status.category}>${c.status.label}</span>`
        : col.text(c);
    return html`<td part="cell cell-${col.key}" class="cell-${col.key}">
      ${open
        ? html`<button type="button" part="open" class="link open" @click=${() => this.select(c.id)}>${content}</button>`
        : content}
    </td>`;
  }

  private renderEmpty(setup: PortalSetup): TemplateResult {
    const filtered = !!(this.keyword || this.statuses.length);
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
    // Retrying cannot grant a permission: no button for "forbidden".
    const retry = failure.error.code !== 'forbidden';
    return html`<div part="error" class="error" role="alert">
      <span>${failure.shown}</span>
      ${retry
        ? html`<button type="button" part="retry" @click=${() => void this.list.run()}>${this.t('common.retry')}</button>`
        : nothing}
    </div>`;
  }

  private renderPager(result: ListResult | undefined, pending: boolean): TemplateResult | typeof nothing {
    const loadingMore = pending && this.cursor !== null;
    if (!result?.nextCursor && !loadingMore) return nothing;
    return html`<div part="pager" class="pager">
      <button type="button" part="load-more" ?disabled=${loadingMore} @click=${this.loadMore}>
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
    this.keywordTimer = setTimeout(() => this.applyKeyword(), KEYWORD_DEBOUNCE_MS);
  }

  private onKeywordKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter') this.applyKeyword();
  }

  private applyKeyword(): void {
    clearTimeout(this.keywordTimer);
    const keyword = this.keywordDraft.trim();
    if (keyword === this.keyword) return;
    this.changeQuery(() => (this.keyword = keyword));
  }

  private onStatusChange(e: Event): void {
    const id = (e.target as HTMLSelectElement).value;
    this.changeQuery(() => (this.statuses = id ? [id] : []));
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
    });
    // The button that had focus is gone with the empty state: continue in the search box.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#keyword')?.focus());
  }

  private loadMore(): void {
    const result = this.lastResult;
    if (!result?.nextCursor) return;
    // Keep keyboard users in place: the button may vanish on the last page.
    if (this.renderRoot.querySelector('[part~="load-more"]') === (this.renderRoot as ShadowRoot).activeElement) {
      this.focusRow = result.items.length;
    }
    this.cursor = result.nextCursor;
    this.dispatchEvent(new CaseQueryChangeEvent(this.currentQuery()));
  }

  private select(caseId: string): void {
    const event = new CaseSelectEvent(caseId);
    if (this.dispatchEvent(event)) this.portalNavigator?.openCase(caseId);
  }

  private requestCreate(): void {
    if (this.dispatchEvent(new CaseCreateRequestEvent())) this.portalNavigator?.openCreate();
  }
}

/** The query's identity without paging: pages with the same key belong to one result. */
function pageKey(q: CaseQuery): string {
  const { cursor: _cursor, ...rest } = q;
  return JSON.stringify(rest);
}

function toFailure(e: unknown): ListFailure | undefined {
  return e instanceof ListFailure ? e : undefined;
}
