import { html, type TemplateResult } from 'lit';
import { formatDate, type PortalSchema } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';

/** What every section of the case view renders with: text, the viewer's time zone, one "now". */
export interface DetailView {
  i18n: I18n;
  /** The schema in the element's language, for the labels a case carries by id (its status). */
  schema?: PortalSchema;
  timeZone?: string | undefined;
  now: Date;
}

/** A date and time as text, with the machine-readable value beside it. */
export function timeText(iso: string, v: DetailView, style: 'date' | 'datetime' = 'datetime'): TemplateResult {
  return html`<time datetime=${iso}>${formatDate(iso, v.i18n.locale, style, v.timeZone)}</time>`;
}
