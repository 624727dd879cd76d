/**
 * Loads url-sync.ts (the URL code of elements with `url-state`) once per page. An element with
 * `url-state` makes its setup wait for it beside the schema (CaseElement.loadsBesideSetup), so
 * everything after its first render with data finds it here and writes the URL synchronously.
 */
export type UrlSync = typeof import('./url-sync.js');

let loaded: UrlSync | undefined;
let loading: Promise<UrlSync> | undefined;

/** The URL code when it is here. */
export function urlSyncNow(): UrlSync | undefined {
  return loaded;
}

/** Loads the URL code; a failed load is tried again by the next call. */
export function loadUrlSync(): Promise<UrlSync> {
  loading ??= import('./url-sync.js').then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** Runs `use` with the URL code: at once when it is here, else once it loaded (`failed` when it did not). */
export function withUrlSync(use: (sync: UrlSync) => void, failed: (e: unknown) => void): void {
  if (loaded) use(loaded);
  else loadUrlSync().then(use, failed);
}
