import { html, nothing, type TemplateResult } from 'lit';
import { AdapterError, isAdapterError, type AdapterErrorCode } from '@case-portal/core';
import { CaseErrorEvent } from '../events.js';
import { heldUntil } from './held-until.js';

/** Retrying cannot grant a permission nor make a missing case exist: those boxes have no retry. */
export function retryHelps(code: AdapterErrorCode): boolean {
  return code !== 'forbidden' && code !== 'not_found';
}

/** When the backend said a retry may go (a 429's Retry-After), while that is still ahead. */
export function retryAtOf(e: unknown, now = Date.now()): number | undefined {
  const at = isAdapterError(e) ? e.retryAt : undefined;
  return at !== undefined && at > now ? at : undefined;
}

export interface FailureBoxOptions {
  /** Shown as a button after the text; none when omitted. */
  retry?: (() => void) | undefined;
  retryLabel: string;
  /** The box's ::part name; `null` for none (a box inside a section that has its own part). */
  part?: string | null;
  /** Retry stays disabled until then (epoch ms): the backend asked to wait (see `retryAtOf`). */
  retryAt?: number | undefined;
}

/**
 * The one error box every element shows: the text (already through `failureText`) and an
 * optional retry. `role="alert"` so a screen reader says it when it appears.
 */
export function renderFailureBox(message: string, options: FailureBoxOptions): TemplateResult {
  const part = options.part === undefined ? 'error' : options.part;
  return html`<div part=${part ?? nothing} class="error" role="alert">
    <span>${message}</span>
    ${options.retry
      ? html`<button type="button" part="retry" ?disabled=${heldUntil(options.retryAt)} @click=${options.retry}
          >${options.retryLabel}</button
        >`
      : nothing}
  </div>`;
}

/** What an editor got wrong, by the kind of markup: a template, a web form, a list's columns, a JSON configuration, a locale. */
export type EditorProblemKind = 'template' | 'web-form' | 'columns' | 'config' | 'locale';

const EDITOR_LABEL: Record<EditorProblemKind, string> = {
  template: 'template',
  'web-form': 'web form',
  columns: 'columns',
  config: 'configuration',
  locale: 'locale',
};

/** Per element, the problems already reported: an editor hears of each one once, not on every render. */
const reportedProblems = new WeakMap<HTMLElement, Set<string>>();

/**
 * An editor's mistakes (unknown placeholder or column, a form control that maps to nothing),
 * each once per element: to the console, where a CMS editor looks, and as a `case-error`
 * (code `validation`, the problems as the backend message), where the host's monitoring looks.
 * Never shown to the customer.
 */
export function reportEditorProblems(host: HTMLElement, kind: EditorProblemKind, problems: readonly string[]): void {
  let reported = reportedProblems.get(host);
  if (!reported) reportedProblems.set(host, (reported = new Set()));
  const fresh = [...new Set(problems)].filter((p) => !reported.has(`${kind}\u0000${p}`));
  if (!fresh.length) return;
  for (const p of fresh) reported.add(`${kind}\u0000${p}`);
  const text = fresh.join('\n');
  console.warn(`<${host.localName}> ${EDITOR_LABEL[kind]}:\n${text}`);
  const error = new AdapterError('validation', { backendMessage: text });
  host.dispatchEvent(new CaseErrorEvent(error, kind, text));
}
