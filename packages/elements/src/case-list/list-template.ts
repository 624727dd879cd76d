import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  AdapterError,
  casePathKnown,
  compileTemplate,
  fieldDef,
  formatBytes,
  formatDate,
  formatNumber,
  formatRelative,
  formatTemplateValue,
  optionLabel,
  type CaseRecord,
  type CompiledTemplate,
  type PortalSchema,
  type TemplateFilter,
  type TemplateInstance,
} from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { CaseErrorEvent } from '../events.js';
import { formatFieldValue } from '../shared/field-format.js';

/** A compiled row template and the instances of the rows on screen. */
export interface RowTemplate {
  /** The template has its own `data-case-open` link: no "Open" button is added. */
  hasOpen: boolean;
  nodesFor(c: CaseRecord): readonly Node[];
}

/**
 * A CMS editor's row (card) layout for `<case-list>`: a `<template>` child, or one referenced by
 * id. Compiled once per template, schema and locale by core's safe engine (values fill text and
 * attributes only; URLs pass `safeUrl`); every problem the engine finds (unknown placeholder,
 * removed markup) goes to the console and fires `case-error` once, so the editor learns of it.
 *
 * Instances are kept per case id while their rows are on screen, so scrolling the window back
 * re-uses nodes instead of re-creating them; the cache is trimmed to what was last rendered.
 */
export class ListTemplateController implements ReactiveController {
  private compiled?: { key: string; source: HTMLTemplateElement; template: CompiledTemplate; hasOpen: boolean };
  private instances = new Map<string, { c: CaseRecord; instance: TemplateInstance }>();
  private used = new Set<string>();
  private observer?: MutationObserver;
  private schema?: PortalSchema;
  /** A missing `template="id"` is said once, not on every render. */
  private warnedMissing = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    // An editor (or a CMS preview) may add or change the template after the list is on the page.
    this.observer = new MutationObserver((records) => {
      // The host's own attributes (dir, aria-*) are no template change.
      if (records.every((r) => r.type === 'attributes' && r.target === this.host)) return;
      this.compiled = undefined;
      this.host.requestUpdate();
    });
    this.observer.observe(this.host, { childList: true, subtree: true, characterData: true, attributes: true });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  hostUpdated(): void {
    // Instances of rows that left the window are dropped; the next render re-creates them if needed.
    for (const id of this.instances.keys()) if (!this.used.has(id)) this.instances.delete(id);
    this.used.clear();
  }

  /** The row template for this render, or undefined for the built-in table. */
  get(setup: PortalSetup, templateId: string | undefined, i18n: I18n): RowTemplate | undefined {
    const source = this.findSource(templateId);
    if (!source) return undefined;
    const key = `${i18n.locale}|${setup.viewer.timeZone ?? ''}`;
    if (!this.compiled || this.compiled.source !== source || this.compiled.key !== key || this.schema !== setup.schema) {
      this.schema = setup.schema;
      this.instances.clear();
      const template = compileTemplate(source, {
        isKnownPath: (path) => casePathKnown(setup.schema, path),
        filters: templateFilters(i18n, setup.viewer.timeZone),
        format: (value, path) => formatPath(value, path, setup.schema, i18n),
      });
      this.compiled = { key, source, template, hasOpen: !!source.content.querySelector('[data-case-open]') };
      this.report(template);
    }
    const { template, hasOpen } = this.compiled;
    return {
      hasOpen,
      nodesFor: (c) => {
        this.used.add(c.id);
        const known = this.instances.get(c.id);
        if (known) {
          if (known.c !== c) {
            known.instance.update(c);
            known.c = c;
          }
          return known.instance.nodes;
        }
        const instance = template.create(c);
        this.instances.set(c.id, { c, instance });
        return instance.nodes;
      },
    };
  }

  private findSource(id: string | undefined): HTMLTemplateElement | undefined {
    if (id) {
      const root = this.host.getRootNode() as Document | ShadowRoot;
      const found = root.getElementById?.(id);
      if (found instanceof HTMLTemplateElement) return found;
      if (!this.warnedMissing) {
        this.warnedMissing = true;
        console.warn(`<case-list>: no <template id="${id}"> found; showing the table.`);
      }
      return undefined;
    }
    return [...this.host.children].find((el): el is HTMLTemplateElement => el instanceof HTMLTemplateElement);
  }

  private report(template: CompiledTemplate): void {
    if (!template.problems.length) return;
    const text = template.problems.map((p) => p.message).join('\n');
    console.warn(`<case-list> template:\n${text}`);
    const error = new AdapterError('validation', { backendMessage: text });
    this.host.dispatchEvent(new CaseErrorEvent(error, 'template', text));
  }
}

/** Filters an editor can use: `{{updatedAt | date}}`, `{{createdAt | relative}}`, `{{fields.qty | number}}`. */
function templateFilters(i18n: I18n, timeZone: string | undefined): Record<string, TemplateFilter> {
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
function formatPath(value: unknown, path: string, schema: PortalSchema, i18n: I18n): string {
  if (path.startsWith('fields.')) {
    const key = path.slice('fields.'.length);
    return formatFieldValue(fieldDef(schema, key), value as never, i18n);
  }
  switch (path) {
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
