import { html, nothing, type TemplateResult } from 'lit';
import { statusLabel, type CaseRecord } from '@case-portal/core';
import type { RelatedCase } from './case-extras.js';
import type { DetailView } from './view.js';

/**
 * Links to related cases (merged, duplicates, follow-ups). A readable one shows number, subject
 * and status; one the viewer may not read (another account's) is named without a link.
 */
export function renderRelated(
  related: RelatedCase[] | undefined,
  v: DetailView,
  link: { href(c: CaseRecord): string | null; open(c: CaseRecord, e: Event): void },
): TemplateResult | typeof nothing {
  if (!related?.length) return nothing;
  const t = v.i18n.t.bind(v.i18n);
  return html`<section part="related" aria-labelledby="related-h">
    <h3 id="related-h">${t('detail.related')}</h3>
    <ul class="related">
      ${related.map(({ id, record: c }) => {
        if (!c) return html`<li class="hint">${t('detail.related.unavailable', { id })}</li>`;
        const href = link.href(c);
        const label = html`<span class="number">${c.number}</span> <span dir="auto">${c.subject}</span>`;
        return html`<li part="related-case">
          ${href
            ? html`<a href=${href} @click=${(e: Event) => link.open(c, e)}>${label}</a>`
            : html`<button type="button" class="link" @click=${(e: Event) => link.open(c, e)}>${label}</button>`}
          <span class="status" data-category=${c.status.category}>${statusLabel(c.status, v.schema)}</span>
        </li>`;
      })}
    </ul>
  </section>`;
}
