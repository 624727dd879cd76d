import { html, nothing, type TemplateResult } from 'lit';
import { formatList, formatNumber, splitDuration, type CaseRecord, type Deadline } from '@case-portal/core';
import type { I18n, MessageKey } from '../i18n/i18n.js';
import { timeText, type DetailView } from './view.js';

export type DeadlineState = 'met' | 'overdue' | 'running';

export interface DeadlineView {
  state: DeadlineState;
  /** "Overdue by 2 days, 3 hours", "5 hours left", "Met". */
  text: string;
}

/**
 * A readable duration in its two largest units ("2 days and 3 hours"), all through `Intl`: each unit
 * in the locale's own words and plural (NumberFormat's units), joined by its ListFormat, so an
 * Arabic page reads "يومان و٣ ساعات", never English units joined by an Arabic "and".
 */
export function durationText(ms: number, i18n: I18n): string {
  const { days, hours, minutes } = splitDuration(ms);
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    formatNumber(value, i18n.locale, { style: 'unit', unit: name, unitDisplay: 'long' });
  const parts: string[] = [];
  if (days) parts.push(unit(days, 'day'));
  if (hours && parts.length < 2) parts.push(unit(hours, 'hour'));
  if (!days && (minutes || parts.length === 0)) parts.push(unit(minutes, 'minute'));
  return formatList(parts, i18n.locale);
}

export function deadlineView(d: Deadline, now: Date, i18n: I18n): DeadlineView {
  if (d.metAt) return { state: 'met', text: i18n.t('detail.deadlineMet') };
  const diff = Date.parse(d.dueAt) - now.getTime();
  if (diff < 0) return { state: 'overdue', text: i18n.t('detail.overdueBy', { duration: durationText(-diff, i18n) }) };
  return { state: 'running', text: i18n.t('detail.remaining', { duration: durationText(diff, i18n) }) };
}

/**
 * Response and resolution deadlines, each with what is left or how late it is. The text says it
 * (colour only repeats it), so a screen reader hears "Resolution due: 10 March, 14:00, overdue by
 * 5 hours". It is not a live region: a countdown announced every 30 seconds would drown the page.
 */
export function renderDeadlines(c: CaseRecord, v: DetailView): TemplateResult | typeof nothing {
  const items: [MessageKey, Deadline][] = [];
  if (c.sla?.response) items.push(['detail.responseDue', c.sla.response]);
  if (c.sla?.resolution) items.push(['detail.resolutionDue', c.sla.resolution]);
  if (items.length === 0) return nothing;
  const t = v.i18n.t.bind(v.i18n);
  return html`<section part="deadlines" aria-labelledby="deadlines-h">
    <h3 id="deadlines-h">${t('detail.deadlines')}</h3>
    <dl>
      ${items.map(([label, d]) => {
        const view = deadlineView(d, v.now, v.i18n);
        return html`<dt>${t(label)}</dt>
          <dd class="deadline" part="deadline deadline-${view.state}" data-state=${view.state}>
            ${timeText(d.dueAt, v)}<span class="visually-hidden">,</span>
            <span class="remaining">${view.text}</span>
          </dd>`;
      })}
    </dl>
  </section>`;
}
