/**
 * The values of the editor's form: read as the built-in form holds them, checked with its rules
 * plus the editor's own constraints, turned into the adapter's input, and the server's field
 * errors mapped back onto the form's controls.
 */
import type { CaseInput, FieldDef, FieldValue, PortalSchema } from '@case-portal/core';
import type { Translate } from '../../shared/field-controls.js';
import {
  buildInput,
  createFields,
  emptyValues,
  fieldErrorKey,
  mapServerErrors,
  validate,
  type CreateFormValues,
} from '../form-model.js';
import { isCheck, isFileInput, type WebFormControl } from './controls.js';
import { builtInOptions, type WebFormScan } from './names.js';

/** What the editor's form holds: the built-in form's values plus the priority. */
export interface WebFormValues extends CreateFormValues {
  priority: string;
}

const FALSY = /^(|false|0|off|no)$/i;

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
