// `npm run bench`: size and speed figures, written to bench/results.json as a flat { name: number }.
//
//   node bench/run.mjs            build (npm run build) when dist/case-portal.js is missing or stale, then measure
//   node bench/run.mjs --no-build measure what is in dist/
//   node bench/run.mjs --only thread   only the figure modules whose file name contains "thread"
//
// Figures:
//   - bundle.portal.gzipBytes   here: min + gzip -9 of dist/case-portal.js (node:zlib): the entry file only
//                               since the split (chunks: bench/figures/bundle-split.mjs)
//   - bench/figures/*.mjs       each exports `async function measure({ browser, serve, root, dist })`
//                               returning { 'figure.name': number, ... }; runs in one shared headless
//                               Chromium (playwright-core, the system's browser) with a loopback server.
//                               A module may also export `goals = { 'figure.name': max | { min } }`: the
//                               summary prints PASS (figure ≤ max, or ≥ min) or MISS next to the figure,
//                               with figure / goal. A module that needs neither the bundle nor the browser
//                               (the case server's figures) exports `needs = { bundle: false, browser: false }`:
//                               when no selected module needs them, nothing is built and no browser starts.
// Add a figure by adding a module there; names are dotted and stable (they are compared across runs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromePath, CHROME_FLAGS } from '../scripts/chrome-path.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const bundle = join(dist, 'case-portal.js');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  if (args.includes('--no-build')) return;
  const sources = Math.max(
    newestMtime(join(root, 'packages')),
    ...['package.json', 'tsconfig.base.json', 'vite.bundle.config.ts'].map((f) => statSync(join(root, f)).mtimeMs),
  );
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  console.log('bench: building (npm run build)…');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('bench: build failed');
    process.exit(1);
  }
}

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };

/**
 * Serves files on 127.0.0.1. `serve({ dir, pages })` → { origin, close }:
 * `dir` is served at /, and `pages` maps extra paths to literal HTML bodies (e.g. { '/blank.html': '<!doctype html>' }).
 */
async function serve({ dir = dist, pages = {} } = {}) {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path in pages) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(pages[path]);
      return;
    }
    const file = normalize(join(base, decodeURIComponent(path)));
    if (!file.startsWith(base + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`, 'cache-control': 'no-store' })
      .end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

function sizeFigures() {
  const code = readFileSync(bundle);
  return {
    'bundle.portal.minBytes': code.length,
    'bundle.portal.gzipBytes': gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length,
  };
}

async function main() {
  const figDir = join(import.meta.dirname, 'figures');
  const files = existsSync(figDir)
    ? readdirSync(figDir)
        .filter((f) => f.endsWith('.mjs') && (!only || f.includes(only)))
        .sort()
    : [];
  const modules = [];
  for (const f of files) modules.push({ f, mod: await import(pathToFileURL(join(figDir, f)).href) });
  // The bundle's size figures come with every run that measures the bundle (any figure module but the server's, or `--only bundle`).
  const needsBundle = modules.length === 0 || modules.some(({ mod }) => mod.needs?.bundle !== false);
  const needsBrowser = modules.some(({ mod }) => mod.needs?.browser !== false);

  if (needsBundle) {
    ensureBuild();
    if (!existsSync(bundle)) {
      console.error(`bench: ${bundle} missing (npm run build)`);
      process.exit(1);
    }
  }
  const results = {};
  const goals = {};
  const keep = (figs) => {
    for (const [k, v] of Object.entries(figs)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`bench: figure ${k} is not a number: ${v}`);
      results[k] = Math.round(v * 100) / 100;
    }
  };
  if (needsBundle) keep(sizeFigures());

  if (modules.length) {
    const browser = needsBrowser ? await chromium.launch({ executablePath: chromePath(), headless: true, args: CHROME_FLAGS }) : null;
    try {
      for (const { f, mod } of modules) {
        const t = Date.now();
        Object.assign(goals, mod.goals);
        keep(await mod.measure({ browser, serve, root, dist }));
        console.log(`bench: ${f} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      }
    } finally {
      await browser?.close();
    }
  }

  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  printSummary(results, goals);
}

/** One line per figure: value, and for those with a goal, PASS/MISS and figure / goal. */
function printSummary(results, goals) {
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  let missed = 0;
  console.log('bench: figures (bench/results.json)');
  for (const [name, value] of Object.entries(results)) {
    let line = `  ${name.padEnd(width)}  ${String(value).padStart(10)}`;
    const goal = goals[name];
    // A number is an upper bound; { min } a lower bound (a ratio to a yardstick that should stay high).
    const max = typeof goal === 'number' ? goal : null;
    const min = typeof goal?.min === 'number' ? goal.min : null;
    if (max !== null || min !== null) {
      const pass = max !== null ? value <= max : value >= min;
      if (!pass) missed++;
      line += `   goal ${max !== null ? `≤ ${max}` : `≥ ${min}`}  ${pass ? 'PASS' : 'MISS'} (${(value / (max ?? min)).toFixed(2)}× goal)`;
    }
    console.log(line);
  }
  const withGoal = Object.keys(goals).filter((k) => k in results).length;
  console.log(`bench: ${withGoal - missed} of ${withGoal} goals met`);
}

await main();
