import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { availableActions, isAbortError, type ActionMap, type CaseRecord } from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';

export interface ThreadCaseDeps {
  setup(): PortalSetup | undefined;
  caseId(): string | undefined;
  /** The record the host passed (case-detail passes its own), if any. */
  given(): CaseRecord | undefined;
  now(): Date;
}

/**
 * The case the thread's policy runs on (may the customer reply, complain, attach files): the
 * record the host passed when its id matches, else one loaded with `getCase` (a `@lit/task`,
 * aborted when stale), so a thread on its own needs nothing else. Not a controller itself: the
 * task is, on the same host.
 */
export class ThreadCase {
  private readonly task: Task<readonly [PortalSetup | undefined, string | undefined, boolean], CaseRecord | undefined>;

  constructor(
    host: ReactiveControllerHost,
    private readonly deps: ThreadCaseDeps,
  ) {
    this.task = new Task(host, {
      task: async ([setup, caseId, given], { signal }) => {
        if (!setup || !caseId || given) return undefined;
        return setup.adapter.getCase(caseId, { signal });
      },
      args: () => [this.deps.setup(), this.deps.caseId(), !!this.givenRecord] as const,
    });
  }

  /** The given record if it matches, else the loaded one; undefined while neither is known. */
  get record(): CaseRecord | undefined {
    const loaded = this.givenRecord ?? this.task.value;
    return loaded && loaded.id === this.deps.caseId() ? loaded : undefined;
  }

  /** Why the case did not load, if it did not (an abort is no failure). */
  get failure(): unknown {
    return this.task.status === TaskStatus.ERROR && !isAbortError(this.task.error) ? this.task.error : undefined;
  }

  /** What the viewer may do on the case now; undefined until it is known. */
  actions(): ActionMap | undefined {
    const setup = this.deps.setup();
    const record = this.record;
    return setup && record ? availableActions(record, setup.viewer, setup.schema, this.deps.now()) : undefined;
  }

  /**
   * The case changed on the backend: a thread on its own reloads it (a reply may close or reopen
   * the composer); a host that passes the record (case-detail) refreshes it itself.
   */
  changed(): void {
    if (!this.givenRecord) this.reload();
  }

  reload(): void {
    void this.task.run();
  }

  private get givenRecord(): CaseRecord | undefined {
    const given = this.deps.given();
    return given && given.id === this.deps.caseId() ? given : undefined;
  }
}
