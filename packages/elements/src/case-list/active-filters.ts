import { html, nothing, type TemplateResult } from 'lit';
import { formatList, formatNumber, optionLabel, type FieldFilter } from '@case-portal/core';
import { AWAITING_REPLY, type FieldControl } from './filters.js';
import type { FilterControls } from './filter-panel.js';

/**
 * The active filters as removable chips. Only a list with a filter on shows them: they come with
 * the filter panel's controls (filter-panel-controls.ts re-exports them, one chunk in the single
 * file), and the list stays `aria-busy` while that loads (case-list.ts).
 */

/** Every active filter as a chip that removes it, plus "clear all": what is filtered is always visible. */
export function renderActiveFilters(x: FilterControls): TemplateResult | typeof nothing {
  const chips = activeChips(x);
  if (!chips.length) return nothing;
  return html`<ul part="active-filters" class="active-filters" aria-label=${x.t('list.activeFilters')}>
    ${chips.map(
      (c) => html`<li>
        <button
          type="button"
          part="filter-chip"
          class="chip"
          aria-label=${x.t('list.filter.remove', { filter: c.text })}
          @click=${c.remove}
        >
          ${c.text}<span aria-hidden="true" class="remove">×</span>
        </button>
      </li>`,
    )}
    <li>
      <button type="button" part="clear-filters" class="link" @click=${x.clearAll}>${x.t('list.clearAll')}</button>
    </li>
  </ul>`;
}

interface Chip {
  text: string;
  remove: () => void;
}

function activeChips(x: FilterControls): Chip[] {
  const { state, schema, filters } = x;
  const list = (values: string[]) => formatList(values, x.locale, 'disjunction');
  const chip = (label: string, value: string, remove: () => void): Chip => ({
    text: x.t('list.filter.chip', { label, value }),
    remove,
  });
  const chips: Chip[] = [];
  if (state.categories.length) {
    const awaiting = state.categories.length === 1 && state.categories[0] === AWAITING_REPLY;
    chips.push({
      text: awaiting ? x.t('list.awaitingReply') : list(state.categories.map((c) => x.t(`category.${c}`))),
      remove: () => x.change({ categories: [] }),
    });
  }
  if (state.statuses.length) {
    const labels = state.statuses.map((id) => schema.statuses.find((s) => s.id === id)?.label ?? id);
    chips.push(chip(x.t('list.status'), list(labels), () => x.change({ statuses: [] })));
  }
  if (state.origins.length) {
    chips.push(chip(x.t('list.origin'), list(state.origins.map((o) => optionLabel(schema.origins, o))), () => x.change({ origins: [] })));
  }
  for (const [key, f] of Object.entries(state.fields)) {
    const control = filters.fields.find((c) => c.key === key);
    const label = control?.label ?? key;
    const remove = () => {
      const fields = { ...state.fields };
      delete fields[key];
      x.change({ fields });
    };
    chips.push(chip(label, describeFilter(x, control, f), remove));
  }
  return chips;
}

function describeFilter(x: FilterControls, control: FieldControl | undefined, f: FieldFilter): string {
  const options = control?.kind === 'choice' ? control.options : [];
  const fmt = (v: string | number | null | undefined) =>
    v == null || v === '' ? '' : typeof v === 'number' ? formatNumber(v, x.locale) : String(v);
  switch (f.op) {
    case 'in':
      return formatList(f.values.map((v) => optionLabel(options, v)), x.locale, 'disjunction');
    case 'eq':
      return typeof f.value === 'boolean' ? x.t(f.value ? 'common.yes' : 'common.no') : optionLabel(options, String(f.value));
    case 'contains':
      return x.t('list.filter.contains', { value: f.value });
    case 'range':
      if (f.from != null && f.from !== '' && f.to != null && f.to !== '') return x.t('list.filter.between', { from: fmt(f.from), to: fmt(f.to) });
      if (f.from != null && f.from !== '') return x.t('list.filter.since', { from: fmt(f.from) });
      return x.t('list.filter.until', { to: fmt(f.to) });
  }
}
