/**
 * The memory adapter's input checks: the shared ones from core, thrown as the AdapterError a real
 * backend's 422 becomes in the REST adapter.
 */
import { AdapterError, type FieldErrors } from '@case-portal/core';

export { applyPatch, BODY_MAX, checkCaseInput, checkFieldValue, checkPatch, FEEDBACK_COMMENT_MAX, SUBJECT_MAX, type FieldErrors } from '@case-portal/core';

export function fail(fieldErrors: FieldErrors): never {
  throw new AdapterError('validation', {
    fieldErrors,
    backendMessage: Object.entries(fieldErrors)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' '),
  });
}
