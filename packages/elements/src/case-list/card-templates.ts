import type { CaseRecord, CompiledTemplate, PortalSchema, TemplateInstance } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { compileCaseTemplate, reportTemplateProblems } from '../shared/template-format.js';
import type { RowTemplate } from './cards-view.js';

// What a list with an editor's <template> needs once it knows it has one: compiling it, its cards'
// instances and their rendering. In the single file this rides in the templates engine's chunk
// (vite.bundle.config.ts), loaded by list-template.ts only then.
export { renderCards } from './cards-view.js';

/**
 * An editor's row template compiled once per template, schema, locale and time zone by core's safe
 * engine (values fill text and attributes only; URLs pass `safeUrl`); every problem the engine
 * finds (unknown placeholder, removed markup) goes to the console and fires `case-error` once.
 *
 * Instances are kept per case id while their rows are on screen, so scrolling the window back
 * re-uses nodes instead of re-creating them; `prune()` trims the cache to what was last rendered.
 */
export class CardTemplates {
  private compiled?: { key: string; source: HTMLTemplateElement; template: CompiledTemplate; hasOpen: boolean };
  private schema?: PortalSchema;
  private instances = new Map<string, { c: CaseRecord; instance: TemplateInstance }>();
  private used = new Set<string>();

  constructor(private readonly host: HTMLElement) {}

  /** The template changed in the page: compile it again on the next render. */
  forget(): void {
    this.compiled = undefined;
  }

  /** Instances of rows that left the window are dropped; the next render re-creates them if needed. */
  prune(): void {
    for (const id of this.instances.keys()) if (!this.used.has(id)) this.instances.delete(id);
    this.used.clear();
  }

  /** The row template of `source` for this render. */
  get(source: HTMLTemplateElement, setup: PortalSetup, i18n: I18n): RowTemplate {
    const key = `${i18n.locale}|${setup.viewer.timeZone ?? ''}`;
    if (!this.compiled || this.compiled.source !== source || this.compiled.key !== key || this.schema !== setup.schema) {
      this.schema = setup.schema;
      this.instances.clear();
      const template = compileCaseTemplate(source, setup, i18n, this.host);
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
}
