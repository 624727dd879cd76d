import {
  editableBuiltins,
  editableFields,
  type CasePatch,
  type CaseRecord,
  type FieldDef,
  type FieldValue,
  type PortalSchema,
} from '@case-portal/core';
import type { Translate } from '../shared/field-controls.js';
import { validateField } from '../shared/field-validation.js';

/** Subject length a backend accepts; the memory adapter and the REST contract agree on it. */
const SUBJECT_MAX = 250;

/** What the update dialog edits: each key with the field definition its control is built from. */
export interface UpdateField {
  /** The patch key: a built-in name or a custom field key. */
  key: string;
  def: FieldDef;
}

/**
 * Exactly the schema's editable keys, built-ins first. Built-ins get a definition like a custom
 * field's, so one control and one validation serve them all.
 */
export function updateFields(schema: PortalSchema, t: Translate): UpdateField[] {
  const builtins = editableBuiltins(schema).map((key): UpdateField => {
    switch (key) {
      case 'subject':
        return { key, def: { key, label: t('detail.subject'), type: 'text', required: true, maxLength: SUBJECT_MAX } };
      case 'priority':
        return { key, def: { key, label: t('detail.priority'), type: 'choice', options: schema.priorities } };
      case 'category':
        return { key, def: { key, label: t('detail.category'), type: 'choice', options: schema.categories } };
    }
  });
  return [...builtins, ...editableFields(schema).map((def) => ({ key: def.key, def }))];
}

/** The case's current value of a key, as the control holds it. */
export function currentValue(c: CaseRecord, key: string, def: FieldDef): FieldValue {
  if (key === 'subject') return c.subject;
  if (key === 'priority' || key === 'category') return c[key] ?? '';
  const v = c.fields[key];
  if (v !== undefined && v !== null) return v;
  return def.type === 'multichoice' ? [] : def.type === 'checkbox' ? false : def.type === 'number' ? null : '';
}

export function valuesOf(c: CaseRecord, fields: UpdateField[]): Record<string, FieldValue> {
  return Object.fromEntries(fields.map((f) => [f.key, currentValue(c, f.key, f.def)]));
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what the customer changed: an untouched field is never sent, so it can't overwrite anything. */
export function buildPatch(
  fields: UpdateField[],
  base: Record<string, FieldValue>,
  values: Record<string, FieldValue>,
  version: number,
): CasePatch {
  const changes: Record<string, FieldValue> = {};
  for (const { key, def } of fields) {
    if (same(base[key], values[key])) continue;
    const v = values[key];
    changes[key] = typeof v === 'string' ? (def.type === 'choice' && v === '' ? null : v.trim()) : (v ?? null);
  }
  return { changes, version };
}

export function validateUpdate(fields: UpdateField[], values: Record<string, FieldValue>, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { key, def } of fields) {
    const v = values[key];
    const problem =
      key === 'subject' && typeof v === 'string' && !v.trim() ? t('field.error.required') : validateField(def, v, t);
    if (problem) errors[key] = problem;
  }
  return errors;
}

/**
 * After a version conflict: the keys someone else changed meanwhile (their new values are shown
 * beside the fields), and the form's values rebased on the latest case. What the customer typed
 * stays; fields they did not touch take the latest values, so saving again overwrites nothing
 * they have not seen.
 */
export function rebase(
  fields: UpdateField[],
  base: Record<string, FieldValue>,
  values: Record<string, FieldValue>,
  latest: CaseRecord,
): { base: Record<string, FieldValue>; values: Record<string, FieldValue>; changedElsewhere: string[] } {
  const fresh = valuesOf(latest, fields);
  const changedElsewhere = fields.map((f) => f.key).filter((k) => !same(base[k], fresh[k]));
  const next: Record<string, FieldValue> = {};
  for (const { key } of fields) next[key] = same(base[key], values[key]) ? fresh[key]! : values[key]!;
  return { base: fresh, values: next, changedElsewhere };
}

/** Backend field errors → the dialog's keys ("fields.product" and "product" both mean product). */
export function mapPatchErrors(fields: UpdateField[], fieldErrors: Record<string, string>): { byKey: Record<string, string>; other: string[] } {
  const keys = new Set(fields.map((f) => f.key));
  const byKey: Record<string, string> = {};
  const other: string[] = [];
  for (const [k, message] of Object.entries(fieldErrors)) {
    const key = k.startsWith('fields.') ? k.slice('fields.'.length) : k;
    if (keys.has(key)) byKey[key] = message;
    else other.push(message);
  }
  return { byKey, other };
}
