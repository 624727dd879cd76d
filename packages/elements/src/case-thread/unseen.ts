import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { I18n } from '../i18n/i18n.js';

/** Makes the observer that reports noted messages scrolling into view (a parameter, so tests can drive it). */
export type ObserverFactory = (callback: IntersectionObserverCallback) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

const intersectionObserver: ObserverFactory = (callback) => new IntersectionObserver(callback);

/**
 * The "1 new message ↓" button: a live message that lands below the visible area is noted until
 * it scrolls into view (an IntersectionObserver takes it off) or the button is used, which
 * scrolls to the first one and moves focus there, for keyboard users too.
 */
export class UnseenMessages implements ReactiveController {
  /** Ids of messages that arrived live below the reader's view, oldest first. */
  ids: readonly string[] = [];
  private observer?: ReturnType<ObserverFactory>;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Where the rendered messages are (`li[data-id]` holding an `<article>`). */
    private readonly root: () => ParentNode,
    /**
     * The browser's IntersectionObserver; it reports only in painted frames, which background test
     * tabs don't get, so tests pass one whose callback they call.
     */
    private readonly makeObserver: ObserverFactory = intersectionObserver,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** A message just rendered: noted when it is below the window. */
  note(id: string): void {
    const li = this.item(id);
    if (!li || li.getBoundingClientRect().top < window.innerHeight) return;
    this.set([...this.ids, id]);
    this.observer ??= this.makeObserver((entries) => {
      const seen = entries.filter((e) => e.isIntersecting).map((e) => (e.target as HTMLElement).dataset['id']);
      if (seen.length === 0) return;
      for (const e of entries) if (e.isIntersecting) this.observer?.unobserve(e.target);
      this.set(this.ids.filter((x) => !seen.includes(x)));
    });
    this.observer.observe(li);
  }

  /** Scrolls to the first unseen message and focuses it; the button goes away. */
  show(): void {
    const article = this.ids[0] ? this.item(this.ids[0])?.querySelector<HTMLElement>('article') : null;
    this.reset();
    if (!article) return;
    article.tabIndex = -1;
    article.scrollIntoView({ block: 'center' });
    article.focus({ preventScroll: true });
  }

  reset(): void {
    this.observer?.disconnect();
    this.set([]);
  }

  render(i18n: I18n): TemplateResult | typeof nothing {
    const count = this.ids.length;
    if (count === 0) return nothing;
    return html`<div class="unseen">
      <button type="button" part="new-messages" class="primary" @click=${() => this.show()}>
        ${i18n.t('thread.newMessages', { count })}
      </button>
    </div>`;
  }

  private item(id: string): HTMLElement | null {
    return this.root().querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
  }

  private set(ids: readonly string[]): void {
    if (ids.length === 0 && this.ids.length === 0) return;
    this.ids = ids;
    this.host.requestUpdate();
  }
}
