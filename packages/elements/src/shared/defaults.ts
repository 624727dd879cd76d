import type { CaseAdapter } from '@case-portal/core';

/**
 * Which backend an element uses when it is given none (no property, no surrounding portal).
 * The elements package knows no adapter; the single-file bundle installs a factory
 * (REST when an `api` attribute is set, else the embedded memory adapter).
 * One adapter per api (and token-url) value, so standalone elements on one page share state and caches.
 */
export type AdapterFactory = (api: string | undefined, options: AdapterFactoryOptions) => CaseAdapter;

export interface AdapterFactoryOptions {
  /** The host site's token endpoint (`token-url`): answers `{ "token": "<JWT>" }` for its signed-in visitor. */
  tokenUrl?: string | undefined;
}

let factory: AdapterFactory | undefined;
const instances = new Map<string, CaseAdapter>();

export function setDefaultAdapterFactory(f: AdapterFactory | undefined): void {
  factory = f;
  instances.clear();
}

export function defaultAdapter(api: string | undefined, tokenUrl?: string): CaseAdapter | undefined {
  if (!factory) return undefined;
  const key = `${api ?? ''}\n${tokenUrl ?? ''}`;
  let a = instances.get(key);
  if (!a) {
    a = factory(api, { tokenUrl });
    instances.set(key, a);
  }
  return a;
}

/**
 * Calls `fn` in a task after the current one (a message to itself: not clamped or throttled like a
 * timer). An element waits that long before it falls back to the default backend, so a host's
 * script that gives it an adapter right after the tag (the same task, after any number of
 * microtasks: the end of one module script and the start of the next) comes first and the demo
 * backend is never asked for anything.
 */
export function afterThisTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}
