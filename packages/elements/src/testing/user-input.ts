/** What a user does to a control, as far as the element can tell: values plus the events the browser fires. */

/** Types into a field (value + input event). */
export function typeInto(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.focus();
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Picks an option of a select (value + change event). */
export function choose(el: HTMLSelectElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** A DataTransfer holding these files: what a drop, a paste or the file dialog hands over. */
export function transferOf(files: readonly File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

/** Picks files in a file input the way the file dialog does (its files, then input and change). */
export function pickFiles(input: HTMLInputElement, files: readonly File[]): void {
  input.files = transferOf(files).files;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
