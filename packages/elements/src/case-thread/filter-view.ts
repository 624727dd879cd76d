import { html, type TemplateResult } from 'lit';
import type { I18n } from '../i18n/i18n.js';
import { THREAD_FILTERS, type ThreadFilter } from './messages.js';

/** All / comments / emails: a native radio group (arrow keys, one tab stop) styled as a segmented control. */
export function renderFilter(i18n: I18n, current: ThreadFilter, onChange: (filter: ThreadFilter) => void): TemplateResult {
  return html`<fieldset part="filter" class="filter">
    <legend class="visually-hidden">${i18n.t('thread.filter.label')}</legend>
    ${THREAD_FILTERS.map(
      (f) => html`<label part="filter-option" class="filter-option">
        <input type="radio" name="thread-filter" value=${f} .checked=${current === f} @change=${() => onChange(f)} />
        <span>${i18n.t(`thread.filter.${f}`)}</span>
      </label>`,
    )}
  </fieldset>`;
}
