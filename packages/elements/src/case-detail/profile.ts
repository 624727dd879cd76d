import { html, nothing, type TemplateResult } from 'lit';
import { optionLabel, statusLabel, type CaseRecord, type PortalSchema } from '@case-portal/core';
import type { MessageKey } from '../i18n/i18n.js';
import { formatFieldValue } from '../shared/field-format.js';
import { durationText } from './deadlines.js';
import { timeText, type DetailView } from './view.js';

/** The case's age: until it was closed, or until now. */
export function caseAge(c: CaseRecord, v: DetailView): string {
  const end = c.closedAt ? Date.parse(c.closedAt) : v.now.getTime();
  return durationText(Math.max(0, end - Date.parse(c.createdAt)), v.i18n);
}

/** The backend's label, and what it means when the label doesn't say it ("In Progress (Awaiting your reply)"). */
function statusWithCategory(c: CaseRecord, schema: PortalSchema, t: DetailView['i18n']['t']): TemplateResult {
  const meaning = t(`category.${c.status.category}`);
  const label = statusLabel(c.status, schema);
  const same = meaning.localeCompare(label, undefined, { sensitivity: 'accent' }) === 0;
  return html`<span class="status" data-category=${c.status.category}>${label}</span>${same
      ? nothing
      : html` <span class="hint">(${meaning})</span>`}`;
}

/** Every built-in value the case has, then the custom fields the schema shows in the case view. */
export function renderProfile(c: CaseRecord, schema: PortalSchema, v: DetailView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  const row = (label: MessageKey, value: unknown, key: string) =>
    value === '' || value == null ? nothing : html`<dt>${t(label)}</dt><dd data-key=${key} dir="auto">${value}</dd>`;
  const custom = schema.fields.filter((f) => f.inDetail);
  return html`<section part="profile" aria-labelledby="profile-h">
    <h3 id="profile-h">${t('detail.details')}</h3>
    <dl>
      ${row('detail.number', c.number, 'number')}
      ${row('detail.status', statusWithCategory(c, schema, t), 'status')}
      ${row('detail.origin', optionLabel(schema.origins, c.origin), 'origin')}
      ${row('detail.owner', c.owner?.name ?? t('detail.unassigned'), 'owner')}
      ${row('detail.requester', c.requester.name, 'requester')} ${row('detail.account', c.account?.name, 'account')}
      ${row('detail.priority', optionLabel(schema.priorities, c.priority), 'priority')}
      ${row('detail.category', optionLabel(schema.categories, c.category), 'category')}
      ${row('detail.service', optionLabel(schema.services, c.service), 'service')}
      ${row('detail.createdAt', timeText(c.createdAt, v), 'createdAt')}
      ${row('detail.updatedAt', timeText(c.updatedAt, v), 'updatedAt')}
      ${c.closedAt ? row('detail.closedAt', timeText(c.closedAt, v), 'closedAt') : nothing}
      ${row('detail.age', caseAge(c, v), 'age')}
      ${custom.map((f) => {
        const text = formatFieldValue(f, c.fields[f.key], v.i18n);
        return text ? html`<dt>${f.label}</dt><dd data-key=${`fields.${f.key}`} dir="auto">${text}</dd>` : nothing;
      })}
    </dl>
  </section>`;
}
