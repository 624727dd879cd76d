import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readRoute, type PortalRoute } from './url-route.js';
import { loadUrlSync, urlSyncNow } from './url-sync-loader.js';

export interface RouteFollowerOptions {
  /** The prefix whose route to follow now; undefined while the element has no `url-state`. */
  prefix: () => string | undefined;
  /** Following starts (at connection, or a new prefix): the route the URL says now. */
  started?: (route: PortalRoute) => void;
  /** Back/forward changed the route under the prefix. */
  changed: (route: PortalRoute) => void;
  /** The URL code did not arrive (back/forward is not followed until it does). */
  failed?: (e: unknown) => void;
}

/**
 * Follows the portal's route in the page URL (`?case.open=…`, `?case.new=1`) for an element with
 * `url-state` while it is connected: the portal's view, a case page's case. The route is read at
 * once; back/forward is followed once the URL code is here (url-sync-loader.ts, asked for when it
 * is not: the host's setup waits for it too, and its retry brings it after a failure).
 */
export class RouteFollower implements ReactiveController {
  private followed?: string;
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RouteFollowerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private follow(): void {
    const prefix = this.host.isConnected ? this.options.prefix() : undefined;
    if (prefix !== this.followed) {
      this.stop();
      this.followed = prefix;
      if (prefix === undefined) return;
      this.options.started?.(readRoute(prefix));
      if (!urlSyncNow()) loadUrlSync().then(() => this.host.requestUpdate(), (e: unknown) => this.options.failed?.(e));
    }
    const sync = urlSyncNow();
    if (this.followed !== undefined && sync && !this.unsubscribe) this.unsubscribe = sync.subscribeRoute(this.followed, this.options.changed);
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.followed = undefined;
  }
}
