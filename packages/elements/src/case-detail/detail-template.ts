import { nothing, render, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CaseRecord, CompiledTemplate, PortalSchema, TemplateInstance } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { compileCaseTemplate, reportTemplateProblems } from '../shared/template-format.js';
import { findTemplateSource, observeTemplateEdits } from '../shared/template-source.js';

/** The pieces an editor can place with `<div data-case-part="…"></div>`. */
export const DETAIL_PARTS = [
  'description',
  'profile',
  'deadlines',
  'stages',
  'history',
  'files',
  'related',
  'participants',
  'actions',
  'feedback',
  'thread',
] as const;
export type DetailPart = (typeof DETAIL_PARTS)[number];

/**
 * A CMS editor's layout for `<case-detail>`: a `<template>` child, or one named by `template="id"`,
 * filled by the same safe engine as the list's (placeholders fill text and attributes only).
 * Elements marked `data-case-part="files"` (and the other DETAIL_PARTS) receive the built-in
 * section, rendered by Lit into that element after each render; a `<case-thread>` the editor
 * writes gets the case and the backend set as properties. Part containers should be empty: what
 * they hold is replaced.
 */
export class DetailTemplateController implements ReactiveController {
  private compiled?: { key: string; source: HTMLTemplateElement; template: CompiledTemplate; schema: PortalSchema };
  private instance?: { caseId: string; c: CaseRecord; nodes: readonly Node[]; inst: TemplateInstance };
  private observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    // A CMS preview may add or edit the template after the element is on the page.
    this.observer = observeTemplateEdits(this.host, () => {
      this.compiled = undefined;
      this.instance = undefined;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** The template's nodes filled with this case, or undefined for the built-in layout. */
  nodes(setup: PortalSetup, templateId: string | undefined, i18n: I18n, c: CaseRecord): readonly Node[] | undefined {
    const source = findTemplateSource(this.host, templateId);
    if (!source) return undefined;
    const key = `${i18n.locale}|${setup.viewer.timeZone ?? ''}`;
    const compiled = this.compiled;
    if (!compiled || compiled.source !== source || compiled.key !== key || compiled.schema !== setup.schema) {
      const template = compileCaseTemplate(source, setup, i18n, this.host);
      this.compiled = { key, source, template, schema: setup.schema };
      this.instance = undefined;
      reportTemplateProblems(this.host, template);
    }
    const known = this.instance;
    if (known && known.caseId === c.id) {
      if (known.c !== c) {
        known.inst.update(c);
        known.c = c;
      }
      return known.nodes;
    }
    const inst = this.compiled!.template.create(c);
    this.instance = { caseId: c.id, c, nodes: inst.nodes, inst };
    return inst.nodes;
  }

  /** Renders each built-in section into the editor's containers, and hands `<case-thread>`s their case. */
  fill(parts: Partial<Record<DetailPart, unknown>>, threadProps: Record<string, unknown>): void {
    if (!this.instance) return;
    for (const el of this.find('[data-case-part]')) {
      const name = el.getAttribute('data-case-part') as DetailPart;
      if (!DETAIL_PARTS.includes(name)) continue;
      const value = parts[name];
      // A section with nothing to show (no deadlines, no rating yet) must not leave a gap in the layout.
      const empty = value === undefined || value === null || value === nothing;
      (el as HTMLElement).hidden = empty;
      render(empty ? null : value, el as HTMLElement, { host: this.host });
    }
    for (const thread of this.find('case-thread')) Object.assign(thread, threadProps);
  }

  get active(): boolean {
    return !!this.instance;
  }

  /** Elements matching `selector` in the instance, top-level nodes included. */
  find(selector: string): Element[] {
    const found: Element[] = [];
    for (const node of this.instance?.nodes ?? []) {
      if (!(node instanceof Element)) continue;
      if (node.matches(selector)) found.push(node);
      found.push(...node.querySelectorAll(selector));
    }
    return found;
  }

  /** The built-in layout is back (no template): forget the instance. */
  clear(): void {
    this.instance = undefined;
  }
}
