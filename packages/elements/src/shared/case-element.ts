import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { initialState } from '@lit/task';
import {
  AdapterError,
  formatWait,
  isAbortError,
  toAdapterError,
  type CaseAdapter,
  type PortalSchema,
  type Viewer,
} from '@case-portal/core';
import { adapterContext, i18nContext, navigatorContext, schemaContext, viewerContext, type PortalNavigator } from '../context.js';
import type { I18n, MessageKey, Params } from '../i18n/i18n.js';
import { ElementLanguage } from './element-language.js';
import { CaseErrorEvent } from '../events.js';
import { afterThisTask, defaultAdapter } from './defaults.js';
import { clearDrafts } from './draft-storage.js';
import { base, controls, tokens } from '../styles/tokens.js';
import type { UploadDeps } from './attachments/upload-queue.js';
import { warmElementWhenIdle, type WarmUp } from './warm-up.js';
import type { PortalSetup } from './portal-setup.js';
import { renderFailureBox, retryAtOf, retryHelps } from './failure.js';
import { BackendProblemsController } from './controllers/backend-problems.js';
import { loadWordsFor, SetupTask } from './setup-task.js';
import { hasEditorConfig, withFeatureSwitches, type FeatureSwitches } from './feature-switches.js';

// Its own file: shared/warm-up.ts needs the type and case-element.ts needs warm-up.ts (no cycle).
export type { PortalSetup };

/**
 * What every case element shares: where its adapter, schema, viewer and messages come from.
 * Order of precedence: a property set on the element, then a surrounding <case-portal>'s context,
 * then (adapter only) the page-wide default. Alone, an element loads schema and viewer itself.
 *
 * The tags below are inherited by every element (the manifest lists them per element). Tokens are
 * read with a fallback, so set any of them on an ancestor (or `:root`) to theme every element inside.
 *
 * @fires case-error - loading the schema or the viewer failed (detail: error, operation `setup`, message); or the backend sent a value that could not be used and was replaced (operation `backend-data`, code `server`: an unknown time zone, a date that is not one), once per value and page
 *
 * @csspart loading - the loading line, until the element's data is there
 * @csspart error - the error box when loading failed (with Retry), or "no backend" without an adapter
 * @csspart retry - the Retry button of an error box (none where retrying cannot help: forbidden, not found)
 * @csspart demo-notice - "Demo data": shown above the element's content when it runs on the page's default backend without `api` (the single file's embedded demo), never inside a portal that shows it already
 *
 * @cssproperty [--case-color-scheme=light dark] - Brand: the colour scheme; `light dark` follows the visitor's system setting, `light` or `dark` fixes it (the `theme` attribute sets it)
 * @cssproperty [--case-density=1] - Brand: spacing and control heights as a factor (0.85 compact, 1.15 roomy)
 * @cssproperty [--case-color-background=transparent] - The element's background: none in the light scheme (the page's shows), #0d1117 in the dark one
 * @cssproperty [--case-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Brand: font of all text
 * @cssproperty [--case-color-text=#1f2328] - Text colour (dark scheme: #e6edf3)
 * @cssproperty [--case-color-muted=#59636e] - Secondary text (hints, dates) (dark scheme: #9198a1)
 * @cssproperty [--case-color-surface=#ffffff] - Background of panels, inputs and buttons (dark scheme: #151b23)
 * @cssproperty [--case-color-surface-alt=#f6f8fa] - Background of alternate rows, hovered buttons and code (dark scheme: #212830)
 * @cssproperty [--case-color-border=#d1d9e0] - Borders and separators (dark scheme: #3d444d)
 * @cssproperty [--case-color-control-border=#818b98] - Borders of text fields and selects, at least 3:1 against the surface (dark scheme: #768390)
 * @cssproperty [--case-color-accent=#0b57d0] - Brand: primary buttons and links (dark scheme: #4493f8)
 * @cssproperty [--case-color-accent-text=#ffffff] - Text on the accent colour (dark scheme: #0d1117)
 * @cssproperty [--case-color-danger=#b3261e] - Errors and destructive actions (dark scheme: #f85149)
 * @cssproperty [--case-color-success=#1a7f37] - Success messages (dark scheme: #3fb950)
 * @cssproperty [--case-color-warning=#9a6700] - Warnings (deadlines close to due) (dark scheme: #d29922)
 * @cssproperty [--case-color-focus=var(--case-color-accent)] - The focus ring
 * @cssproperty [--case-radius=6px] - Brand: corner radius of boxes and controls
 * @cssproperty [--case-space-1=calc(0.25rem * var(--case-density))] - Smallest gap
 * @cssproperty [--case-space-2=calc(0.5rem * var(--case-density))] - Small gap
 * @cssproperty [--case-space-3=calc(0.75rem * var(--case-density))] - Medium gap
 * @cssproperty [--case-space-4=calc(1rem * var(--case-density))] - Large gap
 * @cssproperty [--case-space-6=calc(1.5rem * var(--case-density))] - Largest gap (between sections)
 * @cssproperty [--case-font-size=0.9375rem] - Body text size
 * @cssproperty [--case-font-size-small=0.8125rem] - Small text (hints, badges)
 * @cssproperty [--case-font-size-large=1.25rem] - Headings
 * @cssproperty [--case-shadow=0 1px 3px rgb(0 0 0 / 0.12)] - Shadow of popups and raised panels (dark scheme: rgb(0 0 0 / 0.5))
 * @cssproperty [--case-control-height=calc(2.25rem * var(--case-density))] - Least height of buttons and inputs (never below 1.5rem, the 24px target size)
 * @cssproperty [--case-status-new=#ddf4ff] - Background of a status chip in category new (dark scheme: #0c2d6b)
 * @cssproperty [--case-status-new-text=#0a3069] - Text of a status chip in category new (dark scheme: #a5d6ff)
 * @cssproperty [--case-status-open=#dafbe1] - Background of a status chip in category open (dark scheme: #033a16)
 * @cssproperty [--case-status-open-text=#116329] - Text of a status chip in category open (dark scheme: #7ee787)
 * @cssproperty [--case-status-pending-agent=#fff8c5] - Background of a status chip in category pending-agent (dark scheme: #4b3800)
 * @cssproperty [--case-status-pending-agent-text=#6b4b00] - Text of a status chip in category pending-agent (dark scheme: #f2cc60)
 * @cssproperty [--case-status-pending-customer=#ffebe9] - Background of a status chip in category pending-customer (dark scheme: #5d0f12)
 * @cssproperty [--case-status-pending-customer-text=#82071e] - Text of a status chip in category pending-customer (dark scheme: #ffa198)
 * @cssproperty [--case-status-on-hold=#eaeef2] - Background of a status chip in category on-hold (dark scheme: #2f353d)
 * @cssproperty [--case-status-on-hold-text=#424a53] - Text of a status chip in category on-hold (dark scheme: #d1d9e0)
 * @cssproperty [--case-status-resolved=#fbefff] - Background of a status chip in category resolved (dark scheme: #3c1e70)
 * @cssproperty [--case-status-resolved-text=#6e2aa8] - Text of a status chip in category resolved (dark scheme: #d2a8ff)
 * @cssproperty [--case-status-closed=#eaeef2] - Background of a status chip in category closed (dark scheme: #2f353d)
 * @cssproperty [--case-status-closed-text=#24292f] - Text of a status chip in category closed (dark scheme: #e6edf3)
 * @cssproperty [--case-status-canceled=#f6f8fa] - Background of a status chip in category canceled (dark scheme: #212830)
 * @cssproperty [--case-status-canceled-text=#57606a] - Text of a status chip in category canceled (dark scheme: #9198a1)
 * @cssproperty [--case-status-merged=#f6f8fa] - Background of a status chip in category merged (dark scheme: #212830)
 * @cssproperty [--case-status-merged-text=#57606a] - Text of a status chip in category merged (dark scheme: #9198a1)
 */
export class CaseElement extends LitElement {
  static override styles = [tokens, base, controls];

  /**
   * Run once per page in an idle moment after setup (shared/warm-up.ts), with those of the
   * `dependencies` (once each is defined), so their first render is quicker.
   */
  static warmUps: readonly WarmUp[] = [];

  /**
   * The tags this element renders. Registering it (define/define-element.ts) registers them too;
   * an element never imports another element's files.
   */
  static dependencies: readonly string[] = [];

  /** Attributes whose value is a list (a JSON configuration may give an array for them). */
  static listAttributes: readonly string[] = [];

  /**
   * Removes every draft the elements kept (default storage: localStorage), for a host's sign-out:
   * `customElements.get('case-portal').clearDrafts()` works from a page that has only the tags.
   */
  static clearDrafts = clearDrafts;

  /** The backend. Wins over a surrounding portal's. */
  @property({ attribute: false }) adapter?: CaseAdapter;
  /** Base URL of a REST backend, for an element used alone (needs the bundle's default factory). */
  @property() api?: string;
  /**
   * The colour scheme, `light` or `dark`, for this element and everything inside it (a portal's
   * list and case view too). Without it, `--case-color-scheme` on the page decides, else the
   * visitor's system setting (`prefers-color-scheme`).
   */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /**
   * With `api`: the host site's endpoint that answers `{ "token": "<JWT>" }` for its signed-in
   * visitor (same origin, its session cookie), so a page with no script of its own signs in.
   */
  @property({ attribute: 'token-url' }) tokenUrl?: string;
  /** The backend's configuration; loaded from the adapter when not given. */
  @property({ attribute: false }) schema?: PortalSchema;
  /** The signed-in customer; loaded from the adapter when not given. */
  @property({ attribute: false }) viewer?: Viewer;
  /**
   * BCP 47 locale for text, dates and numbers ("en_US" is taken as "en-US"). Default: the portal's,
   * else the closest `lang` around the element (across shadow roots), else the document's, else the
   * browser's. One `Intl` can't take is reported once (console + `case-error`, operation `locale`)
   * and the page's language is used.
   * The direction is the element's own `dir`, else the closest `dir` around it, else the language's.
   */
  @property() locale?: string;
  /**
   * The id of a `<script type="application/json">` holding this element's configuration (its
   * attributes as JSON keys, and `features`); without it, such a script inside the element is read.
   * See shared/editor-config.ts and the README's "Configure without JavaScript".
   */
  @property() config?: string;
  /** Actions the backend allows that this element should not offer (`{ complain: false }`); from the JSON configuration or set here. */
  @property({ attribute: false }) features?: FeatureSwitches;
  /**
   * Origins (space or comma separated) besides this site's from which a template's resource URLs
   * filled from case data may load (`<img src="{{…}}">`); also read from an ancestor's attribute.
   */
  @property({ attribute: 'resource-origins' }) resourceOrigins?: string;
  /** Clock, for stories and tests that need a fixed "now". */
  @property({ attribute: false }) now: () => Date = () => new Date();

  @consume({ context: adapterContext, subscribe: true }) @state() private ctxAdapter?: CaseAdapter;
  @consume({ context: schemaContext, subscribe: true }) @state() private ctxSchema?: PortalSchema;
  @consume({ context: viewerContext, subscribe: true }) @state() private ctxViewer?: Viewer;
  @consume({ context: i18nContext, subscribe: true }) @state() private ctxI18n?: I18n;
  @consume({ context: navigatorContext, subscribe: true }) @state() protected portalNavigator?: PortalNavigator;

  /** The element's language and direction, and its catalog (see ElementLanguage). */
  private readonly language = new ElementLanguage(this, () => this.ctxI18n);

  /** Before the element first rendered in its language's words, while its catalog loads: the loading line instead. */
  protected get awaitingWords(): boolean {
    return this.language.awaitingWords;
  }

  /** Which words `t` gives now (the locale, and whether its catalog is still coming): a key for caches of text. */
  protected get wordsVersion(): string {
    return this.language.wordsVersion;
  }

  /** Values the adapter had to replace become one `case-error` each (see the controller). */
  protected readonly backendProblems = new BackendProblemsController(this, () => this.activeAdapter);

  /**
   * True until a task after the element first connected: the page's default backend is not used
   * before, so an adapter the host sets in the same task is the first one anything is asked of.
   */
  private defaultHeld = true;
  private defaultHoldStarted = false;

  protected get activeAdapter(): CaseAdapter | undefined {
    return this.adapter ?? this.ctxAdapter ?? (this.defaultHeld ? undefined : defaultAdapter(this.api, this.tokenUrl));
  }

  /** The adapter of the current generation and the signal that ends everything started on it. */
  private generation?: { adapter: CaseAdapter | undefined; abort: AbortController };

  /**
   * Aborts when the element's adapter changes (a host's `el.adapter = …`, a portal's new one):
   * what was started on the old backend ends (uploads here; reads and live updates end because
   * `setup.value` forgets the old backend's setup at once, see SetupTask).
   */
  protected get adapterSignal(): AbortSignal {
    const adapter = this.activeAdapter;
    if (!this.generation || this.generation.adapter !== adapter) {
      this.generation?.abort.abort(new DOMException('The element’s adapter changed.', 'AbortError'));
      this.generation = { adapter, abort: new AbortController() };
    }
    return this.generation.abort.signal;
  }

  /** The default backend's hold ends a task after the first connection (see `defaultHeld`). */
  private startDefaultHold(): void {
    if (this.defaultHoldStarted) return;
    this.defaultHoldStarted = true;
    afterThisTask(() => {
      this.defaultHeld = false;
      this.requestUpdate();
    });
  }

  protected get i18n(): I18n {
    return this.language.i18n;
  }

  /** A message from the catalog. */
  protected t(key: MessageKey, params?: Params): string {
    return this.i18n.t(key, params);
  }

  /** Adapter + schema + viewer, ready to use; rerun when any source changes. */
  protected readonly setup = new SetupTask(this, () => this.activeAdapter, () => this.i18n.locale, (e) => void this.failureText(e, 'load:translations'), {
    task: async ([adapter, schema, viewer, features, configured, configuring, held], { signal }) => {
      // The editor's configuration decides what to load (columns, page size, api): nothing before it.
      if (configuring) return new Promise<never>(() => {});
      // No adapter yet: the host may still give one in this task (the default comes a task later).
      if (!adapter) {
        if (held) return initialState;
        throw new MissingAdapterError();
      }
      const [s, v] = await Promise.all([
        schema ?? adapter.describe({ signal }),
        viewer ?? adapter.viewer({ signal }),
        // The language's catalog loads beside them: the first render with data is in its words.
        this.language.catalog(),
        this.loadsBesideSetup(),
      ]);
      // The first render with data is in the schema's words for the element's language: their code
      // loads when the schema has them (a chunk that does not arrive fails the setup, with its retry).
      await loadWordsFor(s, this.i18n.locale);
      // Set on the element wins over the JSON configuration's; either only switches off.
      return { adapter, schema: withFeatureSwitches(s, { ...configured, ...features }), viewer: v };
    },
    args: () => {
      const adapter = this.activeAdapter;
      // The hold matters only without an adapter (its end then brings the default, or "no backend").
      return [
        adapter,
        this.schema ?? this.ctxSchema,
        this.viewer ?? this.ctxViewer,
        this.features,
        this.configFeatures,
        this.configuring,
        !adapter && this.defaultHeld,
      ] as const;
    },
    onComplete: (setup) => warmElementWhenIdle(setup, this.i18n, this.constructor as typeof CaseElement),
  });

  /** The JSON configuration was read: on the first connection, then again when `config` changes. */
  private configRead = false;
  /** The JSON configuration's `features`. */
  @state() private configFeatures?: FeatureSwitches;
  /** Its reader is loading (its own chunk in the single file): the element shows its loading line. */
  @state() private configuring = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.startDefaultHold();
    if (!this.configRead) this.readConfig();
  }

  private readConfig(): void {
    this.configRead = true;
    if (!hasEditorConfig(this)) return;
    this.configuring = true;
    import('./editor-config.js')
      .then((reader) => {
        this.configFeatures = reader.applyEditorConfig(this, this.constructor as typeof CaseElement);
      })
      // The reader's chunk did not arrive: the element works as its attributes say, and says why.
      .catch((e: unknown) => void this.failureText(e, 'load:config'))
      .finally(() => {
        this.configuring = false;
      });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('config') && this.hasUpdated) this.readConfig();
    void this.adapterSignal; // a new adapter aborts the old one's generation, asked for or not
  }

  /**
   * Code the first render with data needs besides the schema, viewer and catalog (the list's URL
   * state when a link carries it), loaded beside them; a chunk that does not arrive fails the setup.
   */
  protected loadsBesideSetup(): Promise<unknown> | undefined {
    return undefined;
  }

  /** Failures already reported, with the text they were shown with (see failureText). */
  private readonly failures = new WeakMap<object, string>();

  /**
   * The one way an element turns a failure into words: the catalog's text for its code, or the
   * backend's own message when `schema.features.backendMessages` says it may be shown. The first
   * time a failure is seen it also fires `case-error` (detail: error, operation, message); asking
   * again for the same error (every render of an error box does) returns the same text and fires
   * nothing. `schema` is for a caller that has one before setup has finished (a search waiting for it).
   * A failure that carries a wait (a 429's Retry-After) says when to try again.
   */
  protected failureText(e: unknown, operation: string, schema?: PortalSchema): string {
    const known = typeof e === 'object' && e !== null ? this.failures.get(e) : undefined;
    if (known !== undefined) return known;
    const error = toAdapterError(e);
    const s = schema ?? this.setup.value?.schema;
    const own = s?.features.backendMessages && error.backendMessage ? error.backendMessage : null;
    let message = own ?? this.t(`error.${error.code}`);
    // The backend said when to try again: say it (in the locale's words), and Retry waits for it.
    const retryAt = retryAtOf(error);
    if (retryAt !== undefined) {
      const when = formatWait(retryAt - Date.now(), this.i18n.locale);
      message =
        !own && error.code === 'rate_limited'
          ? this.t('error.rate_limited.wait', { when })
          : `${message} ${this.t('error.retryWhen', { when })}`;
    }
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
      retryAt: retryAtOf(e),
    });
  }

  /** What an upload queue needs to check and send this element's files. */
  protected uploadDeps(setup: PortalSetup): UploadDeps {
    return {
      adapter: setup.adapter,
      limits: setup.schema.limits,
      i18n: this.i18n,
      report: (e, op) => this.failureText(e, op, setup.schema),
      signal: this.adapterSignal,
    };
  }

  /**
   * Runs on the page's default backend without `api`: the single file's embedded demo (example
   * cases kept in this browser), which real customers must never take for their own cases.
   */
  protected get onDemoBackend(): boolean {
    return !this.adapter && !this.ctxAdapter && !this.api && this.activeAdapter !== undefined;
  }

  /** Renders `ready` once the setup is loaded; a loading line or an error with retry before that. */
  protected renderWithSetup(ready: (setup: PortalSetup) => unknown): unknown {
    const withNotice = (setup: PortalSetup) =>
      this.onDemoBackend
        ? html`<p part="demo-notice" class="demo-notice" role="note"><strong>${this.t('common.demo')}</strong> ${this.t('common.demoNotice')}</p>${ready(setup)}`
        : ready(setup);
    if (this.awaitingWords) return this.renderLoading();
    return this.setup.render({
      initial: () => this.renderLoading(),
      pending: () => (this.setup.value ? withNotice(this.setup.value) : this.renderLoading()),
      complete: (setup) => (setup ? withNotice(setup) : this.renderLoading()),
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
