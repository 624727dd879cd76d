// bundle.portal.evalMs: time from inserting <script type="module" src="case-portal.js"> into a blank
// page until customElements.get('case-portal') is defined (fetch from loopback + parse + evaluate).
// Median of several cold loads (a fresh browser context each time, so no code cache).
const RUNS = 7;

export async function measure({ browser, serve }) {
  const server = await serve({
    pages: { '/blank.html': '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>' },
  });
  const times = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.origin}/blank.html`);
      const ms = await page.evaluate(async () => {
        const t0 = performance.now();
        const s = document.createElement('script');
        s.type = 'module';
        s.src = `/case-portal.js?run=${Math.random()}`;
        const failed = new Promise((_, reject) => (s.onerror = () => reject(new Error('case-portal.js failed to load'))));
        document.head.append(s);
        await Promise.race([customElements.whenDefined('case-portal'), failed]);
        return performance.now() - t0;
      });
      await context.close();
      if (errors.length) throw new Error(`bundle threw while loading: ${errors.join('; ')}`);
      times.push(ms);
    }
  } finally {
    await server.close();
  }
  times.sort((a, b) => a - b);
  return { 'bundle.portal.evalMs': times[Math.floor(times.length / 2)] };
}
