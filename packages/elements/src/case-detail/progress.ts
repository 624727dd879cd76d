import { html, nothing, type TemplateResult } from 'lit';
import { currentStageIndex, type CaseRecord, type PortalSchema, type StatusChange } from '@case-portal/core';
import { timeText, type DetailView } from './view.js';
import { renderFailureBox } from '../shared/failure.js';

/**
 * The schema's workflow stages as an ordered list, the current one marked with aria-current and
 * every stage's state said in words (not only by colour or position). A stage before the current
 * one is drawn only when the history shows the case was in it: a case solved without ever waiting
 * on the customer has no "Waiting on you" marked done. Until the history arrives (or when it cannot
 * be read), the past is left out rather than guessed.
 */
export function renderStages(c: CaseRecord, schema: PortalSchema, v: DetailView, history: StatusChange[] | undefined): TemplateResult | typeof nothing {
  if (schema.stages.length === 0) return nothing;
  const t = v.i18n.t.bind(v.i18n);
  const current = currentStageIndex(schema, c);
  const visited = new Set((history ?? []).flatMap((h) => (h.from ? [h.from.category, h.to.category] : [h.to.category])));
  const drawn = schema.stages
    .map((stage, i) => ({ stage, i }))
    .filter(({ stage, i }) => current < 0 || i >= current || stage.categories.some((category) => visited.has(category)));
  return html`<ol part="stages" class="stages" aria-label=${t('detail.progress')}>
    ${drawn.map(({ stage, i }) => {
      const state = current < 0 ? 'upcoming' : i < current ? 'done' : i === current ? 'current' : 'upcoming';
      return html`<li part="stage stage-${state}" data-state=${state} aria-current=${state === 'current' ? 'step' : 'false'}>
        <span class="marker" aria-hidden="true"></span>
        <span class="stage-label">${stage.label}</span>
        <span class="visually-hidden">(${t(`detail.stage.${state}`)})</span>
      </li>`;
    })}
  </ol>`;
}

/** Status changes, newest first: what happened, when, by whom, and why when the backend says. */
export function renderHistory(
  history: StatusChange[] | undefined,
  v: DetailView,
  state: { loading: boolean; error: string; retry: () => void; retryAt?: number | undefined },
): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  let body: unknown;
  if (state.error) {
    body = renderFailureBox(state.error, { retry: state.retry, retryLabel: t('common.retry'), part: 'history-error', retryAt: state.retryAt });
  } else if (!history) {
    body = html`<p class="hint" role="status">${t('common.loading')}</p>`;
  } else {
    body = html`<ol part="history" class="history">
      ${[...history].reverse().map(
        (h) => html`<li part="history-entry">
          <span class="history-status">
            ${h.from
              ? t('detail.history.change', { from: h.from.label, to: h.to.label })
              : t('detail.history.created', { to: h.to.label })}
          </span>
          <span class="hint">
            ${timeText(h.at, v)}${h.by && h.by.role !== 'system' ? html` · ${t('detail.history.by', { name: h.by.name })}` : nothing}
          </span>
          ${h.reason ? html`<span class="history-reason">${t('detail.history.reason', { reason: h.reason })}</span>` : nothing}
        </li>`,
      )}
    </ol>`;
  }
  return html`<section part="progress" aria-labelledby="history-h" aria-busy=${state.loading ? 'true' : 'false'}>
    <h3 id="history-h">${t('detail.history')}</h3>
    ${body}
  </section>`;
}
