// Screenshots of stories from a built Storybook, to look at (not a test).
// Usage: npm run build-storybook && node scripts/shot-stories.mjs [out-dir] [width] [height] [story-id-filter]
// The filter is a part of the story id ("case-thread", "case-detail--closed"); default: every story.
// Writes <out-dir>/<story>.png (default /tmp/story-shots, 1200x900 viewport), <out-dir>/full/<story>.png
// (the whole page) and prints each story's page errors.
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromePath, CHROME_FLAGS } from './chrome-path.mjs';
import { serveStatic } from './check-stories.mjs';

const ROOT = resolve('storybook-static');
const OUT = process.argv[2] ?? '/tmp/story-shots';
const width = Number(process.argv[3] ?? 1200);
const height = Number(process.argv[4] ?? 900);
const filter = process.argv[5] ?? '';

const index = JSON.parse(await readFile(join(ROOT, 'index.json'), 'utf8'));
const ids = Object.keys(index.entries).filter((id) => index.entries[id].type === 'story' && id.includes(filter));
await mkdir(join(OUT, 'full'), { recursive: true });

const server = await serveStatic(ROOT);
const browser = await chromium.launch({ executablePath: chromePath(), headless: true, args: CHROME_FLAGS });
try {
  const context = await browser.newContext({ viewport: { width, height } });
  // Storybook's channel says when the story (and its play function) is done.
  await context.addInitScript(() => {
    let channel;
    Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
      configurable: true,
      get: () => channel,
      set(next) {
        channel = next;
        next?.on?.('storyFinished', () => (globalThis.__storyDone = true));
        next?.on?.('playFunctionThrewException', (e) => (globalThis.__storyProblem = String(e?.message ?? e)));
      },
    });
  });
  for (const id of ids) {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    await page.goto(`${server.origin}/iframe.html?id=${id}&viewMode=story`, { waitUntil: 'load' });
    await page.waitForFunction(() => globalThis.__storyDone, null, { timeout: 15000 }).catch(() => problems.push('no storyFinished'));
    // Related cases, history and files load after the case: let them arrive, and fonts settle.
    await page.waitForTimeout(600);
    const problem = await page.evaluate(() => globalThis.__storyProblem);
    if (problem) problems.push(`play: ${problem}`);
    const name = id.replace(/^elements-/, '');
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    await page.screenshot({ path: join(OUT, 'full', `${name}.png`), fullPage: true });
    console.log(`${name}.png${problems.length ? `\n  ${problems.join('\n  ')}` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
