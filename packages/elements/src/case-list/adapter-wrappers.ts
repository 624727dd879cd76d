/**
 * Adapter wrappers for the list's tests and stories: record queries, fail, or hold answers back.
 * Not part of the library's entry points (nothing in index.ts imports this file).
 */
import {
  AdapterError,
  throwIfAborted,
  type AdapterErrorCode,
  type AdapterErrorInit,
  type CallOptions,
  type CaseAdapter,
  type CaseQuery,
  type CaseRecord,
  type Page,
} from '@case-portal/core';

type ListCases = CaseAdapter['listCases'];

/** `inner` with its listCases replaced; everything else passes through. */
export function withListCases(inner: CaseAdapter, listCases: ListCases): CaseAdapter {
  return {
    local: inner.local,
    describe: (o) => inner.describe(o),
    viewer: (o) => inner.viewer(o),
    listCases,
    getCase: (id, o) => inner.getCase(id, o),
    createCase: (input, o) => inner.createCase(input, o),
    updateCase: (id, patch, o) => inner.updateCase(id, patch, o),
    transition: (id, action, input, o) => inner.transition(id, action, input, o),
    listMessages: (id, q, o) => inner.listMessages(id, q, o),
    postMessage: (id, input, o) => inner.postMessage(id, input, o),
    uploadAttachment: (file, o) => inner.uploadAttachment(file, o),
    submitFeedback: (id, input, o) => inner.submitFeedback(id, input, o),
    listHistory: (id, o) => inner.listHistory(id, o),
    listFiles: (id, o) => inner.listFiles(id, o),
    addFiles: (id, input, o) => inner.addFiles(id, input, o),
  };
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

/** listCases fails with `code` for the first `times` calls (Infinity: always), then works. */
export function failingAdapter(
  inner: CaseAdapter,
  code: AdapterErrorCode,
  init: AdapterErrorInit = {},
  times = Infinity,
): CaseAdapter {
  let failures = 0;
  return withListCases(inner, async (q, o) => {
    if (failures < times) {
      failures++;
      throw new AdapterError(code, init);
    }
    return inner.listCases(q, o);
  });
}

/** A promise that never settles on its own: it rejects with AbortError when the signal fires. */
function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
  });
}

/** listCases never answers (a loading state that stays), but honours aborts. */
export function neverAdapter(inner: CaseAdapter): CaseAdapter {
  return withListCases(inner, (_q, o) => untilAborted(o?.signal));
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
