/** Stable error codes: elements map them to catalog messages, hosts branch on them. */
export type AdapterErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'too_large'
  | 'unsupported_type'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'server';

export const ADAPTER_ERROR_CODES: readonly AdapterErrorCode[] = [
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'conflict',
  'too_large',
  'unsupported_type',
  'rate_limited',
  'network',
  'timeout',
  'server',
];

/** Generic, safe text per code (for logs and developers; the UI uses its message catalog). */
const GENERIC: Record<AdapterErrorCode, string> = {
  unauthorized: 'You are not signed in.',
  forbidden: 'You may not do this.',
  not_found: 'Not found.',
  validation: 'Some values are not valid.',
  conflict: 'The case changed since it was loaded.',
  too_large: 'The file is too large.',
  unsupported_type: 'This type of file is not allowed.',
  rate_limited: 'Too many requests; try again shortly.',
  network: 'The service could not be reached.',
  timeout: 'The service did not answer in time.',
  server: 'Something went wrong on our side.',
};

export interface AdapterErrorInit {
  /** The backend's own message: shown only when the schema allows backend messages. */
  backendMessage?: string | null;
  /** Per-field messages for validation errors, keyed by field key. */
  fieldErrors?: Record<string, string>;
  status?: number;
  retryAfterSeconds?: number;
  /** When a retry may go (epoch ms); default: now + retryAfterSeconds. */
  retryAt?: number;
  cause?: unknown;
}

export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly code: AdapterErrorCode;
  readonly backendMessage: string | null;
  readonly fieldErrors: Record<string, string>;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  /**
   * When a retry may go (epoch ms), from `retryAfterSeconds` and the moment the answer came:
   * elements hold their Retry buttons until then, adapters their requests.
   */
  readonly retryAt: number | undefined;

  constructor(code: AdapterErrorCode, init: AdapterErrorInit = {}) {
    super(GENERIC[code], init.cause !== undefined ? { cause: init.cause } : undefined);
    this.code = code;
    this.backendMessage = init.backendMessage ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.retryAt = init.retryAt ?? (init.retryAfterSeconds !== undefined ? Date.now() + init.retryAfterSeconds * 1000 : undefined);
  }

  /** The generic developer-facing text for a code. */
  static genericMessage(code: AdapterErrorCode): string {
    return GENERIC[code];
  }
}

export function isAdapterError(e: unknown): e is AdapterError {
  return e instanceof AdapterError;
}

/** An aborted call is not an error to show: stale work was cancelled on purpose. */
export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Turns anything thrown into an AdapterError (aborts excepted: rethrow those). */
export function toAdapterError(e: unknown): AdapterError {
  if (e instanceof AdapterError) return e;
  if (e instanceof TypeError) return new AdapterError('network', { cause: e });
  return new AdapterError('server', { cause: e });
}

/** Throws an AbortError if the signal is aborted: adapters call it between steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof DOMException ? signal.reason : new DOMException('Aborted', 'AbortError');
}
