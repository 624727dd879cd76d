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
 * In-page helpers every figure module times with, as `window.__bench` (installed before the page's
 * own scripts; playwright serializes in-page functions, so they cannot share this module's scope).
 */
function pageHelpers() {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  /** "Painted": the next frame, then a task (performance.now() there). */
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

  /** Resolves (with performance.now()) once the element has no update queued, no mutation since, and `ready()` holds. */
  async function settle(el, ready, timeoutMs = 30_000) {
    let mutated;
    let wake = null;
    const mo = new MutationObserver(() => {
      mutated = true;
      wake?.();
    });
    mo.observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
    const deadline = performance.now() + timeoutMs;
    try {
      for (;;) {
        mutated = false;
        const done = await el.updateComplete;
        if (done && ready()) return performance.now();
        if (!done || mutated) continue;
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${el.localName} did not settle`)), Math.max(0, deadline - performance.now()));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } finally {
      mo.disconnect();
    }
  }

  /** Wraps obj[name] so every call reports add(ms, start, end). */
  function timeInto(obj, name, add) {
    const original = obj[name];
    obj[name] = function (...args) {
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const end = performance.now();
        add(end - t, t, end);
      }
    };
  }

  window.__bench = { sleep, painted, settle, timeInto };
}

/**
 * A fresh browser context (1280×900) on `${origin}${path}`, `install(installArg)` evaluated in the
 * page (after `window.__bench`: pageHelpers), then `fn(page)`; page errors fail the run. Chromium's harmless "ResizeObserver loop" notice
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
    await page.addInitScript(pageHelpers);
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
