import { safeUrl, type FieldDef, type FieldValue } from '@case-portal/core';
import type { Translate } from './field-controls.js';

/**
 * Client-side checks of one schema field, with the catalog's messages: the create form and the
 * update dialog say the same thing about the same mistake, before any request.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmptyValue(value: FieldValue | undefined): boolean {
  return value == null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/** One custom field's problem, or null. */
export function validateField(def: FieldDef, value: FieldValue | undefined, t: Translate): string | null {
  if (def.type === 'number' && typeof value === 'number' && Number.isNaN(value)) return t('field.error.number');
  if (isEmptyValue(value)) {
    if (!def.required) return null;
    if (def.type === 'checkbox') return t('field.error.requiredCheck');
    if (def.type === 'choice' || def.type === 'multichoice') return t('field.error.requiredChoice');
    return t('field.error.required');
  }
  switch (def.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) return t('field.error.number');
      if (def.min != null && n < def.min) return t('field.error.min', { min: def.min });
      if (def.max != null && n > def.max) return t('field.error.max', { max: def.max });
      return null;
    }
    case 'email':
      return EMAIL.test(String(value).trim()) ? null : t('field.error.email');
    case 'url': {
      const url = String(value).trim();
      return /^https?:\/\//i.test(url) && safeUrl(url) && URL.canParse(url) ? null : t('field.error.url');
    }
    case 'date':
    case 'datetime':
      return Number.isNaN(Date.parse(String(value))) ? t('field.error.date') : null;
    case 'choice':
      return def.options && !def.options.some((o) => o.value === value) ? t('field.error.requiredChoice') : null;
    default:
      break;
  }
  if (def.maxLength != null && typeof value === 'string' && value.length > def.maxLength) {
    return t('field.error.tooLong', { max: def.maxLength });
  }
  return null;
}

