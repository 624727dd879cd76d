import { EDITABLE_BUILTINS, type CaseRecord, type EditableBuiltin, type FieldDef, type PortalSchema, type StatusDef } from './model.js';

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

/** Built-in keys the customer may change, in the schema's order, unknown names dropped. */
export function editableBuiltins(schema: PortalSchema): EditableBuiltin[] {
  return (schema.editableBuiltins ?? []).filter((k) => EDITABLE_BUILTINS.includes(k));
}

/** Custom fields the customer may change after creation. */
export function editableFields(schema: PortalSchema): FieldDef[] {
  return schema.fields.filter((f) => f.editable);
}

/** Whether the update dialog would have anything in it. */
export function hasEditableKeys(schema: PortalSchema): boolean {
  return editableBuiltins(schema).length > 0 || editableFields(schema).length > 0;
}
