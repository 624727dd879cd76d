import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { whenElementDefined } from './element-loader.js';

export type ElementState = { state: 'ready' } | { state: 'loading' } | { state: 'failed'; error: unknown };

const READY: ElementState = { state: 'ready' };

/**
 * The tags an element is about to render, loaded on demand: `status(tag)` starts the load the
 * first time and says where it is, and the host re-renders when it is done. So the host can show
 * its loading line (never a blank spot) until the element is defined, and an error with retry
 * when its code could not be fetched.
 */
export class RequiredElements implements ReactiveController {
  private readonly states = new Map<string, ElementState>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onFailure: (tag: string, error: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Where `tag` is; the first ask starts loading it. */
  status(tag: string): ElementState {
    // Defined is ready: no loading line for a frame (the loader defines a tag after what it renders).
    if (customElements.get(tag)) return READY;
    return this.states.get(tag) ?? this.load(tag);
  }

  /** Tries again after a failure (the retry button). */
  retry(tag: string): void {
    this.states.delete(tag);
    this.load(tag);
    this.host.requestUpdate();
  }

  private load(tag: string): ElementState {
    const loading: ElementState = { state: 'loading' };
    this.states.set(tag, loading);
    whenElementDefined(tag).then(
      () => this.settle(tag, loading, READY),
      (error: unknown) => {
        if (this.settle(tag, loading, { state: 'failed', error })) this.onFailure(tag, error);
      },
    );
    return loading;
  }

  /** Records the outcome of the load that is still current; false when a retry replaced it. */
  private settle(tag: string, attempt: ElementState, outcome: ElementState): boolean {
    if (this.states.get(tag) !== attempt) return false;
    this.states.set(tag, outcome);
    this.host.requestUpdate();
    return true;
  }
}
