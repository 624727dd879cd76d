/**
 * What both modes of <case-create> render (the built-in form and the editor's web form): the
 * notice when creating is not possible, the notice for a restored draft, and the confirmation.
 */
import { html, type TemplateResult } from 'lit';
import type { CaseRecord } from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';
import type { Translate } from '../shared/field-controls.js';

export type DeniedKey = 'create.denied.feature' | 'create.denied.permission';

/** Why this viewer can't create a case with this backend (a catalog key), or null when they can. */
export function createDenied(setup: PortalSetup): DeniedKey | null {
  if (!setup.schema.features.create) return 'create.denied.feature';
  if (!setup.viewer.permissions.includes('create')) return 'create.denied.permission';
  return null;
}

export function renderDenied(t: Translate, reason: DeniedKey): TemplateResult {
  return html`<p part="denied" class="notice">${t(reason)}</p>`;
}

/** "Your draft was restored", what else the mode has to say about it, and a button to start over. */
export function renderDraftNotice(t: Translate, message: string, more: unknown, onReset: () => void): TemplateResult {
  return html`<p part="draft-notice" class="hint draft-notice">
    <span>${message}</span>
    ${more}
    <button type="button" part="reset-button" class="link" @click=${onReset}>
      ${t('create.reset')}
    </button>
  </p>`;
}

export interface ConfirmationActions {
  /** "Open case" (the click). */
  open(e: Event): void;
  /** "Create another". */
  another(): void;
}

/** The panel after success; the element moves focus to it (`.confirmation`). */
export function renderConfirmation(record: CaseRecord, t: Translate, a: ConfirmationActions): TemplateResult {
  return html`<section
    part="confirmation"
    class="confirmation"
    role="status"
    tabindex="-1"
    aria-labelledby="created-title"
  >
    <p id="created-title" part="confirmation-title" class="title">${t('create.created.title')}</p>
    <p part="confirmation-body">${t('create.created.body', { number: record.number })}</p>
    <div class="actions">
      <button type="button" part="open-button" class="primary" @click=${(e: Event) => a.open(e)}>
        ${t('create.created.open')}
      </button>
      <button type="button" part="another-button" @click=${() => a.another()}>
        ${t('create.created.another')}
      </button>
    </div>
  </section>`;
}
