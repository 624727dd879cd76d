import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { isAbortError, type CaseAdapter, type CaseFile, type CaseRecord, type HistoryEntry } from '@case-portal/core';

/** Related cases shown at most; a backend that links hundreds belongs in a list, not a side panel. */
export const RELATED_MAX = 20;

/** A related case: readable ones with number and subject, the others (another account's) by id only. */
export type RelatedCase = { id: string; record: CaseRecord | null };

/**
 * What the case view loads besides the case itself: status history, files and related cases.
 * Each reloads when the case's version changes (an action, a reply, a live update), so what an
 * action changed refreshes without reloading the whole view; the previous value stays on screen
 * meanwhile.
 */
export class CaseExtras {
  readonly history: Task<readonly [CaseAdapter | undefined, string | undefined, number | undefined], HistoryEntry[] | undefined>;
  readonly files: Task<readonly [CaseAdapter | undefined, string | undefined, number | undefined], CaseFile[] | undefined>;
  readonly related: Task<readonly [CaseAdapter | undefined, string], RelatedCase[] | undefined>;

  constructor(host: ReactiveControllerHost, source: () => { adapter?: CaseAdapter | undefined; record?: CaseRecord | undefined }) {
    const key = () => {
      const { adapter, record } = source();
      return [adapter, record?.id, record?.version] as const;
    };
    this.history = new Task(host, {
      task: async ([adapter, id], { signal }) => (adapter && id ? adapter.listHistory(id, { signal }) : undefined),
      args: key,
    });
    this.files = new Task(host, {
      task: async ([adapter, id], { signal }) => (adapter && id ? adapter.listFiles(id, { signal }) : undefined),
      args: key,
    });
    this.related = new Task(host, {
      task: async ([adapter, ids], { signal }) => {
        if (!adapter || !ids) return [];
        return Promise.all(
          ids.split(' ').map(async (id): Promise<RelatedCase> => {
            try {
              return { id, record: await adapter.getCase(id, { signal }) };
            } catch (e) {
              // A case the viewer may not read is still named, without its subject.
              if (isAbortError(e)) throw e;
              return { id, record: null };
            }
          }),
        );
      },
      args: () => {
        const { adapter, record } = source();
        return [adapter, (record?.relatedIds ?? []).slice(0, RELATED_MAX).join(' ')] as const;
      },
    });
  }
}
