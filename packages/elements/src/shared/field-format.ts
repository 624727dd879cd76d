import { formatDate, formatList, formatNumber, optionLabel, type FieldDef, type FieldValue } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';

/** A custom field's value as text, formatted by its type. Empty values become ''. */
export function formatFieldValue(def: FieldDef | undefined, value: FieldValue | undefined, i18n: I18n): string {
  if (value == null || value === '') return '';
  const locale = i18n.locale;
  switch (def?.type) {
    case 'number':
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'date':
      return formatDate(String(value), locale, 'date');
    case 'datetime':
      return formatDate(String(value), locale, 'datetime');
    case 'checkbox':
      return value === true ? i18n.t('common.yes') : i18n.t('common.no');
    case 'choice':
      return optionLabel(def.options ?? [], String(value));
    case 'multichoice': {
      const values = Array.isArray(value) ? value : [String(value)];
      const labels = values.map((v) => optionLabel(def.options ?? [], v));
      return formatList(labels, locale);
    }
    default:
      // A list of values reads as the language lists them ("a, b und c", "a، b وc").
      return Array.isArray(value) ? formatList(value.map(String), locale) : String(value);
  }
}
