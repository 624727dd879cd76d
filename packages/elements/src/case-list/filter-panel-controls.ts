import { html, nothing, type TemplateResult } from 'lit';
import { formatNumber, type FieldFilter } from '@case-portal/core';
import { isActiveFilter, type FieldControl } from './filters.js';
import type { FilterControls } from './filter-panel.js';
import { listPanel } from '../i18n/en/list-panel.js';
import { addMessages } from '../i18n/en.js';

export { filterPanelStyles } from './filter-panel.styles.js';
// The chips of the filters that are on: a list with none never needs them (see active-filters.ts).
export { renderActiveFilters } from './active-filters.js';

// The panel's text joins the English catalog when its code loads (i18n/en.ts).
addMessages(listPanel);

/**
 * The filter panel's controls (status and origin checkboxes, one control per filterable field).
 * Most visits never open the panel: in the single file this module is a chunk of its own, which
 * the list fetches when the panel first opens (case-list.ts), with the panel's styles and text.
 */

export function renderFilterPanel(x: FilterControls): TemplateResult {
  const { filters, state } = x;
  return html`<div part="filter-panel" id="filter-panel" class="filter-panel" role="group" aria-label=${x.t('list.filters')}>
    ${filters.status
      ? checkboxGroup(
          'status',
          x.t('list.status'),
          x.schema.statuses.map((s) => ({
            value: s.id,
            label: x.counts ? x.t('list.status.option', { label: s.label, count: formatNumber(x.counts[s.id] ?? 0, x.locale) }) : s.label,
          })),
          state.statuses,
          (statuses) => x.change({ statuses }),
        )
      : nothing}
    ${filters.origins.length
      ? checkboxGroup('origin', x.t('list.origin'), filters.origins, state.origins, (origins) => x.change({ origins }))
      : nothing}
    ${filters.fields.map((control) => fieldControl(x, control))}
  </div>`;
}

function checkboxGroup(
  id: string,
  legend: string,
  options: { value: string; label: string }[],
  selected: string[],
  onChange: (values: string[]) => void,
): TemplateResult {
  const toggle = (value: string, checked: boolean) => {
    const set = new Set(selected);
    if (checked) set.add(value);
    else set.delete(value);
    // Option order, not click order: the same filter always reads (and encodes) the same way.
    onChange(options.map((o) => o.value).filter((v) => set.has(v)));
  };
  return html`<fieldset part="filter-group" class="filter-group" data-filter=${id}>
    <legend>${legend}</legend>
    ${options.map(
      (o) => html`<label class="check">
        <input
          type="checkbox"
          .checked=${selected.includes(o.value)}
          value=${o.value}
          @change=${(e: Event) => toggle(o.value, (e.target as HTMLInputElement).checked)}
        />
        ${o.label}
      </label>`,
    )}
  </fieldset>`;
}

function fieldControl(x: FilterControls, control: FieldControl): TemplateResult {
  const current = x.state.fields[control.key];
  // Handlers read the state when they run: two changes before a render must not undo each other.
  const latest = () => x.state.fields[control.key];
  const withField = (next: FieldFilter | undefined) => {
    const fields = { ...x.state.fields };
    if (next) fields[control.key] = next;
    else delete fields[control.key];
    return { fields };
  };
  const set = (next: FieldFilter | undefined) => x.change(withField(next));
  // Typing filters like the keyword box does; Enter (or leaving the box) applies what is there at once.
  const typed = (e: Event, now: boolean) => {
    const value = (e.target as HTMLInputElement).value;
    x.type(() => withField(controlFilter(control, latest(), { value })), now);
  };
  const id = `filter-${control.key}`;
  switch (control.kind) {
    case 'choice': {
      const selected = current?.op === 'in' ? current.values : current?.op === 'eq' ? [String(current.value)] : [];
      return checkboxGroup(control.key, control.label, control.options, selected, (values) =>
        set(values.length ? { op: 'in', values } : undefined),
      );
    }
    case 'checkbox':
      return html`<fieldset part="filter-group" class="filter-group" data-filter=${control.key}>
        <legend>${control.label}</legend>
        <label class="check">
          <input
            type="checkbox"
            .checked=${current?.op === 'eq' && current.value === true}
            @change=${(e: Event) => set(controlFilter(control, latest(), { checked: (e.target as HTMLInputElement).checked }))}
          />
          ${x.t('list.filter.only', { label: control.label })}
        </label>
      </fieldset>`;
    case 'text':
      return html`<div part="filter-group" class="filter-group field" data-filter=${control.key}>
        <label for=${id}>${control.label}</label>
        <input
          id=${id}
          type="search"
          autocomplete="off"
          .value=${current?.op === 'contains' ? current.value : ''}
          @input=${(e: Event) => typed(e, false)}
          @change=${(e: Event) => typed(e, true)}
        />
      </div>`;
    case 'date-range':
    case 'number-range': {
      const type = control.kind === 'date-range' ? 'date' : 'number';
      const range = current?.op === 'range' ? current : undefined;
      const bound = (which: 'from' | 'to') => html`<label class="bound">
        <span>${x.t(which === 'from' ? 'list.filter.from' : 'list.filter.to')}</span>
        <input
          type=${type}
          .value=${range?.[which] == null ? '' : String(range[which])}
          aria-label=${x.t(which === 'from' ? 'list.filter.fromLabel' : 'list.filter.toLabel', { label: control.label })}
          @change=${(e: Event) => set(controlFilter(control, latest(), { value: (e.target as HTMLInputElement).value, bound: which }))}
        />
      </label>`;
      return html`<fieldset part="filter-group" class="filter-group range" data-filter=${control.key}>
        <legend>${control.label}</legend>
        ${bound('from')} ${bound('to')}
      </fieldset>`;
    }
  }
}

// Here, not in filters.ts: only the panel's controls change a field filter (this file is their chunk).
/** The filter a control's new input value makes, or undefined to drop it. */
export function controlFilter(
  control: FieldControl,
  previous: FieldFilter | undefined,
  input: { value?: string; checked?: boolean; bound?: 'from' | 'to'; option?: string },
): FieldFilter | undefined {
  let next: FieldFilter;
  switch (control.kind) {
    case 'choice': {
      const values = new Set(previous?.op === 'in' ? previous.values : []);
      if (input.checked) values.add(input.option!);
      else values.delete(input.option!);
      // Schema order, not click order: the same filter always reads (and encodes) the same way.
      next = { op: 'in', values: control.options.map((o) => o.value).filter((v) => values.has(v)) };
      break;
    }
    case 'text':
      next = { op: 'contains', value: input.value ?? '' };
      break;
    case 'checkbox':
      next = { op: 'eq', value: !!input.checked };
      break;
    case 'date-range':
    case 'number-range': {
      const range = previous?.op === 'range' ? previous : { op: 'range' as const };
      const raw = input.value ?? '';
      const value = control.kind === 'number-range' && raw !== '' ? Number(raw) : raw;
      if (typeof value === 'number' && !Number.isFinite(value)) return previous;
      next = { ...range, [input.bound ?? 'from']: value === '' ? null : value };
      break;
    }
  }
  return isActiveFilter(next) ? next : undefined;
}
