import { sendMouse } from '@web/test-runner-commands';
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

/**
 * Gives the test page a real user activation (a click through the test runner's browser driver).
 * Chromium treats history entries a page adds before any user activation as skippable, and when a
 * tab's history is full (50 entries; the runner's tab fills up over earlier test files) it prunes the
 * oldest skippable entry first: the page's own earlier entries. A test's `history.back()` then
 * leaves the page ("navigated to about:blank"). Call it in `before()` of a test file that goes back.
 */
export async function activatePage(): Promise<void> {
  // Bottom right of wtr's 800×600 page, where tests put nothing.
  await sendMouse({ type: 'click', position: [795, 595] });
  if (!navigator.userActivation?.hasBeenActive) throw new Error('the page got no user activation');
}
