/**
 * The CaseRecord paths a list or details template may use, so a typo like `{{subjet}}` or
 * `{{fields.contract}}` is reported to the editor instead of rendering blank.
 */
import type { PortalSchema } from '../model.js';

/**
 * Built-in paths that hold text, numbers, dates or lists of strings. Object-valued paths
 * (`status`, `owner`) are left out on purpose: they would render empty.
 */
export const CASE_TEMPLATE_PATHS: readonly string[] = [
  'id',
  'number',
  'subject',
  'description',
  'status.id',
  'status.label',
  'status.category',
  'origin',
  'priority',
  'category',
  'service',
  'requester.name',
  'owner.name',
  'account.name',
  'createdAt',
  'updatedAt',
  'closedAt',
  'reopenCount',
  'sla.response.dueAt',
  'sla.response.metAt',
  'sla.resolution.dueAt',
  'sla.resolution.metAt',
  'feedback.rating',
  'feedback.comment',
  'feedback.submittedAt',
  'relatedIds',
];

const BUILT_IN = new Set(CASE_TEMPLATE_PATHS);

/** For TemplateOptions.isKnownPath: a built-in path, or `fields.<key>` for a field the schema declares. */
export function casePathKnown(schema: Pick<PortalSchema, 'fields'>, path: string): boolean {
  if (BUILT_IN.has(path)) return true;
  if (!path.startsWith('fields.')) return false;
  const key = path.slice('fields.'.length);
  return !key.includes('.') && schema.fields.some((f) => f.key === key);
}
