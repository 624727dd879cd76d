/**
 * Which control name goes where: `subject`, `description`, `service`, `category`, `priority`,
 * `fields.<key>` or a bare schema key; `_`-prefixed names are the editor's own. `scanWebForm`
 * groups a form's controls by the case key they fill and lists the editor's mistakes.
 */
import type { FieldDef, Option, PortalSchema } from '@case-portal/core';
import { createFields, fieldErrorKey } from '../form-model.js';
import { formControls, isCheck, isFileInput, isHiddenInput, type WebFormControl } from './controls.js';

/** Built-in case keys a control may be named after. */
export type WebFormBuiltIn = 'subject' | 'description' | 'service' | 'category' | 'priority';

/** Where one control name goes. */
export type NameTarget =
  | { kind: 'builtin'; key: WebFormBuiltIn }
  | { kind: 'field'; def: FieldDef }
  | { kind: 'unknown'; problem: string };

/**
 * The controls of one error key, in document order:
 * - `builtin`: `subject`, `description`, `service`, `category`, `priority`;
 * - `field`: a custom field, key `fields.<key>` (named `fields.<key>` or `<key>` in the form);
 * - `file`: one file input, key `file:<name>`;
 * - `other`: ignored names (`_…`, unnamed, unknown), key `other:<name>`: never sent, but the
 *   editor's own constraints (`required` on a consent box) still apply.
 */
export interface WebFormEntry {
  key: string;
  kind: 'builtin' | 'field' | 'file' | 'other';
  builtin?: WebFormBuiltIn;
  def?: FieldDef;
  names: string[];
  controls: WebFormControl[];
}

export interface WebFormScan {
  /** By error key, in the document order of each key's first control. */
  entries: Map<string, WebFormEntry>;
  /** For the editor (console + case-error), never for the customer. */
  problems: string[];
}

/** The options the schema offers for a built-in choice; empty = the backend has none. */
export function builtInOptions(schema: PortalSchema, key: 'service' | 'category' | 'priority'): readonly Option[] {
  return key === 'service' ? schema.services : key === 'category' ? schema.categories : schema.priorities;
}

/** The names a control can have, for the editor's warnings. */
function knownNames(schema: PortalSchema): string {
  const builtins = ['subject', 'description', 'service', 'category', 'priority'].filter(
    (k) => k === 'subject' || k === 'description' || builtInOptions(schema, k as 'service').length > 0,
  );
  const custom = createFields(schema).map((f) => `fields.${f.key}`);
  return [...builtins, ...custom].join(', ');
}

/** Where a control name goes: `subject`…`priority`, `fields.<key>` or a bare custom field key. */
export function mapName(schema: PortalSchema, name: string): NameTarget {
  if (name === 'subject' || name === 'description') return { kind: 'builtin', key: name };
  if (name === 'service' || name === 'category' || name === 'priority') {
    if (builtInOptions(schema, name).length > 0) return { kind: 'builtin', key: name };
    return { kind: 'unknown', problem: `"${name}": this backend has no ${name} to choose, so the value is not sent.` };
  }
  const key = name.startsWith('fields.') ? name.slice('fields.'.length) : name;
  const def = schema.fields.find((f) => f.key === key);
  if (def?.onCreate) return { kind: 'field', def };
  if (def) return { kind: 'unknown', problem: `"${name}": the field "${key}" can't be set when a case is created, so the value is not sent.` };
  return {
    kind: 'unknown',
    problem:
      `"${name}" matches no case field, so the value is not sent. Known names: ${knownNames(schema)}. ` +
      'Start a name with "_" for a control the case should ignore.',
  };
}

/** The values a choice control offers (select options, checkbox and radio values). */
function offeredValues(controls: WebFormControl[]): string[] {
  const values: string[] = [];
  for (const c of controls) {
    if (c instanceof HTMLSelectElement) values.push(...[...c.options].map((o) => o.value));
    else if (isCheck(c) || isHiddenInput(c)) values.push(c.value);
  }
  return values.filter((v) => v !== '');
}

/** Groups the form's controls by error key and lists what the editor should know. */
export function scanWebForm(form: HTMLFormElement, schema: PortalSchema): WebFormScan {
  const entries = new Map<string, WebFormEntry>();
  const problems: string[] = [];
  const problem = (text: string) => {
    if (!problems.includes(text)) problems.push(text);
  };
  const add = (key: string, kind: WebFormEntry['kind'], control: WebFormControl, extra: Partial<WebFormEntry> = {}) => {
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { key, kind, names: [], controls: [], ...extra }));
    entry.controls.push(control);
    if (control.name && !entry.names.includes(control.name)) entry.names.push(control.name);
  };

  formControls(form).forEach((control, i) => {
    const name = control.name;
    if (isFileInput(control)) {
      if (!schema.features.attachments) {
        problem(`The file input "${name || '(unnamed)'}" is ignored: this backend takes no attachments.`);
        return;
      }
      add(`file:${name || `#${i}`}`, 'file', control);
      return;
    }
    // "_…" names are the editor's own (honeypots, consent boxes); "attachments" is never a case field.
    if (!name || name.startsWith('_') || name === 'attachments') {
      add(`other:${name || `#${i}`}`, 'other', control);
      return;
    }
    const target = mapName(schema, name);
    if (target.kind === 'builtin') add(target.key, 'builtin', control, { builtin: target.key });
    else if (target.kind === 'field') add(fieldErrorKey(target.def.key), 'field', control, { def: target.def });
    else {
      problem(target.problem);
      add(`other:${name}`, 'other', control);
    }
  });

  // A required value the form can't give: the case can never be created.
  for (const key of ['subject', 'description'] as const) {
    if (!entries.has(key)) problem(`The form has no control named "${key}", which every case needs.`);
  }
  for (const def of createFields(schema)) {
    if (def.required && !entries.has(fieldErrorKey(def.key))) {
      problem(`The form has no control for the required field "${def.key}" (${def.label}): add one named "fields.${def.key}".`);
    }
  }
  // Choices the schema does not offer: picking one can only end in an error.
  for (const entry of entries.values()) {
    let options: readonly Option[] | undefined;
    if (entry.builtin === 'service' || entry.builtin === 'category' || entry.builtin === 'priority') {
      options = builtInOptions(schema, entry.builtin);
    } else if (entry.def && (entry.def.type === 'choice' || entry.def.type === 'multichoice')) {
      options = entry.def.options;
    }
    if (!options) continue;
    const unknown = offeredValues(entry.controls).filter((v) => !options.some((o) => o.value === v));
    if (unknown.length) {
      problem(`"${entry.names.join('", "')}" offers ${unknown.map((v) => `"${v}"`).join(', ')}, which the backend does not know: choosing it gives an error.`);
    }
  }
  return { entries, problems };
}
