/**
 * The editor's form controls as web-form mode sees them: data controls only (no buttons), read
 * through the DOM's form APIs. Shared by names, values, drafts and field messages.
 */
export type WebFormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const BUTTON_TYPES = new Set(['submit', 'button', 'reset', 'image']);

export const isCheck = (c: WebFormControl): c is HTMLInputElement =>
  c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio');
export const isHiddenInput = (c: WebFormControl) => c instanceof HTMLInputElement && c.type === 'hidden';
export const isFileInput = (c: WebFormControl): c is HTMLInputElement => c instanceof HTMLInputElement && c.type === 'file';

export const isDataControl = (el: Element): el is WebFormControl =>
  (el instanceof HTMLInputElement && !BUTTON_TYPES.has(el.type)) ||
  el instanceof HTMLSelectElement ||
  el instanceof HTMLTextAreaElement;

/** The form's data controls (inputs, selects, textareas; no buttons), including ones outside it with `form=`. */
export function formControls(form: HTMLFormElement): WebFormControl[] {
  return [...form.elements].filter(isDataControl);
}

/** Disables the form's enabled submit buttons (a double click sends once); returns what enables them again. */
export function lockSubmitButtons(form: HTMLFormElement): () => void {
  const locked = [...form.elements].filter(
    (el): el is HTMLButtonElement | HTMLInputElement =>
      ((el instanceof HTMLButtonElement && el.type === 'submit') ||
        (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image'))) &&
      !el.disabled,
  );
  for (const button of locked) button.disabled = true;
  return () => {
    for (const button of locked) button.disabled = false;
  };
}
