/**
 * A recording fetch for unit tests: sees exactly what RestAdapter sends, answers what the test says.
 * (Not exported from the package; only tests import it.)
 */
export interface RecordedCall {
  url: URL;
  method: string;
  headers: Headers;
  body: string | null;
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>;

export interface RecordingFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function recordingFetch(respond: Responder): RecordingFetch {
  const calls: RecordedCall[] = [];
  const fake = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call: RecordedCall = {
      url: new URL(String(input), location.href),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : null,
    };
    calls.push(call);
    const signal = init.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Like real fetch: an abort while waiting rejects with the signal's reason.
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      Promise.resolve()
        .then(() => respond(call))
        .then(resolve, reject);
    });
  };
  return { fetch: fake as typeof fetch, calls };
}
