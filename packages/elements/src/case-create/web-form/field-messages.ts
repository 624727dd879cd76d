/**
 * Messages beside the editor's controls, in the page (so the site styles them): placed after the
 * control, its label or at the end of its group, tied to it with `aria-describedby`,
 * `aria-invalid` and `setCustomValidity`; and which control gets focus for a message.
 */
import { isCheck, isDataControl, isHiddenInput, type WebFormControl } from './controls.js';
import type { WebFormEntry, WebFormScan } from './names.js';

/** The text of a control's label (the editor's words), without a trailing "*", ":" or full stop. */
function labelOf(controls: WebFormControl[]): string {
  const first = controls[0];
  if (!first) return '';
  if (controls.length > 1) {
    const fieldset = commonFieldset(controls);
    const legend = fieldset?.querySelector('legend')?.textContent;
    if (legend) return clean(legend);
  }
  const label = first.labels?.[0]?.textContent ?? first.getAttribute('aria-label') ?? '';
  return clean(label);
}
const clean = (text: string) => text.replace(/\s+/g, ' ').replace(/[\s*:.?!]+$/u, '').trim();

/** A field's name for the error summary: its label in the form, else the schema's, else the fallback. */
export function entryLabel(entry: WebFormEntry | undefined, fallback: string): string {
  return (entry && labelOf(entry.controls.filter((c) => !isHiddenInput(c)))) || fallback;
}

/** The fieldset that holds exactly these controls (a group), if there is one. */
function commonFieldset(controls: WebFormControl[]): HTMLFieldSetElement | null {
  const fieldset = controls[0]?.closest('fieldset');
  if (!fieldset || !controls.every((c) => c.closest('fieldset') === fieldset)) return null;
  return [...fieldset.elements].filter(isDataControl).every((el) => controls.includes(el)) ? fieldset : null;
}

/** Puts a message where a reader expects it: after the control, after its label wrapper, or at the end of its group. */
function placeMessage(message: HTMLElement, controls: WebFormControl[]): void {
  if (controls.length > 1) {
    const fieldset = commonFieldset(controls);
    if (fieldset) {
      fieldset.append(message);
      return;
    }
  }
  const last = controls[controls.length - 1]!;
  const wrapper = last.closest('label');
  if (wrapper) {
    wrapper.after(message);
    return;
  }
  const next = last.nextElementSibling;
  if (next instanceof HTMLLabelElement && last.id && next.htmlFor === last.id) next.after(message);
  else last.after(message);
}

function addToken(el: Element, attr: string, token: string): void {
  const tokens = (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean);
  if (!tokens.includes(token)) el.setAttribute(attr, [...tokens, token].join(' '));
}

function removeToken(el: Element, attr: string, token: string): void {
  const tokens = (el.getAttribute(attr) ?? '').split(/\s+/).filter((t) => t && t !== token);
  if (tokens.length) el.setAttribute(attr, tokens.join(' '));
  else el.removeAttribute(attr);
}

let messageSeq = 0;

/**
 * The messages beside the editor's controls: one light-DOM `<div class="case-field-error">` per
 * field, inserted once and reused, referenced from the controls' `aria-describedby`; the controls
 * get `aria-invalid="true"` and `setCustomValidity`, so the site's `:invalid` styles apply too.
 */
export class FieldMessages {
  private readonly items = new Map<string, { el: HTMLElement; controls: WebFormControl[] }>();

  /** Keys with a message showing. */
  get shown(): string[] {
    return [...this.items].filter(([, item]) => !item.el.hidden).map(([key]) => key);
  }

  show(key: string, controls: WebFormControl[], message: string): void {
    const visible = controls.filter((c) => !isHiddenInput(c));
    const first = visible[0];
    if (!first) return;
    let item = this.items.get(key);
    if (item && (item.controls.length !== visible.length || item.controls.some((c, i) => c !== visible[i]))) {
      this.clear(key);
      item.el.remove();
      item = undefined;
    }
    if (!item) {
      const el = first.ownerDocument.createElement('div');
      el.id = `case-create-error-${++messageSeq}`;
      el.className = 'case-field-error';
      el.dataset['caseFieldError'] = key;
      item = { el, controls: visible };
      this.items.set(key, item);
    }
    if (!item.el.isConnected) placeMessage(item.el, visible);
    item.el.textContent = message;
    item.el.hidden = false;
    for (const c of visible) {
      c.setCustomValidity(message);
      c.setAttribute('aria-invalid', 'true');
      addToken(c, 'aria-describedby', item.el.id);
    }
  }

  clear(key: string): void {
    const item = this.items.get(key);
    if (!item || item.el.hidden) return;
    item.el.hidden = true;
    item.el.textContent = '';
    for (const c of item.controls) {
      c.setCustomValidity('');
      c.removeAttribute('aria-invalid');
      removeToken(c, 'aria-describedby', item.el.id);
    }
  }

  clearAll(): void {
    for (const key of this.items.keys()) this.clear(key);
  }

  /** Takes every message out of the page (the element let go of the form). */
  dispose(): void {
    this.clearAll();
    for (const item of this.items.values()) item.el.remove();
    this.items.clear();
  }
}

/** The control to focus for a key: the checked radio of a group, else the first visible control. */
export function focusTarget(entry: WebFormEntry | undefined): WebFormControl | undefined {
  const visible = entry?.controls.filter((c) => !isHiddenInput(c) && !c.disabled) ?? [];
  return visible.find((c) => isCheck(c) && c.type === 'radio' && c.checked) ?? visible[0];
}

/** The first control of the form a customer can type into. */
export function firstControl(scan: WebFormScan): WebFormControl | undefined {
  for (const entry of scan.entries.values()) {
    const target = focusTarget(entry);
    if (target) return target;
  }
  return undefined;
}
