import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readRoute } from '../shared/url-route.js';
import { loadUrlSync, urlSyncNow } from '../shared/url-sync-loader.js';

interface UrlCaseHost extends ReactiveControllerHost, HTMLElement {
  urlState: boolean;
  urlPrefix: string;
  caseId?: string | undefined;
}

/**
 * A case page an editor builds without script: `<case-detail url-state>` shows the case the page URL
 * names with the portal's parameter (`?case.open=<id>`, under `url-prefix`), which is what a list's
 * or a form's `case-url="/support/case?case.open={id}"` links to, and follows back/forward. A
 * `case-id` attribute wins; without the parameter the element shows what `case-id` says (nothing).
 */
export class UrlCaseController implements ReactiveController {
  private unsubscribe?: () => void;
  private followed?: string;

  constructor(private readonly host: UrlCaseHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.followed = undefined;
  }

  hostUpdate(): void {
    this.follow();
    const { host } = this;
    if (!host.urlState || host.hasAttribute('case-id')) return;
    const route = readRoute(host.urlPrefix);
    const id = route.view === 'detail' ? route.caseId : undefined;
    if (host.caseId !== id) host.caseId = id;
  }

  /**
   * Listens to back/forward under the current prefix while url-state is on, once the URL code is
   * here (the element's setup waits for it, and its retry brings it after a failure).
   */
  private follow(): void {
    const { host } = this;
    const key = host.urlState && host.isConnected ? host.urlPrefix : undefined;
    if (key !== this.followed) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      this.followed = key;
      if (key !== undefined && !urlSyncNow()) loadUrlSync().then(() => host.requestUpdate(), () => {/* the setup shows it */});
    }
    const sync = urlSyncNow();
    if (key !== undefined && sync && !this.unsubscribe) this.unsubscribe = sync.subscribeRoute(key, () => host.requestUpdate());
  }
}
