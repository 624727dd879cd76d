// wtr server command "offline-revisit" (test/bundle.test.ts): what "an offline reload of the demo"
// can honestly mean for a library. In a fresh browser context of the test browser:
//   1. demo/bundle.html (the single file, memory backend) paints its list; a case is created
//      through the memory adapter (persisted in localStorage); the idle preload fetches the case view
//      and conversation. The test server marks every file cacheable, so all of it is in the HTTP cache.
//   2. The network is cut (DevTools offline emulation) and the page is visited again (a normal
//      navigation: a reload would revalidate the page itself, which no offline page survives
//      without a service worker).
//   3. The list shows the case created before the cut, and it opens with its conversation: every
//      chunk came from the cache, the data from storage.
// Returns what the page showed; the test asserts.

function listRows() {
  const list = document.querySelector('case-portal')?.shadowRoot?.querySelector('case-list')?.shadowRoot;
  return [...(list?.querySelectorAll('tbody tr') ?? [])].map((r) => r.textContent ?? '');
}

export function offlineRevisit() {
  return {
    name: 'offline-revisit',
    async executeCommand({ command, session }) {
      if (command !== 'offline-revisit') return undefined;
      const testPage = session.browser.getPage(session.id);
      const url = new URL('/demo/bundle.html', testPage.url()).href;
      const context = await testPage.browser().createBrowserContext();
      try {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url);
        await page.waitForFunction(() => document.querySelector('case-portal')?.shadowRoot?.querySelector('case-list')?.shadowRoot?.querySelector('tbody tr'), { timeout: 10_000 });
        const subject = `Written before going offline ${Date.now()}`;
        await page.evaluate(async (s) => {
          const bundle = await import(new URL('../dist/case-portal.js', location.href).href);
          const adapter = await bundle.loadMemoryAdapter();
          await adapter.createCase({ subject: s, description: 'Kept in this browser.', fields: { product: 'router-x200' } });
        }, subject);
        await page.waitForFunction(() => customElements.get('case-detail') && customElements.get('case-thread'), { timeout: 10_000 });
        await page.setOfflineMode(true);
        const offlineFetch = await page.evaluate(() => fetch('/demo/site.css', { cache: 'no-store' }).then(() => 'reached', () => 'failed'));
        await page.goto(url);
        await page.waitForFunction((s) => {
          const list = document.querySelector('case-portal')?.shadowRoot?.querySelector('case-list')?.shadowRoot;
          return [...(list?.querySelectorAll('tbody tr') ?? [])].some((r) => r.textContent?.includes(s));
        }, { timeout: 10_000 }, subject);
        const rows = await page.evaluate(listRows);
        await page.evaluate((s) => {
          const list = document.querySelector('case-portal').shadowRoot.querySelector('case-list').shadowRoot;
          const row = [...list.querySelectorAll('tbody tr')].find((r) => r.textContent?.includes(s));
          row.querySelector('[part~="open"]').click();
        }, subject);
        await page.waitForFunction(() => {
          const detail = document.querySelector('case-portal')?.shadowRoot?.querySelector('case-detail')?.shadowRoot;
          return detail?.querySelector('#title') && detail.querySelector('case-thread')?.shadowRoot?.childElementCount;
        }, { timeout: 10_000 });
        const title = await page.evaluate(() => document.querySelector('case-portal').shadowRoot.querySelector('case-detail').shadowRoot.querySelector('#title').textContent);
        return { subject, offlineFetch, rows, title, errors };
      } finally {
        await context.close();
      }
    },
  };
}
