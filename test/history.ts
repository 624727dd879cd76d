/**
 * Counts the History API writes a test makes. history.length can't count them: Chromium stops it
 * at 50, and the test runner's tab may already be there from earlier test files.
 */
export interface HistoryRecorder {
  /** Every write in order: 'push' or 'replace'. */
  readonly calls: ReadonlyArray<'push' | 'replace'>;
  readonly pushes: number;
  /** Puts the real methods back (call it in `finally` or `afterEach`). */
  restore(): void;
}

export function recordHistory(): HistoryRecorder {
  const calls: ('push' | 'replace')[] = [];
  const { pushState, replaceState } = history;
  history.pushState = (...a: Parameters<History['pushState']>) => {
    calls.push('push');
    pushState.apply(history, a);
  };
  history.replaceState = (...a: Parameters<History['replaceState']>) => {
    calls.push('replace');
    replaceState.apply(history, a);
  };
  return {
    calls,
    get pushes() {
      return calls.filter((c) => c === 'push').length;
    },
    restore() {
      history.pushState = pushState;
      history.replaceState = replaceState;
    },
  };
}
