import { html, nothing, type TemplateResult } from 'lit';
import type { Limits } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import { renderAttachmentPicker, type PickerQueue } from '../shared/attachments/attachment-picker.js';
import { dropTarget, type DropHandlers } from '../shared/attachments/drop-zone.js';
import type { OutgoingKind } from './messages.js';
import type { Outbox } from './outbox.js';

/** What the reply form renders with: the thread's state and handlers, nothing else. */
export interface ReplyFormView {
  i18n: I18n;
  body: string;
  sending: boolean;
  error: string;
  /** Present when the schema allows attachments. */
  files?: { queue: PickerQueue; limits: Limits; onPick(files: File[]): void; onRemove(id: number): void; onRetry(id: number): void };
  /** Drag and drop onto the whole form (a FileDropController, or its shape in a warm-up). */
  drop: DropHandlers;
  onSubmit(e: Event): void;
  onInput(e: Event): void;
  onKeydown(e: KeyboardEvent): void;
}

/** Where a draft's text box goes and what it says: the reply's or the complaint's. */
export interface DraftTextNames {
  /** The textarea's id; `<id>-hint` and `<id>-error` (the caller's error line) describe it. */
  id: 'reply' | 'complaint';
  labelPart: string;
  inputPart: string;
  hintPart: string;
  label: string;
  hint: string;
}

/**
 * A message's text box, for the reply and the complaint alike: label, textarea (read-only while
 * sending, invalid while the send failed) and hint, tied to the error line the caller renders.
 */
export function renderDraftText(
  v: Pick<ReplyFormView, 'body' | 'sending' | 'error' | 'onInput' | 'onKeydown'>,
  n: DraftTextNames,
): TemplateResult {
  return html`<label part=${n.labelPart} for=${n.id}>${n.label}</label>
    <textarea
      id=${n.id}
      part=${n.inputPart}
      .value=${v.body}
      ?readonly=${v.sending}
      aria-describedby="${n.id}-hint ${n.id}-error"
      aria-invalid=${v.error ? 'true' : 'false'}
      @input=${v.onInput}
      @keydown=${v.onKeydown}
    ></textarea>
    <p id="${n.id}-hint" part=${n.hintPart} class="hint">${n.hint}</p>`;
}

/** The reply composer: text, files and send. A pure function, so it can be prepared while idle (warm-up.ts). */
export function renderReplyForm(v: ReplyFormView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  const { drop, files, sending } = v;
  return html`<form part="composer" class="composer drop-target" novalidate ${dropTarget(drop, t('attach.dropHere'))} @submit=${v.onSubmit}>
    ${renderDraftText(v, {
      id: 'reply',
      labelPart: 'composer-label',
      inputPart: 'composer-input',
      hintPart: 'composer-hint',
      label: t('thread.composer.label'),
      hint: t('thread.composer.hint'),
    })}
    ${files
      ? renderAttachmentPicker(files.queue, {
          i18n: v.i18n,
          limits: files.limits,
          inputId: 'reply-files',
          droppable: true,
          disabled: sending,
          onPick: files.onPick,
          onRemove: files.onRemove,
          onRetry: files.onRetry,
        })
      : nothing}
    <p id="reply-error" part="send-error" class="field-error" role="alert">${v.error}</p>
    <div class="actions">
      <button type="submit" part="send-button" class="primary" ?disabled=${sending}>
        ${sending ? t('thread.composer.sending') : t('thread.composer.send')}
      </button>
    </div>
  </form>`;
}

/** A composer's events (reply or complaint): typing keeps the draft, submit and Ctrl+Enter send it. */
export function composerEvents(
  outbox: Pick<Outbox, 'input' | 'send'>,
  kind: OutgoingKind,
): Pick<ReplyFormView, 'onSubmit' | 'onInput' | 'onKeydown'> {
  return {
    onSubmit: (e) => {
      e.preventDefault();
      void outbox.send(kind);
    },
    onInput: (e) => outbox.input(kind, (e.target as HTMLTextAreaElement).value),
    onKeydown: (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void outbox.send(kind);
      }
    },
  };
}
