import { html, nothing, type TemplateResult } from 'lit';
import { currentStageIndex, statusLabel, isParticipantChange, isStatusChange, type CaseRecord, type HistoryEntry, type ParticipantChange, type PortalSchema, type StatusChange } from '@case-portal/core';
import { timeText, type DetailView } from './view.js';
import { renderFailureBox } from '../shared/failure.js';

/**
 * The schema's workflow stages as an ordered list, the current one marked with aria-current and
 * every stage's state said in words (not only by colour or position). A stage before the current
 * one is drawn only when the history shows the case was in it: a case solved without ever waiting
 * on the customer has no "Waiting on you" marked done. Until the history arrives (or when it cannot
 * be read), the past is left out rather than guessed.
 */
export function renderStages(c: CaseRecord, schema: PortalSchema, v: DetailView, history: HistoryEntry[] | undefined): TemplateResult | typeof nothing {
  if (schema.stages.length === 0) return nothing;
  const t = v.i18n.t.bind(v.i18n);
  const current = currentStageIndex(schema, c);
  // Only status entries say where the case has been; who was copied when says nothing about stages.
  const visited = new Set((history ?? []).filter(isStatusChange).flatMap((h) => (h.from ? [h.from.category, h.to.category] : [h.to.category])));
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

/**
 * The history, newest first: status changes (what happened, when, by whom, and why when the backend
 * says) and who copied whom on the case. An entry of a kind this version does not know is left out.
 */
export function renderHistory(
  history: HistoryEntry[] | undefined,
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
    const known = history.filter((h) => isStatusChange(h) || isParticipantChange(h));
    body = html`<ol part="history" class="history">
      ${known.reverse().map((h) => (isStatusChange(h) ? statusEntry(h, v) : participantEntry(h as ParticipantChange, v)))}
    </ol>`;
  }
  return html`<section part="progress" aria-labelledby="history-h" aria-busy=${state.loading ? 'true' : 'false'}>
    <h3 id="history-h">${t('detail.history')}</h3>
    ${body}
  </section>`;
}

function statusEntry(h: StatusChange, v: DetailView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  return html`<li part="history-entry" data-kind="status">
    <span class="history-status">
      ${h.from
        ? t('detail.history.change', { from: statusLabel(h.from, v.schema), to: statusLabel(h.to, v.schema) })
        : t('detail.history.created', { to: statusLabel(h.to, v.schema) })}
    </span>
    <span class="hint">
      ${timeText(h.at, v)}${h.by && h.by.role !== 'system' ? html` · ${t('detail.history.by', { name: h.by.name })}` : nothing}
    </span>
    ${h.reason ? html`<span class="history-reason">${t('detail.history.reason', { reason: h.reason })}</span>` : nothing}
  </li>`;
}

/** "Alex Morgan added Priya Shah": names only, as the backend gave them (addresses are not shown here). */
function participantEntry(h: ParticipantChange, v: DetailView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  const names = { by: h.by.name, person: h.person.name };
  return html`<li part="history-entry history-participant" data-kind=${h.kind}>
    <span class="history-status">
      ${h.kind === 'participant-added' ? t('detail.history.participantAdded', names) : t('detail.history.participantRemoved', names)}
    </span>
    <span class="hint">${timeText(h.at, v)}</span>
  </li>`;
}
