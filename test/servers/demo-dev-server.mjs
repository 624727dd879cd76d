// wtr server command "demo-dev-server-bundle" (test/demo-dev-server.test.ts): demo/bundle.html as
// `npm start` serves it (vite with vite.demo.config.ts), not as the test server does. In a fresh
// browser context of the test browser: the list paints, the first case opens, and the command
// returns the case view's and the bar search's text and which scripts the page requested, for the
// test to check that every chunk's text arrived (two copies of the entry once showed message keys).
import { resolve } from 'node:path';

let server = null;

async function demoServer(root) {
  if (!server) {
    const { createServer } = await import('vite');
    // The page under test loads only built files: no dependency pre-bundling of the other demo pages.
    server = await createServer({
      configFile: resolve(root, 'vite.demo.config.ts'),
      server: { port: 0, host: '127.0.0.1' },
      optimizeDeps: { noDiscovery: true, include: [] },
      logLevel: 'error',
    });
    await server.listen();
  }
  return server.resolvedUrls.local[0].replace(/\/$/, '');
}

export function demoDevServer(root) {
  return {
    name: 'demo-dev-server',
    async executeCommand({ command, session }) {
      if (command !== 'demo-dev-server-bundle') return undefined;
      const base = await demoServer(root);
      const testPage = session.browser.getPage(session.id);
      const context = await testPage.browser().createBrowserContext();
      try {
        const page = await context.newPage();
        const errors = [];
        const scripts = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
        await page.goto(`${base}/bundle.html`);
        await page.waitForFunction(() => document.querySelector('case-portal')?.shadowRoot?.querySelector('case-list')?.shadowRoot?.querySelector('tbody tr [part~=open]'), undefined, { timeout: 15_000 });
        await page.evaluate(() => document.querySelector('case-portal').shadowRoot.querySelector('case-list').shadowRoot.querySelector('tbody tr [part~=open]').click());
        await page.waitForFunction(() => document.querySelector('case-portal')?.shadowRoot?.querySelector('case-detail')?.shadowRoot?.querySelector('case-thread')?.shadowRoot?.querySelector('textarea'), undefined, { timeout: 15_000 });
        const seen = await page.evaluate(() => {
          const root = document.querySelector('case-portal').shadowRoot;
          const detail = root.querySelector('case-detail').shadowRoot;
          const thread = detail.querySelector('case-thread').shadowRoot;
          const search = root.querySelector('case-search')?.shadowRoot?.querySelector('input');
          return {
            headings: [...detail.querySelectorAll('h2, h3')].map((h) => h.textContent.trim()),
            send: thread.querySelector('[part~=send-button]')?.textContent.trim() ?? null,
            searchPlaceholder: search?.placeholder ?? null,
            text: `${detail.textContent} ${thread.textContent}`,
          };
        });
        return { ...seen, errors, scripts };
      } finally {
        await context.close();
      }
    },
    async serverStop() {
      await server?.close();
      server = null;
    },
  };
}
