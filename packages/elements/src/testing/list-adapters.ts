/**
 * Adapter wrappers around listCases, for the list's and the search's tests and stories: record
 * queries, answer with something else, or hold answers back.
 */
import { throwIfAborted, type CallOptions, type CaseAdapter, type CaseQuery, type CaseRecord, type Page } from '@case-portal/core';
import { hangingAdapter, untilAborted, wrapAdapter } from './adapters.js';

type ListCases = CaseAdapter['listCases'];

/** `inner` with its listCases replaced; everything else (subscribe too) passes through. */
export function withListCases(inner: CaseAdapter, listCases: ListCases): CaseAdapter {
  return wrapAdapter(inner, { listCases });
}

/** Records every list query (and its answer) on the way through. */
export function recordingAdapter(inner: CaseAdapter): {
  adapter: CaseAdapter;
  queries: CaseQuery[];
  pages: Page<CaseRecord>[];
} {
  const queries: CaseQuery[] = [];
  const pages: Page<CaseRecord>[] = [];
  const adapter = withListCases(inner, async (q, o) => {
    queries.push(structuredClone(q));
    const page = await inner.listCases(q, o);
    pages.push(page);
    return page;
  });
  return { adapter, queries, pages };
}

/** listCases never answers (a loading state that stays), but honours aborts. */
export function neverAdapter(inner: CaseAdapter): CaseAdapter {
  return hangingAdapter(inner, 'listCases');
}

/**
 * listCases answers only when the test says so: `release(i)` lets call i through (all pending
 * calls when omitted). `ignoreAbort` plays a badly behaved adapter that answers stale queries anyway.
 */
export function gatedAdapter(
  inner: CaseAdapter,
  { ignoreAbort = false } = {},
): { adapter: CaseAdapter; calls: CaseQuery[]; release(i?: number): void } {
  const calls: CaseQuery[] = [];
  const gates: (() => void)[] = [];
  const adapter = withListCases(inner, async (q, o?: CallOptions) => {
    calls.push(structuredClone(q));
    const gate = new Promise<void>((resolve) => gates.push(resolve));
    await (ignoreAbort ? gate : Promise.race([gate, untilAborted(o?.signal)]));
    if (!ignoreAbort) throwIfAborted(o?.signal);
    // The inner call gets no signal when ignoring aborts: the answer must really come back late.
    return inner.listCases(q, ignoreAbort ? {} : o);
  });
  return {
    adapter,
    calls,
    release(i?: number) {
      if (i === undefined) gates.forEach((g) => g());
      else gates[i]?.();
    },
  };
}
