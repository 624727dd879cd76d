import { splitDuration, type Deadline } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';

export type DeadlineState = 'met' | 'overdue' | 'running';

export interface DeadlineView {
  state: DeadlineState;
  /** "Overdue by 2 days, 3 hours", "5 hours left", "Met". */
  text: string;
}

/** A readable duration in its two largest units, each through the catalog's plural rules. */
export function durationText(ms: number, i18n: I18n): string {
  const { days, hours, minutes } = splitDuration(ms);
  const parts: string[] = [];
  if (days) parts.push(i18n.t('detail.duration.days', { count: days }));
  if (hours && parts.length < 2) parts.push(i18n.t('detail.duration.hours', { count: hours }));
  if (!days && (minutes || parts.length === 0)) parts.push(i18n.t('detail.duration.minutes', { count: minutes }));
  return new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(parts);
}

export function deadlineView(d: Deadline, now: Date, i18n: I18n): DeadlineView {
  if (d.metAt) return { state: 'met', text: i18n.t('detail.deadlineMet') };
  const diff = Date.parse(d.dueAt) - now.getTime();
  if (diff < 0) return { state: 'overdue', text: i18n.t('detail.overdueBy', { duration: durationText(-diff, i18n) }) };
  return { state: 'running', text: i18n.t('detail.remaining', { duration: durationText(diff, i18n) }) };
}
