import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import {
  RequestKey,
  toAdapterError,
  type CaseRecord,
  type FieldValue,
  type Message,
  type TransitionInput,
} from '@case-portal/core';
import type { CaseUpdateKind } from '../events.js';
import type { PortalSetup } from '../shared/case-element.js';
import type { Translate } from '../shared/field-controls.js';
import type { DialogKind } from './actions.js';
import { cancelBody, closeBody, complainBody, renderDialogFrame, reopenBody, updateBody, type DialogState } from './dialogs.js';
import { buildPatch, mapPatchErrors, rebase, updateFields, validateUpdate, valuesOf, type UpdateField } from './update-form.js';
import type { DetailView } from './view.js';

interface UpdateFormState {
  fields: UpdateField[];
  /** The case's values the form started from (rebased after a conflict). */
  base: Record<string, FieldValue>;
  values: Record<string, FieldValue>;
  version: number;
  changedElsewhere: string[];
}

/** What the dialogs need from case-detail. */
export interface DialogDeps {
  setup(): PortalSetup | undefined;
  t: Translate;
  /** The text for a failure (fires `case-error` once). */
  failureText(e: unknown, operation: string): string;
  /** Loads the case again quietly (after a conflict); undefined when that failed. */
  reload(): Promise<CaseRecord | undefined>;
  /** A lifecycle action or an edit worked. */
  done(updated: CaseRecord, action: CaseUpdateKind): Promise<void>;
  /** The complaint was posted. */
  complained(c: CaseRecord, message: Message): Promise<void>;
}

/**
 * The lifecycle dialogs of case-detail (close, cancel, reopen, complain, edit): one open at a
 * time, shown modally once rendered (focus, Escape and the backdrop as the platform does them),
 * one idempotency key per distinct request of an opening (a retried close never closes twice; a
 * save after a conflict, with the newer version, or with other values is a new request under a
 * new key: a server that checks key ↔ body refuses an old key with a new body), busy while the adapter
 * works, errors beside the fields or for the whole dialog. On `conflict` it reloads the case and
 * never sends the stale change: an edit keeps what the customer typed, shows the latest value
 * beside each field someone else changed, and saves again only when asked; a close, cancel or
 * reopen goes again by itself (once) when the status is still the one the customer saw.
 */
export class DialogController implements ReactiveController {
  state: DialogState | null = null;
  private edit?: UpdateFormState;
  private readonly key = new RequestKey();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode },
    private readonly deps: DialogDeps,
  ) {
    host.addController(this);
  }

  get busy(): boolean {
    return !!this.state?.busy;
  }

  private get element(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  hostUpdated(): void {
    const dialog = this.element;
    // A host taken off the page (the portal moved on) while an update was pending: showModal would throw.
    if (this.state && dialog && !dialog.open && dialog.isConnected) dialog.showModal();
  }

  open(kind: DialogKind, c: CaseRecord, setup: PortalSetup): void {
    this.key.reset();
    if (kind === 'update') {
      const fields = updateFields(setup.schema, this.deps.t);
      const base = valuesOf(c, fields);
      this.edit = { fields, base, values: { ...base }, version: c.version, changedElsewhere: [] };
    }
    this.set({ kind, busy: false, error: '', fieldErrors: {} });
  }

  dismiss(): void {
    const dialog = this.element;
    if (dialog?.open) dialog.close();
    this.edit = undefined;
    this.set(null);
  }

  render(setup: PortalSetup, c: CaseRecord, v: DetailView): TemplateResult | undefined {
    const s = this.state;
    if (!s) return undefined;
    let body: unknown;
    switch (s.kind) {
      case 'close':
        body = closeBody(setup.schema, s, v);
        break;
      case 'cancel':
        body = cancelBody(v);
        break;
      case 'reopen':
        body = reopenBody(s, v);
        break;
      case 'complain':
        body = complainBody(s, v);
        break;
      case 'update': {
        const u = this.edit!;
        body = updateBody(u.fields, u.values, s, v, {
          changedElsewhere: u.changedElsewhere,
          latest: u.base,
          onChange: (key, value) => {
            this.edit = { ...u, values: { ...this.edit!.values, [key]: value } };
            if (s.fieldErrors[key]) this.patch({ fieldErrors: { ...s.fieldErrors, [key]: '' } });
            else this.host.requestUpdate();
          },
        });
        break;
      }
    }
    return renderDialogFrame(s, v, body, {
      submit: (e) => void this.submit(e, c, setup),
      dismiss: () => this.dismiss(),
      closed: this.onClosed,
    });
  }

  /**
   * Escape or close(): forget the dialog, unless this is a late event. `close` arrives a task after
   * close(); a dialog opened again meanwhile is the same <dialog> element, open again, and stays.
   */
  private readonly onClosed = (e: Event): void => {
    const dialog = e.target as HTMLDialogElement;
    if (dialog === this.element && !dialog.open && !this.state?.busy) this.dismiss();
  };

  private set(state: DialogState | null): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private patch(patch: Partial<DialogState>): void {
    if (this.state) this.set({ ...this.state, ...patch });
  }

  async submit(e: SubmitEvent, c: CaseRecord, setup: PortalSetup): Promise<void> {
    e.preventDefault();
    const s = this.state;
    if (!s || s.busy) return;
    const t = this.deps.t;
    const data = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => {
      const value = data.get(k);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const { adapter, schema } = setup;
    /** The same request as the last attempt of this opening keeps its key; any other gets a new one. */
    const opts = (request: unknown) => ({ idempotencyKey: this.key.for({ caseId: c.id, kind: s.kind, request }) });

    switch (s.kind) {
      case 'close':
      case 'cancel':
      case 'reopen': {
        const input: TransitionInput = { version: c.version };
        if (s.kind === 'close') {
          input.status = text('status');
          input.reason = text('reason');
          if (schema.closeReasons.length && !input.reason) {
            return this.invalid({ reason: t('detail.closeDialog.reasonRequired') });
          }
        }
        const comment = text('comment');
        if (comment) input.comment = comment;
        const kind = s.kind;
        const send = (request: TransitionInput) => () => adapter.transition(c.id, kind, request, opts(request));
        // A conflict with the status as the customer saw it (a reply, a file or an edit came in
        // meanwhile: often their own reply a moment ago) does not change what they asked for: the
        // same action goes again on the latest version, once. A new status is theirs to see first.
        const again = (latest: CaseRecord) => (latest.status.id === c.status.id ? send({ ...input, version: latest.version }) : null);
        return this.run(kind, send(input), (updated) => this.deps.done(updated, kind), again);
      }
      case 'complain': {
        const body = text('body');
        if (!body) return this.invalid({ body: t('detail.complainDialog.required') });
        return this.run('postComplaint', () => adapter.postMessage(c.id, { body, kind: 'complaint' }, opts(body)), (message) =>
          this.deps.complained(c, message),
        );
      }
      case 'update': {
        const u = this.edit!;
        const errors = validateUpdate(u.fields, u.values, t);
        if (Object.keys(errors).length) return this.invalid(errors);
        const patch = buildPatch(u.fields, u.base, u.values, u.version);
        if (Object.keys(patch.changes).length === 0) {
          this.patch({ error: t('detail.updateDialog.nothingChanged') });
          return;
        }
        return this.run('update', () => adapter.updateCase(c.id, patch, opts(patch)), (updated) => this.deps.done(updated, 'update'));
      }
    }
  }

  /** Messages beside the fields, focus on the first: nothing is sent. */
  private async invalid(fieldErrors: Record<string, string>): Promise<void> {
    this.patch({ fieldErrors, error: '' });
    await this.host.updateComplete;
    this.element?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /**
   * One dialog action through the adapter: busy while it runs, errors beside the fields or for the
   * dialog. `again` may give, for the latest case after a conflict, the same action to send once more.
   */
  private async run<T>(
    operation: string,
    call: () => Promise<T>,
    done: (result: T) => Promise<void> | void,
    again?: (latest: CaseRecord) => (() => Promise<T>) | null,
  ): Promise<void> {
    this.patch({ busy: true, error: '', fieldErrors: {} });
    try {
      const result = await call();
      if (this.state) this.set({ ...this.state, busy: false });
      await done(result);
    } catch (err) {
      const message = this.deps.failureText(err, operation);
      const error = toAdapterError(err);
      this.patch({ busy: false });
      if (error.code === 'conflict') return this.onConflict((latest) => {
        const retry = again?.(latest);
        return retry ? () => this.run(operation, retry, done) : null;
      });
      if (error.code === 'validation' && error.fieldErrors && this.state?.kind === 'update' && this.edit) {
        const { byKey, other } = mapPatchErrors(this.edit.fields, error.fieldErrors);
        this.patch({ fieldErrors: byKey, error: other.length ? other.join(' ') : message });
        return;
      }
      this.patch({ error: message });
    }
  }

  /**
   * The case changed elsewhere since the dialog opened: load the latest, say so, never send the
   * stale change; or, where `resend` gives one for the latest case, send the same action again.
   */
  private async onConflict(resend?: (latest: CaseRecord) => (() => Promise<void>) | null): Promise<void> {
    const latest = await this.deps.reload();
    const retry = latest && this.state ? resend?.(latest) : null;
    if (retry) return retry();
    if (this.state?.kind === 'update' && this.edit && latest) {
      const r = rebase(this.edit.fields, this.edit.base, this.edit.values, latest);
      this.edit = { ...this.edit, ...r, version: latest.version };
      this.patch({ error: this.deps.t('detail.conflict.update') });
      return;
    }
    this.patch({ error: this.deps.t('detail.conflict.action') });
  }
}
