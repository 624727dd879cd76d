/**
 * The test-framework functions the contract suite calls. Mocha (browser or Node) and vitest with
 * `globals: true` both put these on globalThis; pass them in `options.suite` to use anything else.
 */
export type Body = () => void | Promise<void>;

export interface SuiteFunctions {
  describe(name: string, body: () => void): void;
  it(name: string, body: (...args: never[]) => void | Promise<void>): void;
  beforeEach(body: Body): void;
  afterEach(body: Body): void;
}

export function globalSuite(): SuiteFunctions {
  const g = globalThis as unknown as Partial<SuiteFunctions>;
  const missing = (['describe', 'it', 'beforeEach', 'afterEach'] as const).filter((k) => typeof g[k] !== 'function');
  if (missing.length) {
    throw new Error(
      `runAdapterContract needs a test framework's ${missing.join(', ')}: run it under mocha or vitest (globals: true), or pass options.suite`,
    );
  }
  return g as SuiteFunctions;
}

/** What a test body can do besides asserting, whichever framework runs it. */
export interface TestControl {
  /** Marks the test skipped (mocha's `this.skip()`, vitest's `context.skip()`) and stops it. */
  skip(reason: string): never;
}

class Skipped extends Error {}

/**
 * One test with a per-test timeout and a portable skip. The body is wrapped in a function with no
 * declared parameters: mocha reads a declared parameter as a `done` callback.
 */
export function defineTest(
  suite: SuiteFunctions,
  name: string,
  timeoutMs: number,
  body: (control: TestControl) => void | Promise<void>,
): void {
  suite.it(name, async function (this: unknown, ...args: unknown[]) {
    const mocha = this as { timeout?: (ms: number) => void; skip?: () => never } | undefined;
    const vitest = args[0] as { skip?: (note?: string) => never } | undefined;
    mocha?.timeout?.(timeoutMs);
    const control: TestControl = {
      skip(reason) {
        if (typeof mocha?.skip === 'function') mocha.skip();
        if (typeof vitest?.skip === 'function') vitest.skip(reason);
        throw new Skipped(reason);
      },
    };
    try {
      await withTimeout(Promise.resolve(body(control)), timeoutMs, name);
    } catch (e) {
      // A framework without skip: the test counts as passed, with a line saying why it did nothing.
      if (e instanceof Skipped) return console.info(`skipped: ${name}: ${e.message}`);
      throw e;
    }
  });
}

/** Our own timeout as well as the framework's: vitest's default (5 s) is shorter than some checks. */
function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
