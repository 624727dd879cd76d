import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { isAbortError, toAdapterError, type AdapterError, type CaseAdapter, type CaseQuery, type CaseRecord } from '@case-portal/core';

/** What a load needs from the list's setup (a PortalSetup); a new one loads again. */
export interface ListSource {
  adapter: CaseAdapter;
}

/** The loaded rows for one query (all pages loaded so far) and what the backend said about it. */
export interface ListResult {
  /** The query without its cursor: pages of the same key are appended to each other. */
  key: string;
  items: CaseRecord[];
  total: number;
  nextCursor: string | null;
  statusCounts: Record<string, number> | undefined;
}

/** A failed load, already reported (case-error fired) when it was created: render shows it as is. */
export class ListFailure extends Error {
  constructor(
    readonly error: AdapterError,
    readonly shown: string,
    /** A "load more" failed: the rows already loaded stay. */
    readonly append: boolean,
  ) {
    super(shown);
  }
}

export interface ListResultsOptions<S extends ListSource> {
  /** The setup to load with; undefined until the list's setup is loaded (nothing loads meanwhile). */
  setup: () => S | undefined;
  query: () => CaseQuery;
  /** Reports the failure (case-error) and returns the text to show. */
  failureText: (e: unknown, setup: S) => string;
}

/**
 * The list's rows: the query's pages loaded through the adapter, a page with a cursor appended to
 * the pages before it. Runs again whenever the adapter or the query (by content) changes; stale
 * loads (aborted, or an adapter that ignored the signal) are neither shown nor reported. The last
 * result stays while the next one loads, so rows never flash.
 */
export class ListResultsController<S extends ListSource = ListSource> {
  private last?: ListResult;
  private readonly task: Task<readonly [S | undefined, CaseQuery], ListResult | typeof initialState>;

  constructor(host: ReactiveControllerHost, options: ListResultsOptions<S>) {
    this.task = new Task(host, {
      task: async ([setup, query], { signal }): Promise<ListResult | typeof initialState> => {
        if (!setup) return initialState;
        const key = pageKey(query);
        // Appending needs the pages before it; without them (a reload), the cursor's page stands alone.
        const before = query.cursor && this.last?.key === key ? this.last.items : [];
        try {
          const page = await setup.adapter.listCases(query, { signal });
          const seen = new Set(before.map((c) => c.id));
          return {
            key,
            // A case that moved between pages while paging would otherwise show twice.
            items: before.length ? before.concat(page.items.filter((c) => !seen.has(c.id))) : page.items,
            total: page.total,
            nextCursor: page.nextCursor,
            statusCounts: page.statusCounts,
          };
        } catch (e) {
          if (isAbortError(e) || signal.aborted) throw e;
          throw new ListFailure(toAdapterError(e), options.failureText(e, setup), !!query.cursor);
        }
      },
      args: () => [options.setup(), options.query()] as const,
      // Queries are rebuilt on every update: compare by content, the setup by identity.
      argsEqual: ([s1, q1], [s2, q2]) => s1 === s2 && JSON.stringify(q1) === JSON.stringify(q2),
      onComplete: (result) => {
        this.last = result;
      },
    });
  }

  /** The rows last loaded (kept while the next load runs or after a failed "load more"). */
  get result(): ListResult | undefined {
    return this.last;
  }

  /** The current load failed: what to show, and whether the loaded rows stay. */
  get failure(): ListFailure | undefined {
    const e: unknown = this.task.status === TaskStatus.ERROR ? this.task.error : undefined;
    return e instanceof ListFailure ? e : undefined;
  }

  /** Not loaded yet, or loading. */
  get pending(): boolean {
    return this.task.status === TaskStatus.PENDING || this.task.status === TaskStatus.INITIAL;
  }

  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  get complete(): boolean {
    return this.task.status === TaskStatus.COMPLETE;
  }

  /** Loads the current query again (retry, refresh). */
  run(): void {
    void this.task.run();
  }
}

/** The query's identity without paging: pages with the same key belong to one result. */
function pageKey(q: CaseQuery): string {
  const { cursor: _cursor, ...rest } = q;
  return JSON.stringify(rest);
}
