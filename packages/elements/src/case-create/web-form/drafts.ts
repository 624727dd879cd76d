/**
 * The draft of an editor's form: the mapped controls' values by name (files by name only), put
 * back after a reload into controls that are still empty.
 */
import { draftKey } from '../../shared/drafts.js';
import { isCheck, isFileInput, isHiddenInput, type WebFormControl } from './controls.js';
import type { WebFormEntry, WebFormScan } from './names.js';
import { pickedFileNames } from './files.js';

/**
 * What survives a reload: the controls' values by name (no files, only their names), the
 * idempotency key and what was sent under it (core's keyForRequest).
 */
export interface WebFormDraft {
  key: string;
  sentAs?: string;
  values: Record<string, string[]>;
  files: string[];
}

/**
 * The draft's storage key: `draft-id`, else the form's id or name, else the page path and which
 * `<case-create>` of the page `host` is (the first keeps the bare path, as drafts saved before).
 */
export function webFormDraftKey(host: HTMLElement, draftId: string | undefined, viewerId: string, form: HTMLFormElement): string {
  const named = draftId || form.id || form.getAttribute('name');
  if (named) return draftKey('create-form', viewerId, named);
  const root = host.getRootNode() as Document | ShadowRoot;
  const place = [...root.querySelectorAll(host.localName)].indexOf(host);
  return draftKey('create-form', viewerId, place > 0 ? `${location.pathname}#${place}` : location.pathname);
}

export function isWebFormDraft(v: unknown): v is WebFormDraft {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as WebFormDraft;
  return (
    typeof d.key === 'string' &&
    d.key.length > 0 &&
    (d.sentAs === undefined || typeof d.sentAs === 'string') &&
    typeof d.values === 'object' &&
    d.values !== null &&
    Object.values(d.values).every((list) => Array.isArray(list) && list.every((x) => typeof x === 'string')) &&
    Array.isArray(d.files) &&
    d.files.every((x) => typeof x === 'string')
  );
}

/** Controls a customer fills in: not hidden inputs (the site's own values), not files, not disabled. */
function editable(entry: WebFormEntry): WebFormControl[] {
  if (entry.kind !== 'builtin' && entry.kind !== 'field') return [];
  return entry.controls.filter((c) => !isHiddenInput(c) && !isFileInput(c) && !c.disabled);
}

const selectedValues = (s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value);

/** What a reset would select: the (last) option marked selected, else the first (single selects). */
function defaultSelected(s: HTMLSelectElement): string[] {
  const marked = [...s.options].filter((o) => o.defaultSelected);
  if (s.multiple) return marked.map((o) => o.value);
  const last = marked[marked.length - 1] ?? s.options[0];
  return last ? [last.value] : [];
}

function isAtDefault(c: WebFormControl): boolean {
  if (isCheck(c)) return c.checked === c.defaultChecked;
  if (c instanceof HTMLSelectElement) return selectedValues(c).join('\n') === defaultSelected(c).join('\n');
  return c.value === c.defaultValue;
}

/** The values of the mapped controls, by control name. */
export function draftValues(scan: WebFormScan): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of scan.entries.values()) {
    for (const c of editable(entry)) {
      const list = (out[c.name] ??= []);
      if (isCheck(c)) {
        if (c.checked) list.push(c.value);
      } else if (c instanceof HTMLSelectElement) list.push(...selectedValues(c));
      else list.push(c.value);
    }
  }
  return out;
}

/** True when the customer changed a mapped control from what the page came with, or picked a file. */
export function isDirty(scan: WebFormScan): boolean {
  for (const entry of scan.entries.values()) if (editable(entry).some((c) => !isAtDefault(c))) return true;
  return pickedFileNames(scan).length > 0;
}

/**
 * Puts a draft's values back, only into controls that are still empty and were not filled by the
 * page (a server-prefilled value or a checked default wins). Returns how many controls it filled.
 */
export function restoreDraftValues(scan: WebFormScan, values: Record<string, string[]>): number {
  let restored = 0;
  const byName = new Map<string, WebFormControl[]>();
  for (const entry of scan.entries.values()) {
    for (const c of editable(entry)) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  }
  for (const [name, controls] of byName) {
    const saved = values[name];
    if (!saved || saved.length === 0) continue;
    const checks = controls.filter(isCheck);
    if (checks.length && !checks.some((c) => c.checked || c.defaultChecked)) {
      let picked = false;
      for (const c of checks) {
        const on: boolean = saved.includes(c.value) && !(c.type === 'radio' && picked);
        c.checked = on;
        picked ||= on;
      }
      if (picked) restored++;
    }
    const pending = [...saved];
    for (const select of controls.filter((c): c is HTMLSelectElement => c instanceof HTMLSelectElement)) {
      const prefilled = [...select.options].some((o) => o.defaultSelected && o.value !== '');
      if (prefilled || !isAtDefault(select)) continue;
      const offered = [...select.options].map((o) => o.value);
      const mine = pending.filter((v) => v !== '' && offered.includes(v));
      if (!mine.length) continue;
      if (select.multiple) for (const o of select.options) o.selected = mine.includes(o.value);
      else select.value = mine[0]!;
      for (const v of select.multiple ? mine : [mine[0]!]) pending.splice(pending.indexOf(v), 1);
      restored++;
    }
    const texts = controls.filter(
      (c): c is HTMLInputElement | HTMLTextAreaElement => !isCheck(c) && !(c instanceof HTMLSelectElement),
    );
    texts.forEach((c, i) => {
      const value = saved[i];
      if (value && c.value === '' && c.defaultValue === '') {
        c.value = value;
        if (c.value !== '') restored++;
      }
    });
  }
  return restored;
}
