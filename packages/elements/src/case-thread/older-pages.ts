import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isAbortError, type CaseAdapter, type Message, type MessageKind, type Page } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import { renderFailureBox } from '../shared/failure.js';

export interface OlderPagesDeps {
  /** Where to load from; undefined until setup and a case are known. */
  source(): { adapter: CaseAdapter; caseId: string; pageSize: number; kinds?: MessageKind[] } | undefined;
  /** The cursor of the next older page; null when the oldest is loaded. */
  cursor(): string | null;
  /** A page arrived (for the case it was asked for). */
  loaded(page: Page<Message>): void;
  /** The text for a failure (fires `case-error` once). */
  failureText(e: unknown, operation: string): string;
}

/**
 * "Load older messages": one request at a time, aborted when the case changes or the element
 * leaves the page; a failure's text stays under the button until the next attempt.
 */
export class OlderPages implements ReactiveController {
  loading = false;
  error = '';
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: OlderPagesDeps,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** Another case: forget the request under way and its error. */
  reset(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.loading = false;
    this.error = '';
    this.host.requestUpdate();
  }

  async load(): Promise<void> {
    const source = this.deps.source();
    const cursor = this.deps.cursor();
    if (!source || !cursor || this.loading) return;
    const ac = new AbortController();
    this.abort = ac;
    this.loading = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const query = { cursor, limit: source.pageSize, ...(source.kinds ? { kinds: source.kinds } : {}) };
      const page = await source.adapter.listMessages(source.caseId, query, { signal: ac.signal });
      if (ac.signal.aborted) return;
      this.deps.loaded(page);
    } catch (e) {
      if (isAbortError(e) || ac.signal.aborted) return;
      this.error = this.deps.failureText(e, 'listMessages');
    } finally {
      if (this.abort === ac) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** The button, and under it why the last attempt failed (retried by the button). */
  render(i18n: I18n): TemplateResult {
    return html`<div class="older">
        <button type="button" part="load-older" ?disabled=${this.loading} @click=${() => this.load()}>
          ${this.loading ? i18n.t('thread.loadingOlder') : i18n.t('thread.loadOlder')}
        </button>
      </div>
      ${this.error ? renderFailureBox(this.error, { retryLabel: i18n.t('common.retry') }) : nothing}`;
  }
}
