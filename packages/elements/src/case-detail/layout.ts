import { html, type TemplateResult } from 'lit';
import { statusLabel, type CaseRecord } from '@case-portal/core';
import type { DetailPart } from './detail-template.js';
import type { DetailView } from './view.js';

/** The case's own words, as the customer wrote them (text, never HTML). */
export function renderDescription(c: CaseRecord, v: DetailView): TemplateResult {
  return html`<section part="description" aria-labelledby="description-h">
    <h3 id="description-h">${v.i18n.t('detail.description')}</h3>
    <p class="description" dir="auto">${c.description}</p>
  </section>`;
}

/**
 * The built-in layout, used when no details template is given: the title line, the stage bar,
 * then a main column (description, actions, feedback, conversation) and a side column (deadlines,
 * profile, people copied, files, related cases, history). A details template places the same sections itself.
 * The side column is two blocks around the main one in the DOM: on a phone (one column) the
 * summary (deadlines, profile, people copied) comes before the conversation, as it does for a screen reader
 * everywhere, and the long lists (files, related, history) after it; the grid puts both blocks
 * in the side column when there is room for two.
 */
export function renderBuiltInLayout(c: CaseRecord, parts: Record<DetailPart, unknown>, v: DetailView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  return html`<article aria-labelledby="title">
    <header part="header">
      <h2 id="title" part="title" tabindex="-1" dir="auto">${c.subject}</h2>
      <span class="number" part="number">${t('detail.label', { number: c.number })}</span>
      <span class="status" part="status" data-category=${c.status.category}>${statusLabel(c.status, v.schema)}</span>
    </header>
    ${parts.stages}
    <div class="layout">
      <div class="side summary" part="side summary">${parts.deadlines} ${parts.profile} ${parts.participants}</div>
      <div class="main" part="main">
        ${parts.description} ${parts.actions} ${parts.feedback}
        <div part="conversation" class="conversation">
          <h3>${t('detail.conversation')}</h3>
          ${parts.thread}
        </div>
      </div>
      <div class="side more" part="side more">${parts.files} ${parts.related} ${parts.history}</div>
    </div>
  </article>`;
}
