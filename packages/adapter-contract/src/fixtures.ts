/** Helpers for the adapter contract suite: valid inputs derived from any schema, error assertions. */
import { expect } from 'chai';
import {
  isAbortError,
  isAdapterError,
  type AdapterErrorCode,
  type CaseAdapter,
  type CaseInput,
  type CaseRecord,
  type FieldDef,
  type FieldValue,
  type PortalSchema,
} from '@case-portal/core';

/** A value the field accepts, so the suite can create cases on any backend's schema. */
export function sampleValue(f: FieldDef): FieldValue {
  switch (f.type) {
    case 'choice':
      return f.options?.[0]?.value ?? 'x';
    case 'multichoice':
      return f.options?.[0] ? [f.options[0].value] : [];
    case 'number':
      return f.min ?? 1;
    case 'checkbox':
      return true;
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'datetime':
      return new Date().toISOString();
    case 'email':
      return 'someone@example.com';
    case 'url':
      return 'https://example.com/';
    default:
      return 'CT-1'.slice(0, f.maxLength ?? 4);
  }
}

let counter = 0;

/** A create input with every required create-form field filled; the subject is unique per call. */
export function caseInput(schema: PortalSchema, subject = `Contract test ${Date.now()}-${++counter}`): CaseInput {
  const fields: Record<string, FieldValue> = {};
  for (const f of schema.fields) if (f.required && f.onCreate !== false) fields[f.key] = sampleValue(f);
  const input: CaseInput = { subject, description: `Created by the adapter contract suite: ${subject}.`, fields };
  if (schema.categories[0]) input.category = schema.categories[0].value;
  if (schema.services[0]) input.service = schema.services[0].value;
  return input;
}

export async function createCase(adapter: CaseAdapter, subject?: string): Promise<CaseRecord> {
  return adapter.createCase(caseInput(await adapter.describe(), subject));
}

/** Awaits a rejection and checks it is an AdapterError with one of the codes. */
export async function expectAdapterError(p: Promise<unknown>, codes: AdapterErrorCode | AdapterErrorCode[]): Promise<void> {
  const allowed = Array.isArray(codes) ? codes : [codes];
  let error: unknown = null;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a rejection').to.not.equal(null);
  expect(isAdapterError(error), `expected an AdapterError, got ${String(error)}`).to.equal(true);
  if (isAdapterError(error)) expect(allowed, `code ${error.code}`).to.include(error.code);
}

export async function expectAbortError(p: Promise<unknown>): Promise<void> {
  let error: unknown = null;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(isAbortError(error), `expected an AbortError, got ${String(error)}`).to.equal(true);
}
