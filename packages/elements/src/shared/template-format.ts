import {
  baseSchema,
  casePathKnown,
  compileTemplate,
  fieldDef,
  formatBytes,
  formatDate,
  formatNumber,
  formatRelative,
  formatTemplateValue,
  optionLabel,
  type CompiledTemplate,
  type PortalSchema,
  type TemplateFilter,
} from '@case-portal/core';
// The templates engine (core/template) and how case values fill it. In the single file this is a
// chunk of its own: a list loads it only when it has a <template> (template-source.ts finds that).
import type { I18n } from '../i18n/i18n.js';
import { reportEditorProblems } from './failure.js';
import { formatFieldValue } from './field-format.js';
import type { PortalSetup } from './case-element.js';

/**
 * Compiles an editor's case template with the schema's paths, the locale's filters and typed values.
 * Resource URLs (`<img src="{{…}}">`) filled from data load only from this site or the origins in
 * `resource-origins` on `host` or an ancestor; the first one left out per attribute is reported.
 */
export function compileCaseTemplate(source: HTMLTemplateElement, setup: PortalSetup, i18n: I18n, host: HTMLElement): CompiledTemplate {
  const blocked = new Set<string>();
  return compileTemplate(source, {
    isKnownPath: (path) => casePathKnown(setup.schema, path),
    filters: templateFilters(i18n, setup.viewer.timeZone),
    format: (value, path) => formatPath(value, path, setup.schema, i18n),
    resourceOrigins: resourceOriginsOf(host),
    onBlockedResource: (attribute, value, tag) => {
      const what = `<${tag} ${attribute}>`;
      if (blocked.has(what)) return;
      blocked.add(what);
      reportEditorProblems(host, 'template', [
        `Left out ${what} filled from case data: "${originOf(value)}" is neither this site nor an origin listed in resource-origins, and a viewer's browser would fetch it.`,
      ]);
    },
  });
}

/** `resource-origins` of the element or its closest ancestor that has one (across shadow roots): origins, space or comma separated. */
export function resourceOriginsOf(host: Element): string[] {
  for (let n: Node | null = host; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    // The attribute, or the property a JSON configuration set on a case element.
    const listed = n instanceof Element ? (n.getAttribute('resource-origins') ?? (n as { resourceOrigins?: unknown }).resourceOrigins) : undefined;
    if (typeof listed === 'string') return listed.split(/[\s,]+/).filter(Boolean);
  }
  return [];
}

function originOf(value: string): string {
  try {
    return new URL(value.trim().split(/\s+/)[0]!, document.baseURI).origin;
  } catch {
    return value.slice(0, 60);
  }
}

/** Every problem the engine found, once: to the console and as a case-error, so the editor learns of it. */
export function reportTemplateProblems(host: HTMLElement, template: CompiledTemplate): void {
  reportEditorProblems(host, 'template', template.problems.map((p) => p.message));
}

/** How editor templates (list rows, the details layout) turn case values into text. */

/** Filters an editor can use: `{{updatedAt | date}}`, `{{createdAt | relative}}`, `{{fields.qty | number}}`. */
export function templateFilters(i18n: I18n, timeZone: string | undefined): Record<string, TemplateFilter> {
  const asDate = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? v : null);
  return {
    date: (v) => (asDate(v) === null ? '' : formatDate(String(v), i18n.locale, 'date', timeZone)),
    datetime: (v) => (asDate(v) === null ? '' : formatDate(String(v), i18n.locale, 'datetime', timeZone)),
    relative: (v) => (asDate(v) === null ? '' : formatRelative(asDate(v)!, new Date(), i18n.locale)),
    number: (v) => (typeof v === 'number' ? formatNumber(v, i18n.locale) : formatTemplateValue(v)),
    bytes: (v) => (typeof v === 'number' ? formatBytes(v, i18n.locale) : ''),
    upper: (v) => formatTemplateValue(v).toLocaleUpperCase(i18n.locale),
    lower: (v) => formatTemplateValue(v).toLocaleLowerCase(i18n.locale),
  };
}

/** A value without a filter, as a customer should read it: option labels, typed custom fields. */
export function formatPath(value: unknown, path: string, schema: PortalSchema, i18n: I18n): string {
  if (path.startsWith('fields.')) {
    const key = path.slice('fields.'.length);
    return formatFieldValue(fieldDef(schema, key), value as never, i18n);
  }
  switch (path) {
    case 'status.label': {
      // The case carries the backend's base label; the same status in the element's language.
      const i = baseSchema(schema).statuses.findIndex((s) => s.label === value);
      return schema.statuses[i]?.label ?? formatTemplateValue(value);
    }
    case 'origin':
      return optionLabel(schema.origins, String(value ?? ''));
    case 'priority':
      return value ? optionLabel(schema.priorities, String(value)) : '';
    case 'category':
      return value ? optionLabel(schema.categories, String(value)) : '';
    case 'service':
      return value ? optionLabel(schema.services, String(value)) : '';
    default:
      return formatTemplateValue(value);
  }
}
