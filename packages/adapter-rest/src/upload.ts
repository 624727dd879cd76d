/**
 * Multipart upload over XMLHttpRequest: fetch() cannot report upload progress, XHR can.
 */
import { AdapterError, type Attachment } from '@case-portal/core';
import { errorFromResponse } from './http-errors.js';

// The size and type rules an upload is checked against first: loaded with this module (rest-adapter.ts).
export { assertAttachmentAllowed } from '@case-portal/core';

export interface XhrUploadRequest {
  url: string;
  headers: Record<string, string>;
  file: File;
  signal?: AbortSignal | undefined;
  onProgress?: ((loaded: number, total: number) => void) | undefined;
  /**
   * Fail as `timeout` when nothing moved for this long: no upload progress, and after the last
   * byte no answer. Judged by stalling, not total time: a large file on a slow line is fine. 0 = none.
   */
  stallMs?: number;
}

function abortError(signal: AbortSignal): DOMException {
  return signal.reason instanceof DOMException ? signal.reason : new DOMException('Aborted', 'AbortError');
}

export function xhrUpload(req: XhrUploadRequest): Promise<Attachment> {
  return new Promise<Attachment>((resolve, reject) => {
    const { signal } = req;
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const stallMs = req.stallMs ?? 0;
    let stalled = false;
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    /** Progress of any kind (bytes up, the answer's headers or body down) restarts the stall clock. */
    const moved = () => {
      clearTimeout(stallTimer);
      if (stallMs > 0 && Number.isFinite(stallMs)) {
        stallTimer = setTimeout(() => {
          stalled = true;
          xhr.abort();
        }, stallMs);
      }
    };
    const done = () => {
      clearTimeout(stallTimer);
      signal?.removeEventListener('abort', onAbort);
    };

    xhr.open('POST', req.url);
    for (const [k, v] of Object.entries(req.headers)) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Accept', 'application/json');
    let reported = -1;
    let reportedTotal = 0;
    const report = req.onProgress;
    xhr.upload.onprogress = (e) => {
      moved();
      if (!report) return;
      reported = e.loaded;
      reportedTotal = e.lengthComputable ? e.total : req.file.size;
      report(reported, reportedTotal);
    };
    xhr.onprogress = moved;
    xhr.onreadystatechange = () => {
      if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) moved();
    };
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        // Chromium fires no upload progress when a service worker answers (msw, offline caches):
        // a progress bar must still reach 100%, so a success always ends with loaded === total.
        if (req.onProgress && (reported < 0 || reported < reportedTotal)) {
          const total = reportedTotal || req.file.size;
          req.onProgress(total, total);
        }
        try {
          resolve(JSON.parse(xhr.responseText) as Attachment);
        } catch (cause) {
          reject(new AdapterError('server', { status: xhr.status, cause }));
        }
        return;
      }
      reject(errorFromResponse(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
    };
    // XHR reports a failed connection as status 0 with an "error" event: that is the network.
    xhr.onerror = () => {
      done();
      reject(new AdapterError('network'));
    };
    xhr.onabort = () => {
      done();
      if (stalled && !signal?.aborted) {
        reject(new AdapterError('timeout', { cause: new DOMException(`No upload progress for ${stallMs} ms.`, 'TimeoutError') }));
        return;
      }
      reject(signal?.aborted ? abortError(signal) : new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const form = new FormData();
    form.append('file', req.file, req.file.name);
    xhr.send(form);
    moved();
  });
}
