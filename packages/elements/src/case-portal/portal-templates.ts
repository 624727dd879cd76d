import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { reportEditorProblems } from '../shared/failure.js';

/** What an editor's `<template data-for="…">` inside `<case-portal>` lays out. */
export type PortalTemplateFor = 'list' | 'details';
const KINDS: readonly PortalTemplateFor[] = ['list', 'details'];

/**
 * The editor's layouts placed inside `<case-portal>`: `<template data-for="list">` (the list's
 * cards) and `<template data-for="details">` (the case view). The portal renders its list and case
 * view in its own shadow root, where the editor's markup can't reach: each gets a copy of its
 * template as a child, exactly as if the editor had placed it inside `<case-list>` or
 * `<case-detail>`. A change to a template (a CMS preview editing it, a template added or removed)
 * makes a fresh copy, which the child sees as its template changing.
 * A `<template>` without a known `data-for` is an editor problem (console + `case-error`, once).
 */
export class PortalTemplatesController implements ReactiveController {
  private readonly copies = new Map<PortalTemplateFor, { source: HTMLTemplateElement; copy: HTMLTemplateElement }>();
  private observer?: MutationObserver;
  private watched = new Set<DocumentFragment>();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new MutationObserver((records) => {
      // The portal's own attributes (dir, locale, columns) are no template edit.
      if (records.every((r) => r.type === 'attributes' && r.target === this.host)) return;
      this.copies.clear();
      this.watchContents();
      this.host.requestUpdate();
    });
    this.observer.observe(this.host, { childList: true, subtree: true, characterData: true, attributes: true });
    this.watched.clear();
    this.watchContents();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** A copy of the editor's template for `kind`, the same node until the template changes; undefined without one. */
  copyFor(kind: PortalTemplateFor): HTMLTemplateElement | undefined {
    const source = this.sources().get(kind);
    if (!source) return undefined;
    const known = this.copies.get(kind);
    if (known?.source === source) return known.copy;
    const copy = source.cloneNode(true) as HTMLTemplateElement;
    this.copies.set(kind, { source, copy });
    return copy;
  }

  /** The first template of each kind among the portal's children; others are reported. */
  private sources(): Map<PortalTemplateFor, HTMLTemplateElement> {
    const found = new Map<PortalTemplateFor, HTMLTemplateElement>();
    const problems: string[] = [];
    for (const el of this.host.children) {
      if (!(el instanceof HTMLTemplateElement)) continue;
      const kind = el.dataset.for as PortalTemplateFor | undefined;
      if (!kind || !KINDS.includes(kind)) {
        problems.push(`a <template> inside <case-portal> needs data-for="list" or data-for="details" (found ${kind ? `data-for="${kind}"` : 'none'}): it is not used.`);
      } else if (!found.has(kind)) {
        found.set(kind, el);
      }
    }
    reportEditorProblems(this.host, 'template', problems);
    return found;
  }

  /** Template content is a fragment of its own: an edit inside it is not a mutation of the portal. */
  private watchContents(): void {
    for (const el of this.host.children) {
      if (!(el instanceof HTMLTemplateElement) || this.watched.has(el.content)) continue;
      this.watched.add(el.content);
      this.observer?.observe(el.content, { childList: true, subtree: true, characterData: true, attributes: true });
    }
  }
}
