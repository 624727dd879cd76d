// Helpers the figure modules share (bench/figures/*.mjs). Not a figure module itself: run.mjs only
// loads bench/figures/.

/** The HTML of a bench page: the same head for every figure module, plus its own styles. */
export function benchPage(title, css = '') {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>
  body { font: 16px/1.4 system-ui, sans-serif; margin: 0; padding: 16px; }
${css}
</style>
</head>
<body></body>
</html>`;
}

export const median = (xs) => percentile(xs, 50);

/** Nearest rank; non-finite samples are left out. */
export function percentile(xs, p) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * A fresh browser context (1280×900) on `${origin}${path}`, `install(installArg)` evaluated in the
 * page, then `fn(page)`; page errors fail the run. Chromium's harmless "ResizeObserver loop" notice
 * (TOOLCHAIN pitfall 7) is ignored.
 */
export async function onPage(browser, origin, path, install, installArg, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if ((m.type() === 'warning' || m.type() === 'error') && !/ResizeObserver loop/.test(m.text())) {
        console.warn(`bench: page ${m.type()}: ${m.text()}`);
      }
    });
    await page.goto(`${origin}${path}`);
    await page.evaluate(install, installArg);
    const result = await fn(page);
    const real = errors.filter((e) => !/ResizeObserver loop/.test(e));
    if (real.length) throw new Error(`page errors: ${real.join('; ')}`);
    return result;
  } finally {
    await context.close();
  }
}
