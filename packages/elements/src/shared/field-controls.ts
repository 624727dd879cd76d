import { html, nothing, type TemplateResult } from 'lit';
import type { FieldDef, FieldValue, Option } from '@case-portal/core';
import type { MessageKey, Params } from '../i18n/i18n.js';

export type Translate = (key: MessageKey, params?: Params) => string;

/** Element ids are derived from field keys; keep them to characters every selector accepts. */
export const controlId = (key: string): string => `f-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** What one field's control needs from the form that holds it. */
export interface FieldControlOptions {
  /** The control's element id; help and error text get `<id>-help` / `<id>-error`. */
  id: string;
  /** The message beside the field, if any. */
  error?: string | undefined;
  t: Translate;
  onChange(value: FieldValue): void;
}

/** Label text with the visible required mark (the control carries `required` + `aria-required`). */
export function labelText(label: string, required: boolean): unknown {
  return html`${label}${required ? html`<span part="required-mark" class="required" aria-hidden="true">*</span>` : nothing}`;
}

/** ids of help and error text, for aria-describedby. */
export function describedBy(id: string, help: boolean): string {
  return help ? `${id}-help ${id}-error` : `${id}-error`;
}

/** Help text and the (always present, so screen readers find it) error line of one field. */
export function fieldMessages(id: string, error: string | undefined, help?: string): unknown {
  return html`${help ? html`<p id="${id}-help" part="help" class="hint">${help}</p>` : nothing}
    <p id="${id}-error" part="field-error" class="field-error">${error ?? ''}</p>`;
}

export function selectControl(
  id: string,
  options: readonly Option[],
  value: string,
  opts: { required: boolean; error?: string | undefined; help?: boolean; t: Translate; onChange(value: string): void },
): TemplateResult {
  return html`<select
    id=${id}
    part="select"
    ?required=${opts.required}
    aria-required=${opts.required ? 'true' : 'false'}
    aria-invalid=${opts.error ? 'true' : 'false'}
    aria-describedby=${describedBy(id, !!opts.help)}
    @change=${(e: Event) => opts.onChange((e.target as HTMLSelectElement).value)}
  >
    <option value="" ?selected=${value === ''}>${opts.t('field.choose')}</option>
    ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
  </select>`;
}

/**
 * One schema field as a labelled control with its help and error text, for every field type:
 * the create form and the update dialog render fields the same way.
 */
export function fieldControl(def: FieldDef, value: FieldValue | undefined, o: FieldControlOptions): TemplateResult {
  const { id, error } = o;
  const required = !!def.required;
  const invalid = error ? 'true' : 'false';
  const described = describedBy(id, !!def.help);
  const fieldPart = `field field-${def.key}`;

  if (def.type === 'multichoice') {
    const selected = Array.isArray(value) ? value : [];
    return html`<fieldset part="${fieldPart} group" class="field" id=${id} aria-describedby=${described}>
      <legend part="label">
        ${labelText(def.label, required)}${required ? html`<span class="visually-hidden">(${o.t('common.required')})</span>` : nothing}
      </legend>
      ${(def.options ?? []).map((option, i) => {
        const optionId = `${id}-${i}`;
        return html`<div class="check">
          <input
            id=${optionId}
            part="checkbox"
            type="checkbox"
            value=${option.value}
            aria-invalid=${invalid}
            .checked=${selected.includes(option.value)}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const rest = selected.filter((v) => v !== option.value);
              o.onChange(on ? [...rest, option.value] : rest);
            }}
          />
          <label for=${optionId}>${option.label}</label>
        </div>`;
      })}
      ${fieldMessages(id, error, def.help)}
    </fieldset>`;
  }

  if (def.type === 'checkbox') {
    return html`<div part=${fieldPart} class="field">
      <div class="check single">
        <input
          id=${id}
          part="checkbox"
          type="checkbox"
          ?required=${required}
          aria-required=${required ? 'true' : 'false'}
          aria-invalid=${invalid}
          aria-describedby=${described}
          .checked=${value === true}
          @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
        />
        <label part="label" for=${id}>${labelText(def.label, required)}</label>
      </div>
      ${fieldMessages(id, error, def.help)}
    </div>`;
  }

  let control: TemplateResult;
  if (def.type === 'choice') {
    control = selectControl(id, def.options ?? [], typeof value === 'string' ? value : '', {
      required,
      error,
      help: !!def.help,
      t: o.t,
      onChange: (v) => o.onChange(v),
    });
  } else if (def.type === 'longtext') {
    control = html`<textarea
      id=${id}
      part="textarea"
      ?required=${required}
      aria-required=${required ? 'true' : 'false'}
      aria-invalid=${invalid}
      aria-describedby=${described}
      maxlength=${def.maxLength ?? nothing}
      .value=${typeof value === 'string' ? value : ''}
      @input=${(e: Event) => o.onChange((e.target as HTMLTextAreaElement).value)}
    ></textarea>`;
  } else if (def.type === 'number') {
    control = html`<input
      id=${id}
      part="input"
      type="number"
      step="any"
      min=${def.min ?? nothing}
      max=${def.max ?? nothing}
      ?required=${required}
      aria-required=${required ? 'true' : 'false'}
      aria-invalid=${invalid}
      aria-describedby=${described}
      .value=${typeof value === 'number' && Number.isFinite(value) ? String(value) : ''}
      @input=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        o.onChange(input.validity.badInput ? Number.NaN : input.value === '' ? null : input.valueAsNumber);
      }}
    />`;
  } else {
    const type =
      def.type === 'date'
        ? 'date'
        : def.type === 'datetime'
          ? 'datetime-local'
          : def.type === 'email'
            ? 'email'
            : def.type === 'url'
              ? 'url'
              : 'text';
    control = html`<input
      id=${id}
      part="input"
      type=${type}
      ?required=${required}
      aria-required=${required ? 'true' : 'false'}
      aria-invalid=${invalid}
      aria-describedby=${described}
      maxlength=${def.type === 'text' && def.maxLength ? def.maxLength : nothing}
      autocomplete=${def.type === 'email' ? 'email' : 'off'}
      .value=${typeof value === 'string' ? value : ''}
      @input=${(e: Event) => o.onChange((e.target as HTMLInputElement).value)}
    />`;
  }

  return html`<div part=${fieldPart} class="field">
    <label part="label" for=${id}>${labelText(def.label, required)}</label>
    ${control} ${fieldMessages(id, error, def.help)}
  </div>`;
}
