/**
 * What is wrong with the editor's form right now, shown twice: beside each control in the page
 * (FieldMessages) and as the summary in the shadow root, in the form's order, each line naming
 * the field by the editor's own label and focusing its control.
 */
import type { PortalSetup } from '../../shared/case-element.js';
import type { Translate } from '../../shared/field-controls.js';
import { FieldMessages, entryLabel, focusTarget } from './field-messages.js';
import type { WebFormScan } from './names.js';
import type { SummaryItem } from './view.js';
import { create } from '../../i18n/en/create.js';
import { addMessages } from '../../i18n/en.js';

// Its summary lines are create.* messages: present wherever this is used, with or without the element.
addMessages(create);

/** The summary and the message above it changed; the element renders them. */
export type ErrorsChanged = (change: { summary?: SummaryItem[]; message?: string }) => void;

export class WebFormErrors {
  private errors: Record<string, string> = {};
  /** Server messages without a control in the form: shown in the summary only. */
  private extra: string[] = [];
  /** "invalid" goes away with the last field problem; a failure's message stays until the next attempt. */
  private messageKind: 'invalid' | 'failure' = 'invalid';
  private readonly messages = new FieldMessages();

  constructor(
    private readonly t: Translate,
    private readonly setup: () => PortalSetup | undefined,
    private readonly changed: ErrorsChanged,
  ) {}

  has(key: string): boolean {
    return key in this.errors;
  }

  /** Replaces every message beside the controls and the summary. */
  show(scan: WebFormScan, errors: Record<string, string>, message: string, kind: 'invalid' | 'failure', extra: string[] = []): void {
    for (const key of this.messages.shown) if (!(key in errors)) this.messages.clear(key);
    for (const [key, text] of Object.entries(errors)) {
      const entry = scan.entries.get(key);
      if (entry) this.messages.show(key, entry.controls, text);
    }
    this.errors = errors;
    this.extra = extra;
    this.changed({ message });
    this.messageKind = kind;
    this.updateSummary(scan);
  }

  /** One field's message changed (fixed, or a different problem now). */
  set(scan: WebFormScan, key: string, message: string | undefined): void {
    const errors = { ...this.errors };
    const entry = scan.entries.get(key);
    if (message) {
      errors[key] = message;
      if (entry) this.messages.show(key, entry.controls, message);
    } else {
      delete errors[key];
      this.messages.clear(key);
    }
    this.errors = errors;
    this.updateSummary(scan);
  }

  /** No messages beside the controls and no summary (they stay in the page, hidden, for reuse). */
  clear(): void {
    this.messages.clearAll();
    this.errors = {};
    this.extra = [];
    this.changed({ summary: [], message: '' });
  }

  /** Takes every message out of the page (the element let go of the form). */
  dispose(): void {
    this.messages.dispose();
  }

  /** Focus on the first control, in the form's order, that has a message. */
  focusFirst(scan: WebFormScan): void {
    for (const entry of scan.entries.values()) {
      if (!(entry.key in this.errors)) continue;
      const target = focusTarget(entry);
      if (target) {
        target.focus();
        return;
      }
    }
  }

  /** A field's name for the summary: its label in the form, else the catalog's or the schema's. */
  label(scan: WebFormScan, key: string, setup: PortalSetup): string {
    let fallback: string;
    if (key === 'subject' || key === 'description' || key === 'service' || key === 'category' || key === 'priority') {
      fallback = this.t(`create.${key}`);
    } else if (key.startsWith('fields.')) {
      const def = setup.schema.fields.find((f) => f.key === key.slice('fields.'.length));
      fallback = def?.label ?? key;
    } else if (key.startsWith('file:')) {
      fallback = this.t('create.webform.files');
    } else {
      fallback = key.replace(/^other:/, '');
    }
    return entryLabel(scan.entries.get(key), fallback);
  }

  /** The summary lists problems in the form's order, then those without a control. */
  private updateSummary(scan: WebFormScan): void {
    const setup = this.setup();
    if (!setup) return;
    const order = [...scan.entries.keys()];
    const keys = Object.keys(this.errors).sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    });
    this.changed({
      summary: [
        ...keys.map((key) => ({
          key,
          text: this.t('create.webform.item', { label: this.label(scan, key, setup), message: this.errors[key]! }),
          focusable: !!focusTarget(scan.entries.get(key)),
        })),
        ...this.extra.map((text) => ({ key: '', text, focusable: false })),
      ],
    });
    if (keys.length === 0 && this.messageKind === 'invalid') this.changed({ message: '' });
  }
}
