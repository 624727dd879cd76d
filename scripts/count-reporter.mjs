// A tiny wtr reporter: writes how many tests passed and failed to a file,
// so scripts/test.mjs can print one plain "N passed, N failed" line for CI.
import { writeFileSync, mkdirSync } from 'node:fs';

function count(results, acc) {
  if (!results) return acc;
  for (const t of results.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of results.suites ?? []) count(s, acc);
  return acc;
}

// wtr's words for a test file whose page navigated or reloaded under it: the file did not finish,
// so its partial counts mean nothing. scripts/test.mjs runs such files once more.
const INTERRUPTED = /^Tests were interrupted because the page (navigated|was reloaded)/;

export function countReporter({ file = process.env.WTR_RESULTS ?? '.test-results/wtr.json' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0, fileErrors: 0, interrupted: [] };
      for (const s of sessions) {
        if (!s.passed && s.errors?.length && s.errors.every((e) => INTERRUPTED.test(e.message ?? ''))) {
          acc.interrupted.push(s.testFile);
          continue;
        }
        count(s.testResults, acc);
        // A file that throws before its tests run counts as one failure.
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.fileErrors++;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(acc));
    },
  };
}
