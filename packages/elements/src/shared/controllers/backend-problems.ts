import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AdapterError, type BackendProblem, type CaseAdapter } from '@case-portal/core';
import { CaseErrorEvent } from '../../events.js';

/** The `case-error` operation of a value the adapter replaced because it could not be used. */
export const BACKEND_DATA_OPERATION = 'backend-data';

/**
 * Listens to the adapter's `onBackendProblem` (values from the backend it had to replace: an
 * unknown time zone, a date that is not one) and fires each as a `case-error` (code `server`,
 * operation `backend-data`, the problem as backend message and message) from the host. The
 * adapter has already told the console and gives each problem to one listener, the first: on a
 * portal page that is the portal, so a host hears of it once. Nothing is shown to the customer:
 * the screen works with the fallback. Follows the host's adapter after each update, stops when
 * the host leaves the page.
 */
export class BackendProblemsController implements ReactiveController {
  private adapter?: CaseAdapter | undefined;
  private stop?: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => CaseAdapter | undefined,
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
    this.stop?.();
    this.stop = undefined;
    this.adapter = undefined;
  }

  private follow(): void {
    const adapter = this.source();
    if (adapter === this.adapter && (this.stop || !adapter?.onBackendProblem)) return;
    this.stop?.();
    this.stop = undefined;
    this.adapter = adapter;
    this.stop = adapter?.onBackendProblem?.((problem) => this.report(problem));
  }

  private report(problem: BackendProblem): void {
    const error = new AdapterError('server', { backendMessage: problem.message });
    this.host.dispatchEvent(new CaseErrorEvent(error, BACKEND_DATA_OPERATION, problem.message));
  }
}
