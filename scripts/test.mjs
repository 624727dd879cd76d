// `npm test`: every check the project has, in one command, ending in ONE plain line
// "N passed, N failed" for CI logs.
//
//   1. typecheck   tsc -p tsconfig.json --noEmit          (1 entry: pass/fail)
//   2. lint        eslint .                               (1 entry: pass/fail)
//   3. build       npm run build (packages/*/dist via tsc -b + dist/case-portal.js; test/bundle.test.ts loads the bundle) (1 entry)
//   4. packages    scripts/test-packages.mjs → .test-results/packages.json: the packed tarballs in a fresh
//                  project outside the workspace (Vite + TS app, its run in Chromium, the packages in Node,
//                  a plain page with an import map, a React app)     (one entry per check)
//   5. server      mocha (tsx) → .test-results/server.json: the case server over HTTP on SQLite and PostgreSQL
//   6. browser     wtr  → .test-results/wtr.json          (one entry per test; a file that failed to load = 1 failed)
//   7. stories     storybook build + scripts/check-stories.mjs → .test-results/stories.json (one entry per story)
//
// Every step runs even when an earlier one failed, so one run shows everything that is wrong.
// Exit code is non-zero when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import { chromePath } from './chrome-path.mjs';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);

// Fails fast with a one-line install hint when there is no browser.
const chrome = chromePath();

const env = {
  ...process.env,
  CHROME_PATH: chrome,
  PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
  STORYBOOK_DISABLE_TELEMETRY: '1',
  // Plain logs in CI (picocolors & co. treat any FORCE_COLOR, even 0, as "on": leave it alone).
  ...(process.stdout.isTTY || process.env.FORCE_COLOR ? {} : { NO_COLOR: '1' }),
};

function run(cmd, args) {
  return runWith({}, cmd, args);
}

function runWith(extraEnv, cmd, args) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(signal ? 128 : (code ?? 1)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const summary = [];
let passed = 0;
let failed = 0;
const started = Date.now();

async function step(name, fn) {
  console.log(`\n━━ ${name} ━━`);
  const t = Date.now();
  const r = await fn();
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  passed += r.passed;
  failed += r.failed;
  summary.push(`${name.padEnd(10)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed  ${secs.padStart(6)} s${r.note ? `  (${r.note})` : ''}`);
}

const results = '.test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

await step('typecheck', async () => {
  const browser = await run('tsc', ['-p', 'tsconfig.json', '--noEmit']);
  // The server and its tests are Node code: their own project (Node types, no DOM globals leaking into the elements).
  const server = await run('tsc', ['-p', 'packages/server/test/tsconfig.json']);
  const code = browser || server;
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `tsc exit ${code}` };
});

await step('lint', async () => {
  const code = await run('eslint', ['.']);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `eslint exit ${code}` };
});

await step('build', async () => {
  const code = await run('npm', ['run', 'build', '--silent']);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `build exit ${code}` };
});

await step('budget', async () => {
  // The first screen's bytes (issue 11's goal, also a bench figure): deterministic, so a test.
  const code = await run(process.execPath, ['scripts/check-budget.mjs']);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: 'first screen over its byte budget' };
});

await step('packages', async () => {
  const code = await run(process.execPath, ['scripts/test-packages.mjs']);
  const r = readJson(join(results, 'packages.json'));
  if (!r) return { passed: 0, failed: 1, note: `test-packages exit ${code}, wrote no results` };
  if (code !== 0 && r.failed === 0) return { passed: r.passed, failed: 1, note: `test-packages exit ${code}` };
  return { passed: r.passed, failed: r.failed };
});

await step('server', async () => {
  // The case server over real HTTP on a SQLite file and on PostgreSQL (CASE_PORTAL_TEST_PG, set by .ci/run).
  const out = join(results, 'server.json');
  // Two files at a time: much of the suite waits (vendor fakes' Retry-After and poll loops, live
  // streams, token expiry), so two workers halve its time on two cores. Every file starts its own
  // servers on port 0 and its own throwaway databases, so files share nothing.
  const code = await runWith({ MOCHA_RESULTS: out }, 'mocha', ['--config', 'packages/server/.mocharc.json', '--parallel', '--jobs', '2', '--reporter', './scripts/mocha-counts.cjs']);
  const r = readJson(out);
  if (!r) return { passed: 0, failed: 1, note: `mocha exit ${code}, wrote no results` };
  if (code !== 0 && r.failed === 0) return { passed: r.passed, failed: 1, note: `mocha exit ${code}` };
  return { passed: r.passed, failed: r.failed, note: r.skipped ? `${r.skipped} skipped` : '' };
});

await step('browser', async () => {
  // Static logging when not on a terminal: no progress-bar redraws in CI logs.
  const logging = process.stdout.isTTY ? [] : ['--static-logging'];
  const code = await run('wtr', logging);
  const r = readJson(join(results, 'wtr.json'));
  if (!r) return { passed: 0, failed: 1, note: `wtr exit ${code}, wrote no results` };
  // A file whose tab navigated or reloaded under it (seen once in CI: a parallel tab's service
  // worker) gets one more run on its own. A file that does it every time still fails.
  const notes = [];
  let retried = null;
  if (r.interrupted.length > 0) {
    console.log(`\nRunning ${r.interrupted.length} interrupted file(s) once more: ${r.interrupted.join(', ')}`);
    const again = join(results, 'wtr-retry.json');
    const rerun = await runWith({ WTR_RESULTS: again }, 'wtr', [...logging, ...r.interrupted.map((f) => relative(root, f))]);
    retried = readJson(again) ?? { passed: 0, failed: 0, fileErrors: r.interrupted.length, interrupted: [] };
    if (rerun !== 0 && retried.failed + retried.fileErrors + retried.interrupted.length === 0) retried.fileErrors = 1;
    notes.push(`${r.interrupted.length} interrupted file(s) run again`);
  }
  const passed = r.passed + (retried?.passed ?? 0);
  const fileErrors = r.fileErrors + (retried ? retried.fileErrors + retried.interrupted.length : 0);
  const fail = r.failed + (retried?.failed ?? 0) + fileErrors;
  // wtr failed for a reason the counts don't show (browser crash, timeout, no files): one entry.
  if (code !== 0 && fail === 0 && !retried) return { passed, failed: 1, note: `wtr exit ${code}` };
  if (fileErrors) notes.push(`${fileErrors} file(s) failed to load`);
  if (r.skipped) notes.push(`${r.skipped} skipped`);
  return { passed, failed: fail, note: notes.join(', ') };
});

await step('stories', async () => {
  rmSync('storybook-static', { recursive: true, force: true });
  const built = await run('storybook', ['build', '--test', '--quiet', '--loglevel', 'warn', '--disable-telemetry', '-o', 'storybook-static']);
  if (built !== 0 || !existsSync('storybook-static/index.json')) {
    return { passed: 0, failed: 1, note: `storybook build exit ${built}` };
  }
  const code = await run(process.execPath, ['scripts/check-stories.mjs', 'storybook-static']);
  const r = readJson(join(results, 'stories.json'));
  if (!r) return { passed: 0, failed: 1, note: `check-stories exit ${code}, wrote no results` };
  if (code !== 0 && r.failed === 0) return { passed: r.passed, failed: 1, note: `check-stories exit ${code}` };
  return { passed: r.passed, failed: r.failed, note: r.skipped ? `${r.skipped} skipped` : '' };
});

console.log(`\n━━ summary (${((Date.now() - started) / 1000).toFixed(1)} s) ━━`);
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
