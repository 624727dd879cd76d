// Looks at what we built: serves the demo, walks the main screens in headless Chromium and saves
// PNGs under screenshots/ (ignored by git). `node scripts/screenshots.mjs [wide|narrow]`
// The portal's walk is on demo/bundle.html (the single file on its embedded demo backend: no case
// server needed, but `npm run build` first); demo/index.html needs `npm start`'s case server.
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { chromePath, CHROME_FLAGS } from './chrome-path.mjs';

const width = process.argv[2] === 'narrow' ? 390 : 1280;
const out = 'screenshots';
mkdirSync(out, { recursive: true });

const server = await createServer({ configFile: 'vite.demo.config.ts', server: { port: 5199, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const base = 'http://127.0.0.1:5199';
const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_FLAGS });
const page = await browser.newPage({ viewport: { width, height: 900 } });
page.on('pageerror', (e) => console.error('pageerror:', e.message));
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));

const shot = async (name) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  console.log(`${out}/${name}-${width}.png`);
};

try {
  await page.goto(`${base}/bundle.html`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('case-list tbody tr').first().waitFor({ timeout: 15000 });
  await shot('list');
  await page.locator('case-list [part~=filters-toggle]').click();
  await page.locator('case-list [part~=quick-filter]').click();
  await page.locator('case-list [data-filter=origin] input').first().check();
  await page.locator('case-list [part~=filter-chip]').first().waitFor();
  await shot('list-filters');
  await page.locator('case-list [part~=active-filters] [part~=clear-filters]').click();
  await page.locator('case-list [part~=filters-toggle]').click();
  await page.locator('case-list tbody tr [part~=open]').first().click();
  await page.locator('case-detail #title').waitFor();
  await shot('detail');
  const close = page.locator('case-detail [part~=action-close]');
  if (await close.count()) {
    await close.click();
    await page.locator('case-detail dialog').waitFor();
    await shot('close-dialog');
    await page.keyboard.press('Escape');
  }
  await page.locator('case-portal [part~=nav-create]').click();
  await page.locator('case-create form').waitFor();
  await shot('create');
  await page.locator('case-create button[type=submit]').click();
  await shot('create-invalid');
  await page.goto(`${base}/webform.html`);
  // The form is the editor's plain HTML until <case-create> has loaded and taken it (novalidate).
  await page.locator('case-create form[novalidate]').waitFor({ timeout: 15000 });
  await shot('webform');
  await page.locator('case-create form button[type=submit], case-create form button:not([type])').first().click();
  await shot('webform-invalid');
  await page.goto(`${base}/standalone.html`);
  await page.locator('case-list tbody tr').first().waitFor({ timeout: 15000 });
  await shot('standalone');
} finally {
  await browser.close();
  await server.close();
}
