import type { CaseRecord, FieldValue } from './model.js';

/**
 * A field's value: custom fields first; a few built-in keys (priority, category, service, owner,
 * dates) also work so hosts can filter on them the same way.
 */
export function caseFieldValue(c: CaseRecord, key: string): FieldValue | undefined {
  if (Object.prototype.hasOwnProperty.call(c.fields, key)) return c.fields[key];
  switch (key) {
    case 'priority':
      return c.priority ?? null;
    case 'category':
      return c.category ?? null;
    case 'service':
      return c.service ?? null;
    case 'origin':
      return c.origin;
    case 'owner':
      return c.owner?.id ?? null;
    case 'createdAt':
      return c.createdAt;
    case 'updatedAt':
      return c.updatedAt;
    case 'closedAt':
      return c.closedAt ?? null;
    default:
      return undefined;
  }
}
