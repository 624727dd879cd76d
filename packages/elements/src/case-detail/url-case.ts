import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readRoute } from '../shared/url-route.js';
import { RouteFollower } from '../shared/route-follower.js';

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
  constructor(private readonly host: UrlCaseHost) {
    host.addController(this);
    // Back/forward re-renders the host, whose update reads the URL's case again (below).
    new RouteFollower(host, { prefix: () => (host.urlState ? host.urlPrefix : undefined), changed: () => host.requestUpdate() });
  }

  hostUpdate(): void {
    const { host } = this;
    if (!host.urlState || host.hasAttribute('case-id')) return;
    const route = readRoute(host.urlPrefix);
    const id = route.view === 'detail' ? route.caseId : undefined;
    if (host.caseId !== id) host.caseId = id;
  }
}
