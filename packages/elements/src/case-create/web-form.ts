/**
 * Web-form mode of <case-create>: a CMS editor writes the form as ordinary HTML, and its control
 * names map to the schema. This file holds what does not need the element: which name goes where,
 * reading the values, checking them with the built-in form's rules, the draft of the controls, and
 * the messages placed beside the editor's controls. It reads controls through the DOM's form APIs
 * (FormData, `form.elements`, `validity`) and writes only text (`textContent`) and attributes:
 * it never reads or writes markup and evaluates nothing.
 */
import {
  attachmentProblem,
  formatBytes,
  type CaseInput,
  type FieldDef,
  type FieldValue,
  type Limits,
  type Option,
  type PortalSchema,
} from '@case-portal/core';
import type { Translate } from '../shared/field-controls.js';
import {
  buildInput,
  createFields,
  emptyValues,
  fieldErrorKey,
  mapServerErrors,
  validate,
  type CreateFormValues,
} from './form-model.js';

export type WebFormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Built-in case keys a control may be named after. */
export type WebFormBuiltIn = 'subject' | 'description' | 'service' | 'category' | 'priority';

/** What the editor's form holds: the built-in form's values plus the priority. */
export interface WebFormValues extends CreateFormValues {
  priority: string;
}

/** Where one control name goes. */
export type NameTarget =
  | { kind: 'builtin'; key: WebFormBuiltIn }
  | { kind: 'field'; def: FieldDef }
  | { kind: 'unknown'; problem: string };

/**
 * The controls of one error key, in document order:
 * - `builtin`: `subject`, `description`, `service`, `category`, `priority`;
 * - `field`: a custom field, key `fields.<key>` (named `fields.<key>` or `<key>` in the form);
 * - `file`: one file input, key `file:<name>`;
 * - `other`: ignored names (`_…`, unnamed, unknown), key `other:<name>`: never sent, but the
 *   editor's own constraints (`required` on a consent box) still apply.
 */
export interface WebFormEntry {
  key: string;
  kind: 'builtin' | 'field' | 'file' | 'other';
  builtin?: WebFormBuiltIn;
  def?: FieldDef;
  names: string[];
  controls: WebFormControl[];
}

export interface WebFormScan {
  /** By error key, in the document order of each key's first control. */
  entries: Map<string, WebFormEntry>;
  /** For the editor (console + case-error), never for the customer. */
  problems: string[];
}

const BUTTON_TYPES = new Set(['submit', 'button', 'reset', 'image']);
const FALSY = /^(|false|0|off|no)$/i;

const isCheck = (c: WebFormControl): c is HTMLInputElement =>
  c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio');
const isHiddenInput = (c: WebFormControl) => c instanceof HTMLInputElement && c.type === 'hidden';
const isFileInput = (c: WebFormControl): c is HTMLInputElement => c instanceof HTMLInputElement && c.type === 'file';

/** The options the schema offers for a built-in choice; empty = the backend has none. */
export function builtInOptions(schema: PortalSchema, key: 'service' | 'category' | 'priority'): readonly Option[] {
  return key === 'service' ? schema.services : key === 'category' ? schema.categories : schema.priorities;
}

/** The names a control can have, for the editor's warnings. */
function knownNames(schema: PortalSchema): string {
  const builtins = ['subject', 'description', 'service', 'category', 'priority'].filter(
    (k) => k === 'subject' || k === 'description' || builtInOptions(schema, k as 'service').length > 0,
  );
  const custom = createFields(schema).map((f) => `fields.${f.key}`);
  return [...builtins, ...custom].join(', ');
}

/** Where a control name goes: `subject`…`priority`, `fields.<key>` or a bare custom field key. */
export function mapName(schema: PortalSchema, name: string): NameTarget {
  if (name === 'subject' || name === 'description') return { kind: 'builtin', key: name };
  if (name === 'service' || name === 'category' || name === 'priority') {
    if (builtInOptions(schema, name).length > 0) return { kind: 'builtin', key: name };
    return { kind: 'unknown', problem: `"${name}": this backend has no ${name} to choose, so the value is not sent.` };
  }
  const key = name.startsWith('fields.') ? name.slice('fields.'.length) : name;
  const def = schema.fields.find((f) => f.key === key);
  if (def?.onCreate) return { kind: 'field', def };
  if (def) return { kind: 'unknown', problem: `"${name}": the field "${key}" can't be set when a case is created, so the value is not sent.` };
  return {
    kind: 'unknown',
    problem:
      `"${name}" matches no case field, so the value is not sent. Known names: ${knownNames(schema)}. ` +
      'Start a name with "_" for a control the case should ignore.',
  };
}

const isDataControl = (el: Element): el is WebFormControl =>
  (el instanceof HTMLInputElement && !BUTTON_TYPES.has(el.type)) ||
  el instanceof HTMLSelectElement ||
  el instanceof HTMLTextAreaElement;

/** The form's data controls (inputs, selects, textareas; no buttons), including ones outside it with `form=`. */
export function formControls(form: HTMLFormElement): WebFormControl[] {
  return [...form.elements].filter(isDataControl);
}

/** The values a choice control offers (select options, checkbox and radio values). */
function offeredValues(controls: WebFormControl[]): string[] {
  const values: string[] = [];
  for (const c of controls) {
    if (c instanceof HTMLSelectElement) values.push(...[...c.options].map((o) => o.value));
    else if (isCheck(c) || isHiddenInput(c)) values.push(c.value);
  }
  return values.filter((v) => v !== '');
}

/** Groups the form's controls by error key and lists what the editor should know. */
export function scanWebForm(form: HTMLFormElement, schema: PortalSchema): WebFormScan {
  const entries = new Map<string, WebFormEntry>();
  const problems: string[] = [];
  const problem = (text: string) => {
    if (!problems.includes(text)) problems.push(text);
  };
  const add = (key: string, kind: WebFormEntry['kind'], control: WebFormControl, extra: Partial<WebFormEntry> = {}) => {
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { key, kind, names: [], controls: [], ...extra }));
    entry.controls.push(control);
    if (control.name && !entry.names.includes(control.name)) entry.names.push(control.name);
  };

  formControls(form).forEach((control, i) => {
    const name = control.name;
    if (isFileInput(control)) {
      if (!schema.features.attachments) {
        problem(`The file input "${name || '(unnamed)'}" is ignored: this backend takes no attachments.`);
        return;
      }
      add(`file:${name || `#${i}`}`, 'file', control);
      return;
    }
    // "_…" names are the editor's own (honeypots, consent boxes); "attachments" is never a case field.
    if (!name || name.startsWith('_') || name === 'attachments') {
      add(`other:${name || `#${i}`}`, 'other', control);
      return;
    }
    const target = mapName(schema, name);
    if (target.kind === 'builtin') add(target.key, 'builtin', control, { builtin: target.key });
    else if (target.kind === 'field') add(fieldErrorKey(target.def.key), 'field', control, { def: target.def });
    else {
      problem(target.problem);
      add(`other:${name}`, 'other', control);
    }
  });

  // A required value the form can't give: the case can never be created.
  for (const key of ['subject', 'description'] as const) {
    if (!entries.has(key)) problem(`The form has no control named "${key}", which every case needs.`);
  }
  for (const def of createFields(schema)) {
    if (def.required && !entries.has(fieldErrorKey(def.key))) {
      problem(`The form has no control for the required field "${def.key}" (${def.label}): add one named "fields.${def.key}".`);
    }
  }
  // Choices the schema does not offer: picking one can only end in an error.
  for (const entry of entries.values()) {
    let options: readonly Option[] | undefined;
    if (entry.builtin === 'service' || entry.builtin === 'category' || entry.builtin === 'priority') {
      options = builtInOptions(schema, entry.builtin);
    } else if (entry.def && (entry.def.type === 'choice' || entry.def.type === 'multichoice')) {
      options = entry.def.options;
    }
    if (!options) continue;
    const unknown = offeredValues(entry.controls).filter((v) => !options.some((o) => o.value === v));
    if (unknown.length) {
      problem(`"${entry.names.join('", "')}" offers ${unknown.map((v) => `"${v}"`).join(', ')}, which the backend does not know: choosing it gives an error.`);
    }
  }
  return { entries, problems };
}

/** One custom field's value from the form's strings (and its controls, for a number the browser couldn't read). */
function fieldValue(def: FieldDef, strings: string[], controls: WebFormControl[]): FieldValue {
  switch (def.type) {
    case 'checkbox':
      return strings.some((v) => !FALSY.test(v.trim()));
    case 'multichoice':
      return [...new Set(strings.filter((v) => v !== ''))];
    case 'number': {
      if (controls.some((c) => c instanceof HTMLInputElement && c.validity.badInput)) return Number.NaN;
      const s = (strings[0] ?? '').trim();
      return s === '' ? null : Number(s);
    }
    default:
      return strings[0] ?? '';
  }
}

/**
 * The form's values as the built-in form holds them: checkbox → boolean, multichoice → every
 * checked or selected value, number → number or null (NaN when unreadable), dates as strings.
 * Read through FormData, so disabled controls and unchecked boxes count as the browser counts them.
 */
export function readWebForm(form: HTMLFormElement, schema: PortalSchema, scan: WebFormScan): WebFormValues {
  const data = new FormData(form);
  const strings = (names: string[]) =>
    names.flatMap((n) => data.getAll(n)).filter((v): v is string => typeof v === 'string');
  const values: WebFormValues = { ...emptyValues(schema), priority: '' };
  for (const entry of scan.entries.values()) {
    if (entry.kind === 'builtin' && entry.builtin) values[entry.builtin] = strings(entry.names)[0] ?? '';
    else if (entry.kind === 'field' && entry.def) {
      values.fields[entry.def.key] = fieldValue(entry.def, strings(entry.names), entry.controls);
    }
  }
  return values;
}

/** The editor's own constraint (required, pattern, min, type=email…) a control breaks, in catalog words where there are some. */
function nativeProblem(controls: WebFormControl[], t: Translate): string | null {
  const group = controls.filter(isCheck).length > 1;
  for (const c of controls) {
    // Our own message from an earlier check must not hide the browser's reason.
    c.setCustomValidity('');
    const v = c.validity;
    if (v.valid) continue;
    if (v.valueMissing) {
      if (isFileInput(c)) return t('create.webform.fileRequired');
      if (c instanceof HTMLSelectElement || (c instanceof HTMLInputElement && c.type === 'radio') || group) return t('field.error.requiredChoice');
      if (c instanceof HTMLInputElement && c.type === 'checkbox') return t('field.error.requiredCheck');
      return t('field.error.required');
    }
    if (c instanceof HTMLInputElement) {
      if (v.typeMismatch) return c.type === 'email' ? t('field.error.email') : c.type === 'url' ? t('field.error.url') : c.validationMessage;
      if (v.badInput) return c.type === 'number' ? t('field.error.number') : c.type.startsWith('date') ? t('field.error.date') : c.validationMessage;
      if (v.rangeUnderflow) return t('field.error.min', { min: c.min });
      if (v.rangeOverflow) return t('field.error.max', { max: c.max });
    }
    if (v.tooLong && !(c instanceof HTMLSelectElement)) return t('field.error.tooLong', { max: c.maxLength });
    return c.validationMessage;
  }
  return null;
}

/**
 * Every problem before sending, by error key: the built-in form's rules (`validate`), choices
 * the schema does not offer, then the constraints the editor wrote on their controls. Keys without
 * controls (a required field the form lacks) are kept: they belong in the summary.
 */
export function validateWebForm(
  schema: PortalSchema,
  values: WebFormValues,
  scan: WebFormScan,
  t: Translate,
): Record<string, string> {
  const errors = validate(schema, values, t);
  for (const key of ['service', 'category', 'priority'] as const) {
    const value = values[key];
    if (value && !builtInOptions(schema, key).some((o) => o.value === value)) errors[key] = t('field.error.requiredChoice');
  }
  for (const def of createFields(schema)) {
    const value = values.fields[def.key];
    if (def.type !== 'multichoice' || !Array.isArray(value) || !def.options) continue;
    const key = fieldErrorKey(def.key);
    if (!errors[key] && value.some((v) => !def.options!.some((o) => o.value === v))) errors[key] = t('field.error.requiredChoice');
  }
  for (const entry of scan.entries.values()) {
    if (errors[entry.key] || entry.kind === 'file') continue;
    const problem = nativeProblem(entry.controls, t);
    if (problem) errors[entry.key] = problem;
  }
  return errors;
}

/** The adapter's input: the built-in form's rules (trimmed, only known keys) plus the priority. */
export function webFormInput(schema: PortalSchema, values: WebFormValues): CaseInput {
  const input = buildInput(schema, values);
  if (schema.priorities.length > 0 && values.priority) input.priority = values.priority;
  return input;
}

/** Server field errors → this form's keys; anything without a control in the form comes back apart, never hidden. */
export function mapWebFormServerErrors(
  schema: PortalSchema,
  scan: WebFormScan,
  fieldErrors: Record<string, string>,
  label: (key: string) => string,
  t: Translate,
): { byKey: Record<string, string>; unmatched: string[] } {
  const byKey: Record<string, string> = {};
  const rest: Record<string, string> = {};
  const firstFile = [...scan.entries.values()].find((e) => e.kind === 'file')?.key;
  for (const [key, message] of Object.entries(fieldErrors)) {
    if (key === 'priority' && scan.entries.has('priority')) byKey['priority'] = message;
    else if ((key === 'attachmentIds' || key === 'attachments' || key === 'file') && firstFile) byKey[firstFile] = message;
    else rest[key] = message;
  }
  const mapped = mapServerErrors(schema, rest);
  const unmatched: string[] = [];
  for (const [key, message] of Object.entries(mapped.byKey)) {
    if (scan.entries.has(key)) byKey[key] = message;
    else unmatched.push(t('create.webform.item', { label: label(key), message }));
  }
  unmatched.push(...mapped.unmatched);
  return { byKey, unmatched };
}

// ---- files ----

export interface PickedFile {
  file: File;
  /** The entry key of the input it was picked in. */
  key: string;
}

/**
 * Every picked file against the schema's limits (size, type, count), before a byte is sent:
 * the files that may go, and one message per file input that holds a refused one.
 */
export function checkFiles(
  scan: WebFormScan,
  limits: Limits,
  t: Translate,
  locale: string,
): { accepted: PickedFile[]; errors: Record<string, string> } {
  const accepted: PickedFile[] = [];
  const errors: Record<string, string> = {};
  for (const entry of scan.entries.values()) {
    if (entry.kind !== 'file') continue;
    const messages: string[] = [];
    let tooMany = false;
    for (const input of entry.controls) {
      if (input.disabled) continue;
      for (const file of (input as HTMLInputElement).files ?? []) {
        const problem = attachmentProblem(file, limits);
        if (problem === 'too_large') {
          messages.push(t('create.webform.fileTooLarge', { name: file.name, max: formatBytes(limits.maxAttachmentBytes, locale) }));
        } else if (problem === 'unsupported_type') {
          messages.push(t('create.webform.fileType', { name: file.name }));
        } else if (limits.maxAttachmentsPerMessage > 0 && accepted.length >= limits.maxAttachmentsPerMessage) {
          tooMany = true;
        } else {
          accepted.push({ file, key: entry.key });
        }
      }
    }
    if (tooMany) messages.push(t('create.webform.tooManyFiles', { max: limits.maxAttachmentsPerMessage }));
    if (messages.length) errors[entry.key] = [...messages, t('create.webform.pickAgain')].join(' ');
  }
  return { accepted, errors };
}

/** Names of the files picked in the form: a draft keeps these so the customer can be asked to attach them again. */
export function pickedFileNames(scan: WebFormScan): string[] {
  const names: string[] = [];
  for (const entry of scan.entries.values()) {
    if (entry.kind !== 'file') continue;
    for (const input of entry.controls) for (const file of (input as HTMLInputElement).files ?? []) names.push(file.name);
  }
  return names;
}

// ---- drafts ----

/** What survives a reload: the controls' values by name (no files, only their names) and the idempotency key. */
export interface WebFormDraft {
  key: string;
  values: Record<string, string[]>;
  files: string[];
}

export function isWebFormDraft(v: unknown): v is WebFormDraft {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as WebFormDraft;
  return (
    typeof d.key === 'string' &&
    d.key.length > 0 &&
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

// ---- messages beside the editor's controls ----

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
