import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { I18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { findTemplateSource, observeTemplateEdits } from '../shared/template-source.js';
import type { CardsView, RowTemplate } from './cards-view.js';

export type { RowTemplate };

// Compiling an editor's template and rendering its cards (with the templates engine): a chunk of
// its own in the single file, loaded only by a list that has a <template>.
const loadCards = () => import('./card-templates.js');
type CardsModule = Awaited<ReturnType<typeof loadCards>>;

/** What the list renders its cards with: no rows yet while its first page loads. */
export type ListCardsView = Omit<CardsView, 'rows'> & Partial<Pick<CardsView, 'rows'>>;

/** Until the code is here, rows have no content (the list is busy and shows its loading line). */
const LOADING: RowTemplate = { hasOpen: true, nodesFor: () => [] };

/**
 * A CMS editor's row (card) layout for `<case-list>`: a `<template>` child, or one referenced by
 * id. Finding it and watching for edits is here; compiling it and rendering the cards
 * (card-templates.ts, with core's safe engine) load the first time the list has one. A failed
 * load (offline, a missing chunk) falls back to the built-in table and says so on the console.
 */
export class ListTemplateController implements ReactiveController {
  private observer?: MutationObserver;
  private loaded?: { module: CardsModule; templates: InstanceType<CardsModule['CardTemplates']> };
  private loading?: Promise<void>;
  private failed = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    // An editor (or a CMS preview) may add or change the template after the list is on the page.
    this.observer = observeTemplateEdits(this.host, () => {
      this.loaded?.templates.forget();
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  hostUpdated(): void {
    this.loaded?.templates.prune();
  }

  /** True while the list has a template and the code that fills it is still on its way: the list is busy. */
  loadingEngine(templateId: string | undefined): boolean {
    return !this.loaded && !this.failed && !!findTemplateSource(this.host, templateId) && this.whileLoading() === LOADING;
  }

  /** The row template for this render, or undefined for the built-in table. */
  get(setup: PortalSetup, templateId: string | undefined, i18n: I18n): RowTemplate | undefined {
    const source = findTemplateSource(this.host, templateId);
    if (!source) return undefined;
    return this.loaded ? this.loaded.templates.get(source, setup, i18n) : this.whileLoading();
  }

  /** The cases as the editor's cards; the loading line while the first page or the cards' code is on its way. */
  render(view: ListCardsView): TemplateResult {
    const { rows } = view;
    if (!this.loaded || !rows) return html`<p part="loading" class="hint">${view.t('list.loading')}</p>`;
    return this.loaded.module.renderCards({ ...view, rows });
  }

  /** Starts loading the cards' code once; LOADING meanwhile, undefined (the built-in table) once it failed. */
  private whileLoading(): RowTemplate | undefined {
    if (this.failed) return undefined;
    this.loading ??= loadCards().then(
      (module) => {
        this.loaded = { module, templates: new module.CardTemplates(this.host) };
        this.host.requestUpdate();
      },
      (e: unknown) => {
        this.failed = true;
        console.warn('<case-list>: the templates engine did not load; showing the built-in layout.', e);
        this.host.requestUpdate();
      },
    );
    return LOADING;
  }
}
