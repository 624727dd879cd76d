import { html, nothing, type TemplateResult } from 'lit';
import type { CaseView } from '@case-portal/core';
import type { MessageKey, Params } from '../i18n/i18n.js';
import type { ListFilters } from './filters.js';

/** What the bar above the results renders with. */
export interface ToolbarView {
  t: (key: MessageKey, params?: Params) => string;
  filters: ListFilters;
  keywordDraft: string;
  view: CaseView | '';
  activeFilters: number;
  filtersOpen: boolean;
  onKeywordInput(e: Event): void;
  /** Enter, or the box's search event (its clear button): the keyword applies now. */
  onKeywordNow(): void;
  onViewChange(view: CaseView | ''): void;
  onToggleFilters(): void;
}

/** The search box, the view choice (when the schema has views) and the filter panel's toggle (when there are filters). */
export function renderToolbar(bar: ToolbarView): TemplateResult {
  const { t, filters } = bar;
  const hasPanel = filters.status || filters.origins.length > 0 || filters.fields.length > 0;
  return html`<div part="toolbar" class="toolbar" role="search" aria-label=${t('list.toolbar')}>
    <div class="field keyword">
      <label for="keyword">${t('list.keyword')}</label>
      <input
        id="keyword"
        part="keyword"
        type="search"
        autocomplete="off"
        placeholder=${t('list.keywordHint')}
        .value=${bar.keywordDraft}
        @input=${bar.onKeywordInput}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && bar.onKeywordNow()}
        @search=${bar.onKeywordNow}
      />
    </div>
    ${filters.views.length
      ? html`<div class="field">
          <label for="view">${t('list.view')}</label>
          <select id="view" part="view-filter" @change=${(e: Event) => bar.onViewChange((e.target as HTMLSelectElement).value as CaseView | '')}>
            <option value="" ?selected=${bar.view === ''}>${t('list.view.all')}</option>
            ${filters.views.map((v) => html`<option value=${v} ?selected=${bar.view === v}>${t(`list.view.${v}`)}</option>`)}
          </select>
        </div>`
      : nothing}
    ${hasPanel
      ? html`<button
          type="button"
          part="filters-toggle"
          class="filters-toggle"
          aria-expanded=${bar.filtersOpen ? 'true' : 'false'}
          aria-controls="filter-panel"
          @click=${bar.onToggleFilters}
        >
          ${t('list.filters.toggle', { count: bar.activeFilters })}
        </button>`
      : nothing}
  </div>`;
}
