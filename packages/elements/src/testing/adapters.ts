/**
 * Adapters for tests and stories (not shipped): the one wrapper every other builds on, one that
 * fails a method on purpose, one that never answers, and one that holds uploads.
 */
import { AdapterError, type AdapterErrorCode, type AdapterErrorInit, type CaseAdapter } from '@case-portal/core';

/**
 * The adapter with some methods replaced; every other member (subscribe, local, whatever a
 * backend adds) goes to the original, bound to it. A Proxy, because RestAdapter's private fields
 * refuse a copy or Object.create.
 */
export function wrapAdapter(base: CaseAdapter, overrides: Partial<CaseAdapter>): CaseAdapter {
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop as keyof CaseAdapter];
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has(target, prop) {
      return Object.prototype.hasOwnProperty.call(overrides, prop) || Reflect.has(target, prop);
    },
  });
}

/** The adapter's methods that answer with a promise (every one but subscribe). */
export type AdapterMethod = {
  [K in keyof CaseAdapter]-?: NonNullable<CaseAdapter[K]> extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof CaseAdapter];

export interface FailingOptions extends Omit<AdapterErrorInit, 'cause'> {
  /** How many calls fail before calls pass through. Default Infinity (always). */
  times?: number;
  /** Default `network`. */
  code?: AdapterErrorCode;
  /**
   * "Lost response": the write reaches the backend, then the answer is lost. A retry without the
   * same idempotency key would make a duplicate.
   */
  afterCommit?: boolean;
  /**
   * "The page goes away": a failing call never settles instead of throwing (with `afterCommit`,
   * after the backend made the change), as when the customer reloads before the answer.
   */
  hangs?: boolean;
  /** Runs as each call is made, before it reaches the backend (e.g. to look at storage then). */
  onCall?: (call: CallRecord) => void;
}

export interface CallRecord {
  args: unknown[];
  idempotencyKey: string | undefined;
}

/** `method` fails with an AdapterError (see FailingOptions); every call is recorded with its idempotency key. */
export function failingAdapter(
  base: CaseAdapter,
  method: AdapterMethod,
  options: FailingOptions = {},
): { adapter: CaseAdapter; calls: CallRecord[] } {
  const { times = Infinity, code = 'network', afterCommit, hangs, onCall, ...init } = options;
  const calls: CallRecord[] = [];
  let failures = 0;
  const original = (base[method] as (...a: unknown[]) => Promise<unknown>).bind(base);
  const fn = async (...args: unknown[]) => {
    const opts = args[args.length - 1] as { idempotencyKey?: string } | undefined;
    const call = { args, idempotencyKey: opts?.idempotencyKey };
    calls.push(call);
    onCall?.(call);
    if (failures < times) {
      failures++;
      if (afterCommit) await original(...args);
      if (hangs) return new Promise(() => {});
      throw new AdapterError(code, { backendMessage: null, fieldErrors: {}, ...init });
    }
    return original(...args);
  };
  return { adapter: wrapAdapter(base, { [method]: fn } as Partial<CaseAdapter>), calls };
}

/** A promise that never settles on its own: it rejects with AbortError when the signal fires. */
export function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
  });
}

/** `method` never answers (a loading state that stays), but honours aborts. */
export function hangingAdapter(base: CaseAdapter, method: AdapterMethod): CaseAdapter {
  const hang = (...args: unknown[]) => untilAborted((args[args.length - 1] as { signal?: AbortSignal } | undefined)?.signal);
  return wrapAdapter(base, { [method]: hang } as Partial<CaseAdapter>);
}

/**
 * The adapter with uploads that never finish while held: the page going away mid-upload.
 * `hold(true)` holds the uploads that start from then on.
 */
export function uploadsOnHold(base: CaseAdapter): { adapter: CaseAdapter; hold(on: boolean): void } {
  let holding = false;
  const never = new Promise<never>(() => {});
  const adapter = wrapAdapter(base, {
    async uploadAttachment(file, opts) {
      if (holding) await never;
      return base.uploadAttachment(file, opts);
    },
  });
  return { adapter, hold: (on) => void (holding = on) };
}
