/** Reading an answer's JSON body and naming a transport failure: the first screen's reads and the case calls share them. */
import { AdapterError, isAbortError } from '@case-portal/core';

export async function readJson<T>(res: Response, signal: AbortSignal | undefined): Promise<T> {
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw transportError(e, signal);
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    // A 200 that is not JSON (a login page served by a proxy, a truncated body) is the server's fault.
    throw new AdapterError('server', { status: res.status, cause });
  }
}

/** fetch rejects with TypeError when the network fails, and with the signal's reason on abort. */
export function transportError(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason instanceof DOMException ? signal.reason : new DOMException('Aborted', 'AbortError');
  if (isAbortError(e)) return e;
  if (e instanceof AdapterError) return e;
  if (e instanceof TypeError) return new AdapterError('network', { cause: e });
  return new AdapterError('server', { cause: e });
}
