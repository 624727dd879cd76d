import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey, Params } from '../i18n/i18n.js';

type T = (key: MessageKey, params?: Params) => string;

/** "Showing 25 of 120" (or "120 cases" when all are loaded): the summary's text. */
export function summaryText(t: T, shown: number, total: number): string {
  return shown >= total ? t('list.summary.all', { total }) : t('list.summary.some', { shown, total });
}

/** "Load more" while there is a next page (disabled, "Loading…", while it loads). */
export function renderPager(t: T, hasNext: boolean, loadingMore: boolean, onLoadMore: () => void): TemplateResult | typeof nothing {
  if (!hasNext && !loadingMore) return nothing;
  return html`<div part="pager" class="pager">
    <button type="button" part="load-more" ?disabled=${loadingMore} @click=${onLoadMore}>
      ${t(loadingMore ? 'list.loadingMore' : 'list.loadMore')}
    </button>
  </div>`;
}

/** No cases: filtered ones offer to clear the filters, a viewer who may create one gets "New case". */
export function renderEmpty(t: T, narrowed: boolean, canCreate: boolean, on: { clear(): void; create(): void }): TemplateResult {
  return html`<div part="empty" class="empty">
    <p>${t(narrowed ? 'list.emptyFiltered' : 'list.empty')}</p>
    <div class="actions">
      ${narrowed ? html`<button type="button" part="clear-filters" @click=${on.clear}>${t('list.clearFilters')}</button>` : nothing}
      ${canCreate ? html`<button type="button" part="new-case" class="primary" @click=${on.create}>${t('list.newCase')}</button>` : nothing}
    </div>
  </div>`;
}
