import { html, nothing, type TemplateResult } from 'lit';
import { formatNumber, type CaseView, type FieldFilter, type PortalSchema, type StatusCategory } from '@case-portal/core';
import type { MessageKey, Params } from '../i18n/i18n.js';
import { AWAITING_REPLY, type ListFilters } from './filters.js';

/**
 * The list's filter UI as plain render functions: the quick filters (the panel's controls are
 * filter-panel-controls.ts, loaded when the panel first opens; the active filters' chips are
 * active-filters.ts, loaded with them once a filter is on). State lives in the element; these only
 * show it and report changes.
 */

export interface FilterState {
  statuses: string[];
  categories: StatusCategory[];
  origins: string[];
  fields: Record<string, FieldFilter>;
  view: CaseView | '';
}

export interface FilterControls {
  t: (key: MessageKey, params?: Params) => string;
  locale: string;
  schema: PortalSchema;
  filters: ListFilters;
  state: FilterState;
  /** Per status id, for the query without its status filters. */
  counts: Record<string, number> | undefined;
  change: (next: Partial<FilterState>) => void;
  /** A box typed into: `next` applies like the keyword (each keystroke locally, after a pause remotely; `now`: Enter). */
  type: (next: () => Partial<FilterState>, now: boolean) => void;
  clearAll: () => void;
}

/** "Awaiting my reply": the one question customers come to a portal with. */
export function renderQuickFilters(x: FilterControls): TemplateResult | typeof nothing {
  if (!x.filters.awaitingReply) return nothing;
  const on = x.state.categories.length === 1 && x.state.categories[0] === AWAITING_REPLY;
  const count = x.counts
    ? x.schema.statuses.filter((s) => s.category === AWAITING_REPLY).reduce((n, s) => n + (x.counts![s.id] ?? 0), 0)
    : undefined;
  return html`<div part="quick-filters" class="quick-filters">
    <button
      type="button"
      part="quick-filter"
      class="chip toggle"
      data-filter="awaiting-reply"
      aria-pressed=${on ? 'true' : 'false'}
      @click=${() => x.change({ categories: on ? [] : [AWAITING_REPLY] })}
    >
      ${x.t('list.awaitingReply')}
      ${count === undefined ? nothing : html`<span class="count">${formatNumber(count, x.locale)}</span>`}
    </button>
  </div>`;
}
