/**
 * Helpers for tests and stories of the thread and the create form (not exported by the package).
 * An adapter wrapper that overrides some calls, and one that fails writes on purpose.
 */
import { AdapterError, type AdapterErrorCode, type CaseAdapter } from '@case-portal/core';

/** The adapter with some methods replaced; everything else goes to the original (bound to it). */
export function wrapAdapter(base: CaseAdapter, overrides: Partial<CaseAdapter>): CaseAdapter {
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop as keyof CaseAdapter];
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type WriteMethod = 'postMessage' | 'createCase';

export interface FailingOptions {
  /** How many calls fail before calls pass through. Default Infinity (always). */
  times?: number;
  code?: AdapterErrorCode;
  backendMessage?: string;
  fieldErrors?: Record<string, string>;
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

/** Wraps a write so it fails; records every call with its idempotency key. */
export function failingAdapter(
  base: CaseAdapter,
  method: WriteMethod,
  options: FailingOptions = {},
): { adapter: CaseAdapter; calls: CallRecord[] } {
  const calls: CallRecord[] = [];
  let failures = 0;
  const original = (base[method] as (...a: unknown[]) => Promise<unknown>).bind(base);
  const fn = async (...args: unknown[]) => {
    const opts = args[args.length - 1] as { idempotencyKey?: string } | undefined;
    const call = { args, idempotencyKey: opts?.idempotencyKey };
    calls.push(call);
    options.onCall?.(call);
    if (failures < (options.times ?? Infinity)) {
      failures++;
      if (options.afterCommit) await original(...args);
      if (options.hangs) return new Promise(() => {});
      throw new AdapterError(options.code ?? 'network', {
        backendMessage: options.backendMessage ?? null,
        fieldErrors: options.fieldErrors ?? {},
      });
    }
    return original(...args);
  };
  return { adapter: wrapAdapter(base, { [method]: fn } as Partial<CaseAdapter>), calls };
}

/** A promise with its resolve and reject in hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Types into a field the way a user does, as far as the element can tell (value + input event). */
export function typeInto(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.focus();
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Picks an option of a select (value + change event). */
export function choose(el: HTMLSelectElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/**
 * A Storage of its own for drafts: test files run in parallel tabs that share localStorage, and
 * one story's draft must not show up in another.
 */
export function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

/** A DataTransfer holding these files: what a drop, a paste or the file dialog hands over. */
export function transferOf(files: readonly File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

/** Picks files in a file input the way the file dialog does (its files, then input and change). */
export function pickFiles(input: HTMLInputElement, files: readonly File[]): void {
  input.files = transferOf(files).files;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
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
