/**
 * What the misbehaving-server tests share (issue 12): one msw worker per test file, the mock API
 * over a fresh memory backend, and a log of every request that reached /api/portal (method, path,
 * key, If-Match, JSON body), so a test can say what the backend received, and that nothing went.
 */
import { http, type HttpHandler } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { RestAdapter, type RestAdapterOptions } from '@case-portal/adapter-rest';
import { startMockWorker } from '../mocks/browser.js';
import { createMockApi, type MockApi, type MockApiOptions } from '../mocks/handlers.js';

export const BASE = '/api/portal';
export const NOW = new Date('2025-03-10T12:00:00Z');
export const now = () => NOW;

export interface Received {
  method: string;
  /** The path as the server saw it, after the browser normalised the URL (`/cases/..` → `/`). */
  path: string;
  key: string | null;
  ifMatch: string | null;
  body: unknown;
}

let worker: SetupWorker | undefined;

/** Starts the file's worker (call in `before`, with a 20 s timeout: installing it waits for its claim). */
export async function startWorker(): Promise<void> {
  worker = await startMockWorker([]);
}

export async function stopWorker(): Promise<void> {
  await worker?.stop();
  worker = undefined;
}

export interface Backend {
  api: MockApi;
  data: MemoryAdapter;
  received: Received[];
  /** Requests with this method whose path ends with `suffix`. */
  sent(method: string, suffix: string): Received[];
  rest(options?: Partial<RestAdapterOptions>): RestAdapter;
  /** Puts handlers in front of the others (after the log, so it still sees every request). */
  use(...handlers: HttpHandler[]): void;
}

/**
 * A fresh mock API (over a memory backend with a fixed "now") behind `before` (handlers tried
 * first: a slow route, a 429) and the request log. `options` go to createMockApi.
 */
export function backend(before: HttpHandler[] = [], options: Omit<MockApiOptions, 'adapter'> = {}): Backend {
  const data = new MemoryAdapter({ storage: null, now });
  const api = createMockApi({ ...options, adapter: data });
  const received: Received[] = [];
  const log = http.all(/\/api\/portal(\/|$)/, async ({ request }) => {
    const type = request.headers.get('Content-Type') ?? '';
    let body: unknown;
    if (type.startsWith('application/json')) body = await request.clone().json().catch(() => undefined);
    received.push({
      method: request.method,
      path: new URL(request.url).pathname,
      key: request.headers.get('Idempotency-Key'),
      ifMatch: request.headers.get('If-Match'),
      body,
    });
    return undefined; // on to the next handler
  });
  let front = [...before];
  worker!.resetHandlers(log, ...front, ...api.handlers);
  return {
    api,
    data,
    received,
    sent: (method, suffix) => received.filter((r) => r.method === method && r.path.endsWith(suffix)),
    rest: (o = {}) => new RestAdapter({ baseUrl: BASE, ...o }),
    use(...handlers) {
      front = [...handlers, ...front];
      worker!.resetHandlers(log, ...front, ...api.handlers);
    },
  };
}

const gates = new Set<() => void>();

/** A promise a test opens when it wants a held request to go on (`openGates` in afterEach opens the rest). */
export function gate(): { wait: Promise<void>; open(): void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  gates.add(open);
  return { wait, open };
}

/** Lets every held request go on: worker.stop() waits for requests still pending. */
export function openGates(): void {
  for (const open of gates) open();
  gates.clear();
}

/** The text of an element's visible error box, trimmed. */
export function errorText(root: ParentNode | null | undefined, selector = '[part~="error"]'): string {
  return root?.querySelector(selector)?.querySelector('span')?.textContent?.trim() ?? '';
}

/** Like waitFor, for a condition that has to ask the backend (async). */
export async function eventually(condition: () => Promise<boolean>, message: string, timeout = 5000): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Timed out after ${timeout} ms: ${message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
