/**
 * Just enough XMLHttpRequest for RestAdapter's upload (adapter-rest/src/upload.ts) to run in Node,
 * over fetch: open, request headers, send(FormData), abort, the load / error / abort handlers, status,
 * responseText and response headers. Upload progress is one event after the body is sent (fetch
 * reports none while sending). Installed as a global only by tests that upload through RestAdapter.
 */
class NodeXhr {
  static readonly HEADERS_RECEIVED = 2;
  static readonly DONE = 4;
  readyState = 0;
  status = 0;
  responseText = '';
  readonly upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onprogress: (() => void) | null = null;
  onreadystatechange: (() => void) | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private answer: Headers | null = null;
  private readonly controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.answer?.get(name) ?? null;
  }

  abort(): void {
    this.controller.abort();
  }

  send(body: FormData): void {
    void (async () => {
      try {
        const res = await fetch(this.url, { method: this.method, headers: this.headers, body, signal: this.controller.signal });
        this.upload.onprogress?.({ loaded: 1, total: 1, lengthComputable: true });
        this.answer = res.headers;
        this.status = res.status;
        this.readyState = NodeXhr.HEADERS_RECEIVED;
        this.onreadystatechange?.();
        this.responseText = await res.text();
        this.readyState = NodeXhr.DONE;
        this.onload?.();
      } catch {
        if (this.controller.signal.aborted) this.onabort?.();
        else this.onerror?.();
      }
    })();
  }
}

export function installNodeXhr(): void {
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= NodeXhr;
}
