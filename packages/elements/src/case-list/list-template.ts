import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  type CaseRecord,
  type CompiledTemplate,
  type PortalSchema,
  type TemplateInstance,
} from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { findTemplateSource, observeTemplateEdits } from '../shared/template-source.js';

// The templates engine: its own chunk in the single file, loaded only by a list that has a <template>.
const loadEngine = () => import('../shared/template-format.js');
type Engine = Awaited<ReturnType<typeof loadEngine>>;

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
  private engine?: Engine;
  private engineLoading?: Promise<void>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    // An editor (or a CMS preview) may add or change the template after the list is on the page.
    this.observer = observeTemplateEdits(this.host, () => {
      this.compiled = undefined;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  hostUpdated(): void {
    // Instances of rows that left the window are dropped; the next render re-creates them if needed.
    for (const id of this.instances.keys()) if (!this.used.has(id)) this.instances.delete(id);
    this.used.clear();
  }

  /** True while the list has a template and the engine that fills it is still on its way: the list is busy. */
  loadingEngine(templateId: string | undefined): boolean {
    if (this.engine || this.engineFailed || !findTemplateSource(this.host, templateId)) return false;
    this.whileEngineLoads();
    return true;
  }

  /** The row template for this render, or undefined for the built-in table. */
  get(setup: PortalSetup, templateId: string | undefined, i18n: I18n): RowTemplate | undefined {
    const source = findTemplateSource(this.host, templateId);
    if (!source) return undefined;
    if (!this.engine) return this.whileEngineLoads();
    const { compileCaseTemplate, reportTemplateProblems } = this.engine;
    const key = `${i18n.locale}|${setup.viewer.timeZone ?? ''}`;
    if (!this.compiled || this.compiled.source !== source || this.compiled.key !== key || this.schema !== setup.schema) {
      this.schema = setup.schema;
      this.instances.clear();
      const template = compileCaseTemplate(source, setup, i18n);
      this.compiled = { key, source, template, hasOpen: !!source.content.querySelector('[data-case-open]') };
      reportTemplateProblems(this.host, template);
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

  /**
   * Until the engine is here, rows render empty (the list's own loading state covers the first
   * page); a failed load (offline, a missing chunk) falls back to the built-in table and says so.
   */
  private whileEngineLoads(): RowTemplate | undefined {
    if (this.engineFailed) return undefined;
    this.engineLoading ??= loadEngine().then(
      (engine) => {
        this.engine = engine;
        this.host.requestUpdate();
      },
      (e: unknown) => {
        this.engineFailed = true;
        console.warn('<case-list>: the templates engine did not load; showing the built-in layout.', e);
        this.host.requestUpdate();
      },
    );
    return { hasOpen: true, nodesFor: () => [] };
  }

  private engineFailed = false;
}
