// Smoke-checks a built Storybook: every story must render in headless Chromium without an error.
// Usage: node scripts/check-stories.mjs [storybook-static]   (build it first: npm run build-storybook)
//
// Serves the static build on a loopback port, reads index.json, opens each story's
// iframe.html?id=…&viewMode=story and listens to Storybook's channel. A story passes when the
// channel reports storyRendered/storyFinished and nothing reports storyErrored, storyThrewException,
// playFunctionThrewException, storyMissing or a page error (a failing play function still finishes
// with "success", so the exception event is what counts). Then axe (WCAG 2.0–2.2 A and AA rules)
// runs on the rendered story four times: light and dark colour scheme, left-to-right and
// right-to-left page; a violation fails the story. Writes .test-results/stories.json.
import { createServer } from 'node:http';
import { readFile, stat, mkdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { chromePath, CHROME_FLAGS } from './chrome-path.mjs';

const ROOT = resolve(process.argv[2] ?? 'storybook-static');
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * Every story is checked in each: the colour schemes the elements follow, and both page directions.
 * The first runs every WCAG A/AA rule; the others the rules whose answer a scheme or a direction can
 * change (colours, and where targets land), since the rest read the same DOM: a quarter of the time.
 */
const VARIANT_RULES = { type: 'rule', values: ['color-contrast', 'target-size'] };
const AXE_VARIANTS = [
  { scheme: 'light', dir: 'ltr', runOnly: { type: 'tag', values: AXE_TAGS } },
  { scheme: 'dark', dir: 'ltr', runOnly: VARIANT_RULES },
  { scheme: 'light', dir: 'rtl', runOnly: VARIANT_RULES },
  { scheme: 'dark', dir: 'rtl', runOnly: VARIANT_RULES },
];
const PARALLEL = Number(process.env.STORY_CHECK_PARALLEL ?? 3);
const STORY_TIMEOUT_MS = Number(process.env.STORY_CHECK_TIMEOUT ?? 15000);
// After storyRendered, how long to wait for storyFinished (older renderers may not send it).
const FINISH_GRACE_MS = 3000;
// After the story settles, a short wait so a late async error still counts.
const SETTLE_MS = 150;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** A tiny static file server bound to 127.0.0.1 (a secure context, so the msw service worker can register). */
export async function serveStatic(root) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      // Hashed assets may be cached (each story reloads the same 1 MB preview runtime); the rest not.
      const cache = url.pathname.startsWith('/assets/') || url.pathname.startsWith('/sb-') ? 'max-age=3600' : 'no-store';
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache };
      if (file.endsWith('mockServiceWorker.js')) headers['service-worker-allowed'] = '/';
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }) };
}

const WATCHED = [
  'storyRendered',
  'storyFinished',
  'storyErrored',
  'storyThrewException',
  'playFunctionThrewException',
  'storyMissing',
  'unhandledErrorsWhilePlaying',
];

// Runs in the page before Storybook: hooks the addons channel the moment the preview installs it.
function hookChannel(watched) {
  let channel;
  const toPlain = (v) => {
    if (v instanceof Error) return { message: v.message, stack: v.stack };
    try {
      return JSON.parse(JSON.stringify(v));
    } catch {
      return String(v);
    }
  };
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(next) {
      channel = next;
      if (!next || next.__storyCheckHooked) return;
      next.__storyCheckHooked = true;
      for (const type of watched) {
        next.on(type, (...args) => globalThis.__storyCheckEvent?.(type, toPlain(args)));
      }
    },
  });
}

function describe(type, args) {
  const a = args?.[0];
  if (!a) return type;
  if (typeof a === 'string') return `${type}: ${a}`;
  if (a.message) return `${type}: ${a.message}${a.stack ? `\n      ${String(a.stack).split('\n').slice(1, 4).join('\n      ')}` : ''}`;
  if (a.title || a.description) return `${type}: ${a.title ?? ''} ${a.description ?? ''}`.trim();
  if (Array.isArray(a)) return `${type}: ${a.map((e) => e?.message ?? String(e)).join('; ')}`;
  return `${type}: ${JSON.stringify(a).slice(0, 300)}`;
}

async function checkStory(page, origin, story, timeoutMs = STORY_TIMEOUT_MS) {
  const problems = [];
  let rendered = false;
  let finished = false;
  let settle;
  const done = new Promise((ok) => (settle = ok));
  let graceTimer;

  page.__onStoryEvent = (type, args) => {
    if (type === 'storyRendered') {
      rendered = true;
      graceTimer ??= setTimeout(settle, FINISH_GRACE_MS);
    } else if (type === 'storyFinished') {
      finished = true;
      settle();
    } else {
      problems.push(describe(type, args));
      // A missing or errored story never finishes: stop waiting.
      if (type === 'storyErrored' || type === 'storyMissing' || type === 'storyThrewException') settle();
    }
  };
  page.__onPageError = (err) => problems.push(`page error: ${err.message}`);

  const url = `${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`;
  let timeoutTimer;
  const timeout = new Promise((ok) => (timeoutTimer = setTimeout(() => ok('timeout'), timeoutMs)));
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    const outcome = await Promise.race([done, timeout]);
    if (outcome === 'timeout' && !rendered) problems.push(`timed out after ${timeoutMs} ms without storyRendered`);
    await new Promise((ok) => setTimeout(ok, SETTLE_MS));
    if (rendered || finished) problems.push(...(await axeProblems(page)));
  } catch (err) {
    problems.push(`navigation failed: ${err.message}`);
  } finally {
    clearTimeout(graceTimer);
    clearTimeout(timeoutTimer);
    page.__onStoryEvent = () => {};
    page.__onPageError = () => {};
  }
  return { ok: problems.length === 0 && (rendered || finished), problems };
}

/** axe's WCAG A/AA violations inside the story, in each scheme and direction (the elements follow both live). */
async function axeProblems(page) {
  const problems = [];
  await page.addScriptTag({ content: AXE_SOURCE });
  try {
    for (const { scheme, dir, runOnly } of AXE_VARIANTS) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate((d) => (document.documentElement.dir = d), dir);
      // The elements hear of the new direction through a MutationObserver, then render: two frames.
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const violations = await page.evaluate(
        async (only) => {
          const result = await globalThis.axe.run({ include: [['#storybook-root']] }, { runOnly: only, resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, help: v.help, count: v.nodes.length, target: JSON.stringify(v.nodes[0]?.target ?? []) }));
        },
        runOnly,
      );
      for (const v of violations) problems.push(`axe (${scheme}, ${dir}): ${v.id} ×${v.count}: ${v.help} (first: ${v.target})`);
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => document.documentElement.removeAttribute('dir')).catch(() => {});
  }
  return problems;
}

async function main() {
  const index = JSON.parse(await readFile(join(ROOT, 'index.json'), 'utf8').catch(() => {
    console.error(`No ${join(ROOT, 'index.json')}: build Storybook first (npm run build-storybook).`);
    process.exit(1);
  }));
  const all = Object.values(index.entries ?? {}).filter((e) => e.type === 'story');
  // Stories tagged '!test' opt out (Storybook's own convention).
  const stories = all.filter((e) => !Array.isArray(e.tags) || e.tags.includes('test'));
  const skipped = all.length - stories.length;

  const server = await serveStatic(ROOT);
  const browser = await chromium.launch({ executablePath: chromePath(), headless: true, args: CHROME_FLAGS });
  const results = [];
  try {
    const context = await browser.newContext();
    await context.addInitScript(hookChannel, WATCHED);
    const queue = [...stories];
    const workers = Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      const page = await context.newPage();
      page.__onStoryEvent = () => {};
      page.__onPageError = () => {};
      await page.exposeFunction('__storyCheckEvent', (type, args) => page.__onStoryEvent(type, args));
      page.on('pageerror', (err) => page.__onPageError(err));
      for (let story = queue.shift(); story; story = queue.shift()) {
        const started = Date.now();
        let r = await checkStory(page, server.origin, story);
        // A story that timed out without a single event or error (a cold start, a load spike on a
        // small machine) gets one more try; any real problem it reported stands.
        if (!r.ok && r.problems.length === 1 && /^timed out|^navigation failed: page\.goto: Timeout/.test(r.problems[0])) {
          console.log(`  … ${story.id}: timed out once, trying again`);
          // with twice the time: the 100,000-case story builds its cases in the page as it loads.
          r = await checkStory(page, server.origin, story, 2 * STORY_TIMEOUT_MS);
        }
        results.push({ id: story.id, title: `${story.title} / ${story.name}`, ms: Date.now() - started, ...r });
        if (process.env.STORY_CHECK_VERBOSE) console.log(`  ${r.ok ? "✓" : "✗"} ${story.id} ${Date.now() - started} ms`);
        if (!r.ok) {
          console.log(`  ✗ ${story.title} / ${story.name} (${story.id})`);
          for (const p of r.problems.length ? r.problems : ['no storyRendered/storyFinished event']) console.log(`      ${p}`);
        }
      }
      await page.close();
    });
    await Promise.all(workers);
  } finally {
    await browser.close();
    await server.close();
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  await mkdir('.test-results', { recursive: true });
  await writeFile(
    '.test-results/stories.json',
    JSON.stringify({ passed, failed, skipped, failures: results.filter((r) => !r.ok).map(({ id, problems }) => ({ id, problems })) }),
  );
  console.log(`stories: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped (!test)` : ''}`);
  process.exitCode = failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
