import type { CaseStatus, PortalSchema } from './model.js';

// Apart from localizeSchema (schema-translations.ts), which a page needs only for a schema with
// `translations`: these two are used by every list (statusLabel) and the templates (baseSchema).

/** A localized schema → the schema as the backend gave it (schema-translations.ts fills it). */
export const baseOf = new WeakMap<PortalSchema, PortalSchema>();

/**
 * A status's label in the schema's words: a case or history entry carries the label the backend
 * wrote with it (in the base language); the schema, localized, knows the status by id.
 */
export function statusLabel(status: CaseStatus, schema: PortalSchema | undefined): string {
  return schema?.statuses.find((s) => s.id === status.id)?.label ?? status.label;
}

/** The schema as the backend gave it, before localizeSchema (itself when it was never localized). */
export function baseSchema(schema: PortalSchema): PortalSchema {
  return baseOf.get(schema) ?? schema;
}
