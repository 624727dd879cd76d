// The packages as a stranger gets them (`npm test`'s "packages" step; `node scripts/test-packages.mjs`
// alone). Packs every workspace package, installs the tarballs into a fresh
// project under the OS temp dir (outside the workspace), and proves five things, one result each:
//
//   vite-app      test/consumer/ type-checks under ITS tsconfig (standard decorators,
//                 useDefineForClassFields, skipLibCheck off; moduleResolution bundler and node16)
//                 and builds with Vite (index + react page)
//   vite-browser  the built app, served with the REST routes, shows the list's rows in Chromium
//   import-map    plain.html, served unbuilt from the project's node_modules through an import map,
//                 shows the list's rows
//   node          the packed core and adapters load in Node (the test server runs on them)
//   react         the React 19 app (the @case-portal/react wrappers) opens a case on a row click
//
// Offline-safe: the third-party runtime packages (Lit, React and what they depend on) are packed
// from the repo's own node_modules too, and `npm install --offline` gets nothing but local tarballs;
// our unpublished names never reach a registry. Writes .test-results/packages.json.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromePath, CHROME_FLAGS } from './chrome-path.mjs';
import { startConsumerServer } from './consumer-server.mjs';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const resultsFile = join(root, '.test-results', 'packages.json');
/** What the consumer app itself depends on, besides our packages. */
const APP_DEPENDENCIES = ['react', 'react-dom', '@types/react', '@types/react-dom'];
const PAGE_TIMEOUT_MS = 15_000;

const results = [];
let lastMark = Date.now();
/** Prints how long the phase since the previous mark took (the step has a ~60 s budget). */
function mark(phase) {
  const now = Date.now();
  console.log(`  ${phase}: ${((now - lastMark) / 1000).toFixed(1)} s`);
  lastMark = now;
}
function record(name, error) {
  results.push({ name, ok: !error, ...(error ? { error: String(error?.stack ?? error) } : {}) });
  console.log(`${error ? '✗' : '✓'} ${name}${error ? `\n    ${String(error?.message ?? error).split('\n').join('\n    ')}` : ''}`);
}

function run(cmd, args, cwd) {
  return new Promise((done, fail) => {
    let out = '';
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out.trim()}`))));
  });
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Workspace package folders (package.json "workspaces", one level of globs). */
function workspaceDirs() {
  const { workspaces } = readJson(join(root, 'package.json'));
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const base = join(root, pattern.slice(0, -2));
    return readdirSync(base)
      .map((d) => join(base, d))
      .filter((d) => existsSync(join(d, 'package.json')));
  });
}

/**
 * Every third-party package the given names need at run time (dependencies and required peers,
 * transitively), found where Node would find it from the repo: name → folder.
 */
function thirdPartyClosure(names, ours) {
  const found = new Map();
  const queue = names.map((name) => ({ name, from: root }));
  while (queue.length) {
    const { name, from } = queue.shift();
    if (found.has(name) || ours.has(name)) continue;
    const dir = packageDir(name, from);
    found.set(name, dir);
    const pkg = readJson(join(dir, 'package.json'));
    const optionalPeers = new Set(Object.keys(pkg.peerDependenciesMeta ?? {}).filter((p) => pkg.peerDependenciesMeta[p].optional));
    const needs = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}).filter((p) => !optionalPeers.has(p))];
    for (const dep of needs) queue.push({ name: dep, from: dir });
  }
  return found;
}

function packageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (needed from ${from})`);
  }
}

async function pack(dirs, dest) {
  const out = await run('npm', ['pack', ...dirs, '--pack-destination', dest, '--json', '--ignore-scripts', '--silent'], root);
  return JSON.parse(out.slice(out.indexOf('['))).map((p) => ({ name: p.name, file: join(dest, p.filename) }));
}

async function makeProject() {
  const project = mkdtempSync(join(tmpdir(), 'case-portal-consumer-'));
  const tarballs = join(project, 'tarballs');
  mkdirSync(tarballs);
  // The consumer is a web app: the case server (a Node service with a native SQLite addon) is not
  // one of its dependencies, and packing its closure would only slow this step down.
  const workspaces = workspaceDirs().filter((d) => readJson(join(d, 'package.json')).name !== '@case-portal/server');
  const ourPkgs = workspaces.map((d) => readJson(join(d, 'package.json')));
  const ours = new Set(ourPkgs.map((p) => p.name));
  const wanted = [...new Set([...ourPkgs.flatMap((p) => Object.keys(p.dependencies ?? {})), ...APP_DEPENDENCIES])];
  const third = thirdPartyClosure(wanted, ours);
  const packed = [...(await pack(workspaces, tarballs)), ...(await pack([...third.values()], tarballs))];
  mark('npm pack');
  cpSync(join(root, 'test', 'consumer'), project, { recursive: true });
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:./tarballs/${p.file.slice(tarballs.length + 1)}`]));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'case-portal-consumer', private: true, type: 'module', dependencies }, null, 2));
  // --offline: nothing may come from a registry (only the local tarballs are named).
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel', 'error'], project);
  mark('npm install --offline');
  for (const name of ours) {
    if (!existsSync(join(project, 'node_modules', name, 'package.json'))) throw new Error(`${name} did not install`);
    if (existsSync(join(project, 'node_modules', name, 'src'))) throw new Error(`${name} ships its src/`);
  }
  return { project, packages: packed.length };
}

async function buildApp(project) {
  const tsc = (config) => run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(project, config)], project);
  await Promise.all([tsc('tsconfig.json'), tsc('tsconfig.node16.json')]);
  mark('tsc (bundler, node16)');
  await build({
    root: project,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: join(project, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      rolldownOptions: { input: { index: join(project, 'index.html'), react: join(project, 'react.html') } },
    },
  });
  mark('vite build');
}

/** The installed @case-portal/core, adapter-memory and adapter-rest, as Node resolves them from the project. */
async function importInstalled(project) {
  const fromProject = createRequire(join(project, 'package.json'));
  const load = (name) => import(pathToFileURL(fromProject.resolve(name)).href);
  const [core, memory, rest] = await Promise.all(['@case-portal/core', '@case-portal/adapter-memory', '@case-portal/adapter-rest'].map(load));
  return { core, memory, rest };
}

/** Opens `url` and runs `check(page)`; any page error, console error or failed request fails it. */
async function openPage(browser, url, check) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  try {
    await page.goto(url);
    await check(page);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  } catch (e) {
    throw errors.length ? new Error(`${e.message}\npage errors: ${errors.join('; ')}`) : e;
  } finally {
    await page.close();
  }
}

/** The ids of the list rows under `scope` (a CSS selector; Playwright's CSS pierces shadow roots). */
async function listRowIds(page, scope) {
  const rows = page.locator(`${scope} tbody tr[data-id]`);
  await rows.first().waitFor({ timeout: PAGE_TIMEOUT_MS });
  return rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
}

async function expectKnownCases(server, ids) {
  if (ids.length === 0) throw new Error('no rows');
  const page = await server.adapter.listCases({ limit: 100 });
  const known = new Set(page.items.map((c) => c.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`rows for cases the server does not have: ${unknown.join(', ')}`);
}

async function main() {
  const started = Date.now();
  // The packages' dist/, which npm pack ships (a no-op when npm run build just ran).
  await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], root);
  mark('tsc -b (the packages)');
  let project;
  let server;
  let browser;
  try {
    let built = null;
    try {
      const made = await makeProject();
      project = made.project;
      console.log(`packed and installed ${made.packages} packages into ${project}`);
      await buildApp(project);
      record('vite-app: packed packages type-check under a consumer tsconfig and build with Vite');
      built = true;
    } catch (e) {
      record('vite-app: packed packages type-check under a consumer tsconfig and build with Vite', e);
    }

    try {
      if (!project) throw new Error('no project (see vite-app)');
      server = await startConsumerServer({ roots: [join(project, 'dist'), project], ...(await importInstalled(project)) });
      await server.adapter.listCases({});
      record('node: the packed core and adapters load in Node (ESM) and back the test server');
    } catch (e) {
      record('node: the packed core and adapters load in Node (ESM) and back the test server', e);
    }
    browser = server ? await chromium.launch({ executablePath: chromePath(), headless: true, args: CHROME_FLAGS }) : null;

    const browserCheck = async (name, fn) => {
      if (!browser) return record(name, new Error('no project to serve (see above)'));
      try {
        await fn();
        record(name);
      } catch (e) {
        record(name, e);
      }
    };

    await browserCheck('vite-browser: the built app shows the list from the REST backend', async () => {
      if (!built) throw new Error('not built (see vite-app)');
      await openPage(browser, `${server.url}/index.html`, async (page) => {
        const ids = await listRowIds(page, 'branded-case-list app-case-list');
        await expectKnownCases(server, ids);
        const caption = await page.locator('branded-case-list [part="app-caption"]').textContent();
        if (caption !== 'Your cases') throw new Error(`the app element rendered "${caption}"`);
        const tokens = server.requests.filter((r) => r.path === '/api/cases').map((r) => r.authorization);
        if (!tokens.includes('Bearer consumer-token')) throw new Error(`GET /cases without the host's token: ${tokens.join(', ')}`);
      });
    });

    await browserCheck('import-map: a plain page loads the packed files through an import map, no build', async () => {
      await openPage(browser, `${server.url}/plain.html`, async (page) => {
        await expectKnownCases(server, await listRowIds(page, 'case-list'));
      });
    });

    await browserCheck('react: the React 19 wrappers open a case on a click (onCaseSelect)', async () => {
      if (!built) throw new Error('not built (see vite-app)');
      await openPage(browser, `${server.url}/react.html`, async (page) => {
        const [id] = await listRowIds(page, 'case-list');
        await page.locator(`case-list tbody tr[data-id="${id}"] [part~="open"]`).click();
        const title = page.locator('case-detail [part="title"]');
        await title.waitFor({ timeout: PAGE_TIMEOUT_MS });
        const expected = (await server.adapter.getCase(id)).subject;
        const shown = await title.textContent();
        if (shown !== expected) throw new Error(`case-detail shows "${shown}", expected "${expected}"`);
        const events = await page.locator('#events').textContent();
        if (events !== `select:${id}`) throw new Error(`the app's event log says "${events}"`);
      });
    });
  } finally {
    await browser?.close();
    await server?.close();
    if (project && !process.env.KEEP_CONSUMER) rmSync(project, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify({ passed, failed, results }, null, 2));
  console.log(`packages: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = failed ? 1 : 0;
}

await main();
