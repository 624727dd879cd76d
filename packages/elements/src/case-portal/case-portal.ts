import { html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import {
  adapterContext,
  i18nContext,
  navigatorContext,
  schemaContext,
  viewerContext,
  type PortalNavigator,
} from '../context.js';
import { CaseElement, type PortalSetup } from '../shared/case-element.js';
import { DEFAULT_URL_PREFIX, type PortalRoute } from '../shared/url-route.js';
import { loadUrlSync, withUrlSync } from '../shared/url-sync-loader.js';
import { RouteFollower } from '../shared/route-follower.js';
import { RequiredElements } from '../shared/required-elements.js';
import { portalStyles } from './case-portal.styles.js';
import { preloadAfterListPainted, preloadOnIntent, whenListPainted } from './preload.js';
import type { PortalTemplatesController } from './portal-templates.js';
import { LazyModule } from '../shared/lazy-module.js';

export type { PortalRoute };

/** "number, subject,owner?" → its keys (the list parses them again; an element never imports another's files). */
function columnKeys(value: string | null): string[] | undefined {
  const keys = (value ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  return keys.length ? keys : undefined;
}

/**
 * The whole portal on one tag: loads the backend's schema and the signed-in customer once,
 * provides them with the adapter to every element inside, and moves between list, case and create.
 *
 * `<case-portal api="/api/portal">` talks to a REST backend; without `api` it uses the
 * page's default adapter (the single-file bundle installs the embedded memory backend).
 *
 * **Layout.** `columns="…"` is passed to the list (same syntax as `<case-list columns>`); a
 * `<template data-for="list">` placed inside the portal lays out the list's cards and a
 * `<template data-for="details">` the case view, with the same placeholders and parts as inside
 * `<case-list>` and `<case-detail>`. A `<template>` without either is reported (console + `case-error`).
 *
 * @csspart bar - the top bar: navigation, search and who is signed in
 * @csspart nav - the navigation
 * @csspart nav-list - "My cases"
 * @csspart nav-create - "New case"
 * @csspart search - the `<case-search>` in the bar
 * @csspart who - the signed-in customer's name
 * @csspart view - the area under the bar that shows the list, a case or the form
 * @csspart list - the `<case-list>`
 * @csspart detail - the `<case-detail>`
 * @csspart create - the `<case-create>`
 */
export class CasePortal extends CaseElement {
  static override styles = [...CaseElement.styles, portalStyles];
  /** Registering the portal registers these (define/define-element.ts); their warm-ups run after the portal's setup. */
  static override dependencies = ['case-search', 'case-list', 'case-detail', 'case-create'];

  /**
   * Keep the page (`?case.open=<id>`, `?case.new=1`) and the list's query in the URL: back/forward,
   * reloads and shared links land where the customer was. Other parameters and the hash are kept.
   */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;

  /** Prefix of the portal's URL parameters (the list inside uses the same). */
  @property({ attribute: 'url-prefix' }) urlPrefix = DEFAULT_URL_PREFIX;

  /** A JSON configuration may give the columns as a list, as for `<case-list>`. */
  static override listAttributes = ['columns'];

  /** The list's columns, as `<case-list columns>` takes them ("number, subject, owner?"). Default: the list's. */
  @property({ converter: { fromAttribute: columnKeys } }) columns?: string[];

  /**
   * The editor's `<template data-for="list">` and `<template data-for="details">`, copied into the
   * list and the case view (portal-templates.ts): loaded once the portal holds a `<template>` (its
   * own chunk in the single file); the view shows its loading line meanwhile, so a list never shows
   * its table before the editor's cards.
   */
  private readonly templates = new LazyModule(this, () => import('./portal-templates.js').then((m) => new m.PortalTemplatesController(this)));
  /** Until their controller is here (it watches everything then): a `<template>` added later renders the portal again. */
  private readonly childWatch = new MutationObserver(() => this.requestUpdate());

  @state() private route: PortalRoute = { view: 'list' };


  private readonly adapterProvider = new ContextProvider(this, { context: adapterContext });
  private readonly schemaProvider = new ContextProvider(this, { context: schemaContext });
  private readonly viewerProvider = new ContextProvider(this, { context: viewerContext });
  private readonly i18nProvider = new ContextProvider(this, { context: i18nContext });
  private readonly navigatorProvider = new ContextProvider(this, { context: navigatorContext });

  /** The view's element, loaded on demand (its own chunk in the single file): a loading line until then. */
  private readonly elements = new RequiredElements(this, (tag, e) => this.failureText(e, `load:${tag}`));

  /** Set when the user moved, so focus follows them to the new view; never on first render. */
  private moveFocus = false;

  /** The search in the bar was asked for (it loads after the list's rows, see `updated`). */
  private searchAsked = false;

  private readonly navigator: PortalNavigator = {
    openCase: (caseId) => this.go({ view: 'detail', caseId }),
    openList: () => this.go({ view: 'list' }),
    openCreate: () => this.go({ view: 'create' }),
  };

  constructor() {
    super();
    this.navigatorProvider.setValue(this.navigator);
    // With url-state: start where the URL says and follow back/forward; without: leave the URL alone.
    new RouteFollower(this, {
      prefix: () => (this.urlState ? this.urlPrefix : undefined),
      started: (route) => {
        this.route = route;
      },
      changed: (route) => {
        this.route = route;
        this.moveFocus = true;
      },
      failed: this.urlSyncFailed,
    });
  }

  /** Shows a view, as a user's click would (and puts it in the URL with `url-state`). */
  go(route: PortalRoute): void {
    this.route = route;
    this.moveFocus = true;
    if (this.urlState) withUrlSync((sync) => sync.writeRoute(route, 'push', this.urlPrefix), this.urlSyncFailed);
  }

  /** With `url-state`, the URL code loads beside the schema: every route change after it writes the URL at once. */
  protected override loadsBesideSetup(): Promise<unknown> | undefined {
    return this.urlState ? loadUrlSync() : undefined;
  }

  /** The URL code did not arrive: the portal works on without back/forward; said once per failure. */
  private readonly urlSyncFailed = (e: unknown) => void this.failureText(e, 'load:url-state');

  override connectedCallback(): void {
    super.connectedCallback();
    this.childWatch.observe(this, { childList: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childWatch.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const setup = this.setup.value;
    // Children get the values only once all are known, so none of them loads the schema again.
    if (setup) {
      this.adapterProvider.setValue(setup.adapter);
      this.schemaProvider.setValue(setup.schema);
      this.viewerProvider.setValue(setup.viewer);
    }
    this.i18nProvider.setValue(this.i18n);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The templates' controller watches them from here on: the portal's own watch of its children is done.
    if (this.templates.loaded()) this.childWatch.disconnect();
    if (this.moveFocus && changed.has('route')) {
      this.moveFocus = false;
      this.renderRoot.querySelector<HTMLElement>('.view')?.focus();
    }
    // Once the list has painted, fetch what a click on a row needs while the customer reads,
    // and at once when the pointer or focus reaches a row first.
    const list = this.renderRoot.querySelector('case-list');
    if (list) {
      preloadAfterListPainted(list, ['case-detail']);
      preloadOnIntent(list, ['case-detail']);
      // The search in the bar comes right after the rows: it is not needed to see them, and its
      // code (its own chunk in the single file) would compete with the list's request.
      if (!this.searchAsked) {
        this.searchAsked = true;
        void whenListPainted(list).then(() => this.askForSearch());
      }
    }
  }

  /** Starts loading the bar's `<case-search>` (it upgrades when defined); a failure fires `case-error`. */
  private askForSearch(): void {
    this.searchAsked = true;
    this.elements.status('case-search');
  }

  protected override render(): unknown {
    return this.renderWithSetup((setup) => this.renderPortal(setup));
  }

  private renderPortal({ schema, viewer }: PortalSetup) {
    const route = this.route;
    const canCreate = schema.features.create && viewer.permissions.includes('create');
    return html`
      <div class="bar" part="bar">
        <nav part="nav" aria-label=${this.t('portal.label')}>
          <button
            part="nav-list"
            aria-current=${route.view === 'list' ? 'page' : nothing}
            @click=${() => this.go({ view: 'list' })}
          >
            ${this.t('portal.backToList')}
          </button>
          ${canCreate
            ? html`<button
                part="nav-create"
                class="primary"
                aria-current=${route.view === 'create' ? 'page' : nothing}
                @click=${() => this.go({ view: 'create' })}
              >
                ${this.t('portal.newCase')}
              </button>`
            : nothing}
        </nav>
        <case-search part="search" class="search" hide-label></case-search>
        <span class="who" part="who">${this.t('portal.signedInAs', { name: viewer.name })}</span>
      </div>
      <div class="view" part="view" tabindex="-1" @case-create-request=${this.onCreateRequest}>
        ${this.renderView(route)}
      </div>
    `;
  }

  /** The route's element once its code is here; the loading line before, an error with retry if it failed. */
  private renderView(route: PortalRoute) {
    // Another view than the list first: nothing to wait for, the search loads with it.
    if (route.view !== 'list') this.askForSearch();
    const tag = route.view === 'list' ? 'case-list' : route.view === 'create' ? 'case-create' : 'case-detail';
    const loaded = this.elements.status(tag);
    if (loaded.state === 'loading') return this.renderLoading();
    if (loaded.state === 'failed') return this.renderFailure(loaded.error, `load:${tag}`, () => this.elements.retry(tag));
    let templates: PortalTemplatesController | undefined;
    if (route.view !== 'create' && [...this.children].some((c) => c instanceof HTMLTemplateElement)) {
      const module = this.templates.status();
      if (module.state === 'loading') return this.renderLoading();
      if (module.state === 'failed') return this.renderFailure(module.error, 'load:templates', () => this.templates.retry());
      templates = module.module;
    }
    return route.view === 'list'
      ? html`<case-list part="list" ?url-state=${this.urlState} url-prefix=${this.urlPrefix} columns=${ifDefined(this.columns?.join(', '))}
          >${templates?.copyFor('list') ?? nothing}</case-list
        >`
      : route.view === 'create'
        ? html`<case-create part="create"></case-create>`
        : html`<case-detail part="detail" case-id=${route.caseId}>${templates?.copyFor('details') ?? nothing}</case-detail>`;
  }

  private onCreateRequest = (e: Event) => {
    if (e.defaultPrevented) return;
    e.preventDefault();
    this.go({ view: 'create' });
  };
}
