/**
 * Input checks shared by every backend that validates itself (the memory adapter, the case server),
 * so both refuse the same input with the same field errors.
 * Answered the way a real backend would: per-field messages in `fieldErrors`.
 * Messages are for developers and the backend-message slot; the UI shows its own catalog text.
 */
import type { CaseInput } from './adapter.js';
import type { CaseRecord, FieldDef, FieldValue, Option, PortalSchema } from './model.js';
import { editableBuiltins } from './schema-editable.js';

export type FieldErrors = Record<string, string>;

export const SUBJECT_MAX = 250;
export const BODY_MAX = 32_000;
export const FEEDBACK_COMMENT_MAX = 2000;

const isOption = (options: readonly Option[], v: unknown) => typeof v === 'string' && options.some((o) => o.value === v);
const blank = (v: FieldValue | undefined) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** One custom field's value against its definition: an error message, or null when valid. */
export function checkFieldValue(def: FieldDef, value: FieldValue | undefined): string | null {
  if (blank(value)) return def.required ? 'Required.' : null;
  switch (def.type) {
    case 'text':
    case 'longtext':
      if (typeof value !== 'string') return 'Must be text.';
      if (def.maxLength && value.length > def.maxLength) return `At most ${def.maxLength} characters.`;
      return null;
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? null : 'Not an e-mail address.';
    case 'url':
      return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value) ? null : 'Not a web address (http or https).';
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Must be a number.';
      if (def.min !== undefined && value < def.min) return `At least ${def.min}.`;
      if (def.max !== undefined && value > def.max) return `At most ${def.max}.`;
      return null;
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'Not a date (YYYY-MM-DD).';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'Not a date and time.';
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'Must be true or false.';
    case 'choice':
      return isOption(def.options ?? [], value) ? null : 'Unknown option.';
    case 'multichoice':
      return Array.isArray(value) && value.every((v) => isOption(def.options ?? [], v)) ? null : 'Unknown option.';
  }
}

function checkOptional(errors: FieldErrors, key: string, options: readonly Option[], value: unknown): void {
  if (value !== null && value !== undefined && value !== '' && !isOption(options, value)) errors[key] = 'Unknown option.';
}

function checkSubject(errors: FieldErrors, subject: unknown): void {
  if (typeof subject !== 'string' || subject.trim() === '') errors.subject = 'Required.';
  else if (subject.trim().length > SUBJECT_MAX) errors.subject = `At most ${SUBJECT_MAX} characters.`;
}

/** A new case: subject, the built-in choices, and every custom field shown on the create form. */
export function checkCaseInput(schema: PortalSchema, input: CaseInput): FieldErrors {
  const errors: FieldErrors = {};
  checkSubject(errors, input.subject);
  if (input.description !== undefined && typeof input.description !== 'string') errors.description = 'Must be text.';
  else if ((input.description ?? '').length > BODY_MAX) errors.description = `At most ${BODY_MAX} characters.`;
  checkOptional(errors, 'service', schema.services, input.service);
  checkOptional(errors, 'category', schema.categories, input.category);
  checkOptional(errors, 'priority', schema.priorities, input.priority);

  if (input.participants !== undefined) {
    const max = schema.participants?.max ?? 0;
    if (!Array.isArray(input.participants)) errors.participants = 'A list of people.';
    else if (input.participants.length && max <= 0) errors.participants = 'This portal does not copy people on cases.';
    else if (input.participants.length > max) errors.participants = `At most ${max} people.`;
    else {
      const problem = input.participants.map(checkParticipantInput).find((p) => p !== null);
      if (problem) errors.participants = problem;
    }
  }

  const given = input.fields ?? {};
  for (const key of Object.keys(given)) {
    const def = schema.fields.find((f) => f.key === key);
    if (!def) errors[key] = 'Unknown field.';
    else if (!def.onCreate) errors[key] = 'Not settable on create.';
  }
  for (const def of schema.fields) {
    if (!def.onCreate || errors[def.key]) continue;
    const msg = checkFieldValue(def, given[def.key]);
    if (msg) errors[def.key] = msg;
  }
  return errors;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Someone to copy on a case: `{ email }` with an address, or `{ id }` of a colleague. An error message, or null. */
export function checkParticipantInput(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return 'An e-mail address or a colleague.';
  const { email, id } = input as { email?: unknown; id?: unknown };
  if (email !== undefined && id !== undefined) return 'An e-mail address or a colleague, not both.';
  if (id !== undefined) return typeof id === 'string' && id.trim() !== '' && id.length <= 200 ? null : 'Not a colleague.';
  return typeof email === 'string' && email.length <= 254 && EMAIL.test(email.trim()) ? null : 'Not an e-mail address.';
}

/** A patch: the built-in keys the schema lists in editableBuiltins (subject, priority, category) and custom fields marked editable. */
export function checkPatch(schema: PortalSchema, changes: Record<string, FieldValue>): FieldErrors {
  const errors: FieldErrors = {};
  const builtins: readonly string[] = editableBuiltins(schema);
  for (const [key, value] of Object.entries(changes)) {
    if ((key === 'subject' || key === 'priority' || key === 'category') && !builtins.includes(key)) {
      errors[key] = 'Not editable.';
      continue;
    }
    switch (key) {
      case 'subject':
        checkSubject(errors, value);
        continue;
      case 'priority':
        checkOptional(errors, key, schema.priorities, value);
        continue;
      case 'category':
        checkOptional(errors, key, schema.categories, value);
        continue;
    }
    const def = schema.fields.find((f) => f.key === key);
    if (!def) errors[key] = 'Unknown field.';
    else if (!def.editable) errors[key] = 'Not editable.';
    else {
      const msg = checkFieldValue(def, value);
      if (msg) errors[key] = msg;
    }
  }
  return errors;
}

/**
 * `c` with a checked patch applied (checkPatch first): the subject trimmed, an empty priority or
 * category as none, custom fields as given; `changed` false when nothing differs, so a backend can
 * answer with the case as it was (no new version, no history entry). The same in every backend
 * that stores cases itself.
 */
export function applyPatch(c: CaseRecord, changes: Record<string, FieldValue>): { next: CaseRecord; changed: boolean } {
  const next: CaseRecord = { ...c, fields: { ...c.fields } };
  let changed = false;
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'subject') {
      const v = String(value).trim();
      changed ||= v !== c.subject;
      next.subject = v;
    } else if (key === 'priority' || key === 'category') {
      const v = typeof value === 'string' && value ? value : null;
      changed ||= v !== (c[key] ?? null);
      next[key] = v;
    } else if (JSON.stringify(next.fields[key] ?? null) !== JSON.stringify(value ?? null)) {
      next.fields[key] = value;
      changed = true;
    }
  }
  return { next, changed };
}
