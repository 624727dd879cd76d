import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, reopenDeadline, type ActionMap, type Availability, type CaseRecord, type DenyReason, type PortalSchema } from '@case-portal/core';
import type { MessageKey } from '../i18n/i18n.js';
import type { DetailView } from './view.js';

/** The dialogs the case view opens: the three transitions, the update form and the complaint. */
export type DialogKind = 'update' | 'close' | 'cancel' | 'reopen' | 'complain';

const LABELS: Record<DialogKind, MessageKey> = {
  update: 'detail.action.update',
  close: 'detail.action.close',
  cancel: 'detail.action.cancel',
  reopen: 'detail.action.reopen',
  complain: 'detail.action.complain',
};

/**
 * Reasons that are noise for this case's state (a finished case can't be closed again; a
 * switched-off feature is simply absent): the button is left out instead of disabled.
 */
const SILENT: readonly DenyReason[] = ['feature-off', 'case-finished', 'not-reopenable-status', 'no-close-status', 'no-cancel-status'];

/**
 * The action buttons the policy allows, and the ones a customer would look for (reopen, edit)
 * disabled with the reason beside them (e.g. "A case can be reopened within 6 hours of closing").
 */
export function renderActions(
  c: CaseRecord,
  schema: PortalSchema,
  actions: ActionMap,
  v: DetailView,
  opts: { busy: boolean; open(kind: DialogKind): void },
): TemplateResult | typeof nothing {
  const t = v.i18n.t.bind(v.i18n);
  const buttons: TemplateResult[] = [];
  const reasons: TemplateResult[] = [];
  const add = (kind: DialogKind, a: Availability, cls = '') => {
    if (a.allowed) {
      buttons.push(html`<button part="action action-${kind}" class=${cls} ?disabled=${opts.busy} @click=${() => opts.open(kind)}>
        ${t(LABELS[kind])}
      </button>`);
      return;
    }
    if (SILENT.includes(a.reason)) return;
    // Someone else's case is read-only to a supervisor or a copied colleague: one sentence says so, below.
    if (a.reason === 'not-owner' || a.reason === 'no-permission') return;
    buttons.push(html`<button part="action action-${kind}" disabled aria-describedby="deny-${kind}">${t(LABELS[kind])}</button>`);
    reasons.push(html`<p class="deny" part="deny-reason" id="deny-${kind}">${t(`deny.${a.reason}`, a.params)}</p>`);
  };
  add('reopen', actions.reopen, 'primary');
  add('update', actions.update);
  add('close', actions.close);
  add('cancel', actions.cancel, 'danger');
  add('complain', actions.complain);
  const changes = [actions.update, actions.close, actions.cancel, actions.reopen];
  // "Only the person who opened the case can …" is untrue for a person copied whom the schema lets
  // take some of these (participants.mayAlso): then the buttons they have are all there is to say.
  const readOnly = changes.some((a) => a.allowed)
    ? undefined
    : changes.find((a): a is Extract<Availability, { allowed: false }> => !a.allowed && (a.reason === 'not-owner' || a.reason === 'no-permission'));
  const until = actions.reopen.allowed ? reopenDeadline(c, schema) : null;
  if (buttons.length === 0 && !readOnly) return nothing;
  return html`<section part="actions" aria-labelledby="actions-h">
    <h3 id="actions-h">${t('detail.actions')}</h3>
    ${buttons.length ? html`<div class="actions">${buttons}</div>` : nothing} ${reasons}
    ${readOnly ? html`<p class="deny" part="deny-reason">${t(`detail.readOnly.${readOnly.reason}` as 'detail.readOnly.not-owner')}</p>` : nothing}
    ${until
      ? html`<p class="hint" part="reopen-hint">
          ${t('detail.reopenUntil', { date: formatDate(until, v.i18n.locale, 'datetime', v.timeZone) })}
        </p>`
      : nothing}
  </section>`;
}
