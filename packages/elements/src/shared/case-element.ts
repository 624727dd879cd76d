import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import {
  AdapterError,
  isAbortError,
  toAdapterError,
  type CaseAdapter,
  type PortalSchema,
  type Viewer,
} from '@case-portal/core';
import { adapterContext, i18nContext, navigatorContext, schemaContext, viewerContext, type PortalNavigator } from '../context.js';
import { createI18n, defaultLocale, type I18n, type MessageKey, type Params } from '../i18n/i18n.js';
import { CaseErrorEvent } from '../events.js';
import { defaultAdapter } from './defaults.js';
import { base, controls, tokens } from '../styles/tokens.js';
import type { UploadDeps } from './attachments/upload-queue.js';
import { warmWhenIdle, type WarmUp } from './warm-up.js';
import { renderFailureBox, retryHelps } from './failure.js';

export interface PortalSetup {
  adapter: CaseAdapter;
  schema: PortalSchema;
  viewer: Viewer;
}

/**
 * What every case element shares: where its adapter, schema, viewer and messages come from.
 * Order of precedence: a property set on the element, then a surrounding <case-portal>'s context,
 * then (adapter only) the page-wide default. Alone, an element loads schema and viewer itself.
 */
export class CaseElement extends LitElement {
  static override styles = [tokens, base, controls];

  /**
   * Run once per page in an idle moment after setup (shared/warm-up.ts): an element lists its own
   * and those of the elements it will show, so their first render is quicker.
   */
  static warmUps: readonly WarmUp[] = [];

  /** The backend. Wins over a surrounding portal's. */
  @property({ attribute: false }) adapter?: CaseAdapter;
  /** Base URL of a REST backend, for an element used alone (needs the bundle's default factory). */
  @property() api?: string;
  /** The backend's configuration; loaded from the adapter when not given. */
  @property({ attribute: false }) schema?: PortalSchema;
  /** The signed-in customer; loaded from the adapter when not given. */
  @property({ attribute: false }) viewer?: Viewer;
  /** BCP 47 locale for text, dates and numbers. Default: the portal's, the page's lang, the browser's. */
  @property() locale?: string;
  /** Clock, for stories and tests that need a fixed "now". */
  @property({ attribute: false }) now: () => Date = () => new Date();

  @consume({ context: adapterContext, subscribe: true }) @state() private ctxAdapter?: CaseAdapter;
  @consume({ context: schemaContext, subscribe: true }) @state() private ctxSchema?: PortalSchema;
  @consume({ context: viewerContext, subscribe: true }) @state() private ctxViewer?: Viewer;
  @consume({ context: i18nContext, subscribe: true }) @state() private ctxI18n?: I18n;
  @consume({ context: navigatorContext, subscribe: true }) @state() protected portalNavigator?: PortalNavigator;

  private cachedI18n?: I18n;

  protected get activeAdapter(): CaseAdapter | undefined {
    return this.adapter ?? this.ctxAdapter ?? defaultAdapter(this.api);
  }

  protected get i18n(): I18n {
    if (this.locale) {
      if (this.cachedI18n?.locale !== this.locale) this.cachedI18n = createI18n(this.locale);
      return this.cachedI18n;
    }
    if (this.ctxI18n) return this.ctxI18n;
    const locale = defaultLocale();
    if (this.cachedI18n?.locale !== locale) this.cachedI18n = createI18n(locale);
    return this.cachedI18n;
  }

  /** A message from the catalog. */
  protected t(key: MessageKey, params?: Params): string {
    return this.i18n.t(key, params);
  }

  /** Adapter + schema + viewer, ready to use; rerun when any source changes. */
  protected readonly setup = new Task(this, {
    task: async ([adapter, schema, viewer], { signal }): Promise<PortalSetup> => {
      if (!adapter) throw new MissingAdapterError();
      const [s, v] = await Promise.all([
        schema ?? adapter.describe({ signal }),
        viewer ?? adapter.viewer({ signal }),
      ]);
      return { adapter, schema: s, viewer: v };
    },
    args: () => [this.activeAdapter, this.schema ?? this.ctxSchema, this.viewer ?? this.ctxViewer] as const,
    onComplete: (setup) => warmWhenIdle(setup, this.i18n, (this.constructor as typeof CaseElement).warmUps),
  });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Right-to-left locales flip the layout; the host attribute lets tokens and parts follow.
    const dir = this.i18n.dir;
    if (this.getAttribute('dir') !== dir && !this.hasAttribute('dir')) this.setAttribute('dir', dir);
  }

  /** Failures already reported, with the text they were shown with (see failureText). */
  private readonly failures = new WeakMap<object, string>();

  /**
   * The one way an element turns a failure into words: the catalog's text for its code, or the
   * backend's own message when `schema.features.backendMessages` says it may be shown. The first
   * time a failure is seen it also fires `case-error` (detail: error, operation, message); asking
   * again for the same error (every render of an error box does) returns the same text and fires
   * nothing. `schema` is for a caller that has one before setup has finished (a search waiting for it).
   */
  protected failureText(e: unknown, operation: string, schema?: PortalSchema): string {
    const known = typeof e === 'object' && e !== null ? this.failures.get(e) : undefined;
    if (known !== undefined) return known;
    const error = toAdapterError(e);
    const s = schema ?? this.setup.value?.schema;
    const message =
      s?.features.backendMessages && error.backendMessage ? error.backendMessage : this.t(`error.${error.code}`);
    if (typeof e === 'object' && e !== null) this.failures.set(e, message);
    this.dispatchEvent(new CaseErrorEvent(error, operation, message));
    return message;
  }

  /**
   * The error box for a failure (text from failureText, so `case-error` fires once), with a
   * retry unless retrying can't help (forbidden, not found).
   */
  protected renderFailure(e: unknown, operation: string, retry?: () => void): TemplateResult {
    const message = this.failureText(e, operation);
    return renderFailureBox(message, {
      retry: retry && retryHelps(toAdapterError(e).code) ? retry : undefined,
      retryLabel: this.t('common.retry'),
    });
  }

  /** What an upload queue needs to check and send this element's files. */
  protected uploadDeps(setup: PortalSetup): UploadDeps {
    return {
      adapter: setup.adapter,
      limits: setup.schema.limits,
      i18n: this.i18n,
      report: (e, op) => this.failureText(e, op, setup.schema),
    };
  }

  /** Renders `ready` once the setup is loaded; a loading line or an error with retry before that. */
  protected renderWithSetup(ready: (setup: PortalSetup) => unknown): unknown {
    return this.setup.render({
      initial: () => this.renderLoading(),
      pending: () => (this.setup.value ? ready(this.setup.value) : this.renderLoading()),
      complete: (setup) => ready(setup),
      error: (e) => this.renderSetupError(e),
    });
  }

  protected renderLoading(): TemplateResult {
    return html`<p part="loading" class="hint" role="status">${this.t('common.loading')}</p>`;
  }

  private renderSetupError(e: unknown): TemplateResult {
    if (e instanceof MissingAdapterError) {
      return renderFailureBox(this.t('common.noBackend'), { retryLabel: this.t('common.retry') });
    }
    if (isAbortError(e)) return this.renderLoading();
    return this.renderFailure(e, 'setup', () => void this.setup.run());
  }
}

class MissingAdapterError extends Error {}

export { AdapterError };
