import type { AdapterEvent, CaseAdapter, SubscribeTarget } from '@case-portal/core';

/**
 * A CaseAdapter whose real adapter is loaded on first use: the single file's default backend
 * without `api` (the memory adapter and its seed are a chunk of their own, fetched only by a page
 * that runs on them). Every call waits for the load, then forwards. A failed load (offline, a
 * missing chunk) rejects that call like a network failure, and the next call tries again.
 *
 * `subscribe` returns its unsubscribe at once, as the contract says: an unsubscribe before the
 * adapter arrived means it never subscribes.
 */
export function lazyAdapter(load: () => Promise<CaseAdapter>, traits: { local?: boolean } = {}): CaseAdapter {
  let loaded: Promise<CaseAdapter> | undefined;
  const adapter = (): Promise<CaseAdapter> => {
    loaded ??= load().catch((e: unknown) => {
      loaded = undefined;
      throw e;
    });
    return loaded;
  };
  return {
    local: traits.local,
    describe: async (...a) => (await adapter()).describe(...a),
    viewer: async (...a) => (await adapter()).viewer(...a),
    listCases: async (...a) => (await adapter()).listCases(...a),
    getCase: async (...a) => (await adapter()).getCase(...a),
    createCase: async (...a) => (await adapter()).createCase(...a),
    updateCase: async (...a) => (await adapter()).updateCase(...a),
    transition: async (...a) => (await adapter()).transition(...a),
    listMessages: async (...a) => (await adapter()).listMessages(...a),
    postMessage: async (...a) => (await adapter()).postMessage(...a),
    uploadAttachment: async (...a) => (await adapter()).uploadAttachment(...a),
    listHistory: async (...a) => (await adapter()).listHistory(...a),
    listFiles: async (...a) => (await adapter()).listFiles(...a),
    addFiles: async (...a) => (await adapter()).addFiles(...a),
    submitFeedback: async (...a) => (await adapter()).submitFeedback(...a),
    // Optional in the contract; the memory adapter (the only one loaded lazily) has them.
    addParticipant: async (...a) => (await adapter()).addParticipant!(...a),
    removeParticipant: async (...a) => (await adapter()).removeParticipant!(...a),
    listColleagues: async (...a) => (await adapter()).listColleagues!(...a),
    subscribe(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void {
      let unsubscribe: (() => void) | undefined;
      let cancelled = false;
      adapter().then(
        (a) => {
          if (!cancelled) unsubscribe = a.subscribe?.(target, onEvent);
        },
        () => {
          /* no live updates without the adapter; its calls report the failure */
        },
      );
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
  };
}
