import type { CaseRecord, FieldDef, PortalSchema, StatusDef } from './model.js';

export function statusById(schema: PortalSchema, id: string): StatusDef | undefined {
  return schema.statuses.find((s) => s.id === id);
}

export function fieldDef(schema: PortalSchema, key: string): FieldDef | undefined {
  return schema.fields.find((f) => f.key === key);
}

export function optionLabel(options: readonly { value: string; label: string }[], value: string | null | undefined): string {
  if (value == null) return '';
  return options.find((o) => o.value === value)?.label ?? value;
}

/** The index of the workflow stage the case is in, or -1. */
export function currentStageIndex(schema: PortalSchema, c: CaseRecord): number {
  return schema.stages.findIndex((s) => s.categories.includes(c.status.category));
}
