import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ModuleState<M> = { state: 'ready'; module: M } | { state: 'loading' } | { state: 'failed'; error: unknown };

/**
 * A part of an element's own code that most visits never use (the list's filter panel), behind a
 * dynamic import: in the single file it is a chunk fetched the first time `status()` is asked.
 * The host re-renders when it is there, shows its loading line meanwhile and, when the chunk
 * could not be fetched, the one error box (CaseElement.renderFailure) whose retry is `retry()`.
 * Like RequiredElements, for a module instead of a tag.
 */
export class LazyModule<M> implements ReactiveController {
  private current?: ModuleState<M>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<M>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Where the module is; the first ask starts loading it. */
  status(): ModuleState<M> {
    return this.current ?? this.start();
  }

  /** The module when it is here; never starts loading (for lifecycle code that must not). */
  loaded(): M | undefined {
    return this.current?.state === 'ready' ? this.current.module : undefined;
  }

  /** Starts loading without rendering anything (a hint that the module will be needed soon). */
  prefetch(): void {
    this.status();
  }

  /** Tries again after a failure (the error box's retry). */
  retry(): void {
    this.current = undefined;
    this.start();
    this.host.requestUpdate();
  }

  private start(): ModuleState<M> {
    const attempt: ModuleState<M> = { state: 'loading' };
    this.current = attempt;
    this.load().then(
      (module) => this.settle(attempt, { state: 'ready', module }),
      (error: unknown) => this.settle(attempt, { state: 'failed', error }),
    );
    return attempt;
  }

  private settle(attempt: ModuleState<M>, outcome: ModuleState<M>): void {
    if (this.current !== attempt) return; // a retry replaced it
    this.current = outcome;
    this.host.requestUpdate();
  }
}
