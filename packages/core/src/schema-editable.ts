/**
 * What a customer may change on a case after creating it, from the schema: the case view's update
 * dialog and the lifecycle policy ask. A module of its own so a first screen (the list) does not carry it.
 */
import { EDITABLE_BUILTINS, type EditableBuiltin, type FieldDef, type PortalSchema } from './model.js';

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
