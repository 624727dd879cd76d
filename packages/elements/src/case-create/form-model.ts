import type { CaseInput, FieldDef, FieldValue, PortalSchema } from '@case-portal/core';
import { isEmptyValue, validateField } from '../shared/field-validation.js';
import type { Translate } from '../shared/field-controls.js';

/** What the create form holds. Built-in inputs as strings, custom fields by their key. */
export interface CreateFormValues {
  subject: string;
  description: string;
  service: string;
  category: string;
  /** Addresses of people to copy on the case, as typed (commas, semicolons or spaces between). */
  participants: string;
  fields: Record<string, FieldValue>;
}

/** Error keys: the built-in names, and `fields.<key>` for custom fields (no collisions). */
export type BuiltInKey = 'subject' | 'description' | 'service' | 'category' | 'participants';
export const BUILT_IN_KEYS: readonly BuiltInKey[] = ['subject', 'description', 'service', 'category', 'participants'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The addresses typed in the participants field, each once (any case of letters). */
export function participantAddresses(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}
export const fieldErrorKey = (key: string): string => `fields.${key}`;

/** The custom fields the create form shows, in schema order. */
export function createFields(schema: PortalSchema): FieldDef[] {
  return schema.fields.filter((f) => f.onCreate);
}

export function emptyFieldValue(def: FieldDef): FieldValue {
  switch (def.type) {
    case 'multichoice':
      return [];
    case 'checkbox':
      return false;
    case 'number':
      return null;
    default:
      return '';
  }
}

export function emptyValues(schema: PortalSchema): CreateFormValues {
  const fields: Record<string, FieldValue> = {};
  for (const def of createFields(schema)) fields[def.key] = emptyFieldValue(def);
  return { subject: '', description: '', service: '', category: '', participants: '', fields };
}

/** A stored draft's values laid over empty ones: unknown keys dropped, wrong types reset. */
export function restoreValues(schema: PortalSchema, stored: unknown): CreateFormValues {
  const v = emptyValues(schema);
  if (typeof stored !== 'object' || stored === null) return v;
  const s = stored as Partial<Record<keyof CreateFormValues, unknown>>;
  for (const k of BUILT_IN_KEYS) if (typeof s[k] === 'string') v[k] = s[k] as string;
  const fields = typeof s.fields === 'object' && s.fields !== null ? (s.fields as Record<string, unknown>) : {};
  for (const def of createFields(schema)) {
    const value = fields[def.key];
    const empty = emptyFieldValue(def);
    if (value === undefined) continue;
    if (def.type === 'multichoice') {
      if (Array.isArray(value)) v.fields[def.key] = value.filter((x): x is string => typeof x === 'string');
    } else if (def.type === 'checkbox') {
      if (typeof value === 'boolean') v.fields[def.key] = value;
    } else if (def.type === 'number') {
      if (typeof value === 'number' || value === null) v.fields[def.key] = value;
    } else if (typeof value === 'string') {
      v.fields[def.key] = value;
    } else {
      v.fields[def.key] = empty;
    }
  }
  // Drop choice values the schema no longer offers.
  if (v.service && !schema.services.some((o) => o.value === v.service)) v.service = '';
  if (v.category && !schema.categories.some((o) => o.value === v.category)) v.category = '';
  return v;
}

/** True when nothing was typed or picked. */
export function isPristine(schema: PortalSchema, values: CreateFormValues): boolean {
  return JSON.stringify(values) === JSON.stringify(emptyValues(schema));
}

/** Every problem the client can see before sending, keyed by error key. Empty = valid. */
export function validate(schema: PortalSchema, values: CreateFormValues, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.subject.trim()) errors['subject'] = t('field.error.required');
  if (!values.description.trim()) errors['description'] = t('field.error.required');
  const addresses = participantAddresses(values.participants);
  const max = schema.participants?.max ?? 0;
  const bad = addresses.find((a) => !EMAIL.test(a));
  if (bad) errors['participants'] = t('create.participants.invalid', { address: bad });
  else if (max > 0 && addresses.length > max) errors['participants'] = t('create.participants.tooMany', { count: max });
  for (const def of createFields(schema)) {
    const problem = validateField(def, values.fields[def.key], t);
    if (problem) errors[fieldErrorKey(def.key)] = problem;
  }
  return errors;
}

/** The adapter's input: trimmed text, only fields with a value, no keys the schema does not offer. */
export function buildInput(schema: PortalSchema, values: CreateFormValues): CaseInput {
  const input: CaseInput = { subject: values.subject.trim(), description: values.description.trim() };
  if (schema.services.length > 0 && values.service) input.service = values.service;
  if (schema.categories.length > 0 && values.category) input.category = values.category;
  const addresses = schema.participants ? participantAddresses(values.participants) : [];
  if (addresses.length) input.participants = addresses.map((email) => ({ email }));
  const fields: Record<string, FieldValue> = {};
  for (const def of createFields(schema)) {
    const value = values.fields[def.key];
    if (value === undefined || isEmptyValue(value)) {
      if (def.type === 'checkbox' && value === false) fields[def.key] = false;
      continue;
    }
    fields[def.key] = typeof value === 'string' ? value.trim() : value;
  }
  if (Object.keys(fields).length > 0) input.fields = fields;
  return input;
}

/**
 * Server field errors → this form's error keys. The backend may say "subject", "fields.product"
 * or just "product"; anything that matches no input is returned apart so it is never hidden.
 */
export function mapServerErrors(
  schema: PortalSchema,
  fieldErrors: Record<string, string>,
): { byKey: Record<string, string>; unmatched: string[] } {
  const byKey: Record<string, string> = {};
  const unmatched: string[] = [];
  const custom = new Set(createFields(schema).map((f) => f.key));
  for (const [key, message] of Object.entries(fieldErrors)) {
    if ((BUILT_IN_KEYS as readonly string[]).includes(key)) byKey[key] = message;
    else if (key.startsWith('fields.') && custom.has(key.slice(7))) byKey[key] = message;
    else if (custom.has(key)) byKey[fieldErrorKey(key)] = message;
    else unmatched.push(message);
  }
  return { byKey, unmatched };
}
