import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromePath, CHROME_FLAGS } from './scripts/chrome-path.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { elementSourcesPlugin } from './test/manifest/source-scan.mjs';
import { bundleCopies as bundleCopiesFor } from './test/servers/bundle-copies.mjs';
import { offlineRevisit } from './test/servers/offline-revisit.mjs';
import { lintRules } from './test/servers/lint-rules.mjs';
import { mediaFeatures } from './test/servers/media-features.mjs';
import { accessibilityTree } from './test/servers/accessibility-tree.mjs';
import { fileChooser } from './test/servers/file-chooser.mjs';
import { slowAnswers } from './test/servers/slow-answers.mjs';
import { caseServer } from './test/servers/case-server.mjs';
import { demoDevServer } from './test/servers/demo-dev-server.mjs';

const require = createRequire(import.meta.url);

// Several test files run in parallel tabs; without these, background tabs get throttled timers and
// no animation frames, which turns correct tests into timeouts.
const TEST_FLAGS = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
const bundleCopies = bundleCopiesFor(import.meta.dirname);
const mswWorker = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');

export default {
  files: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
  // "source": workspace packages resolve to their TypeScript source, so tests need no build.
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  // tsconfig must be the file holding the decorator flags: the plugin does not follow "extends"
  // (TOOLCHAIN pitfall 2), so it reads tsconfig.base.json itself.
  middleware: [bundleCopies.middleware, slowAnswers],
  plugins: [
    // test/manifest.test.ts asks Node what each element's source fires and writes.
    elementSourcesPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' }),
    bundleCopies.plugin,
    offlineRevisit(),
    lintRules(import.meta.dirname),
    mediaFeatures(),
    accessibilityTree(),
    fileChooser(),
    // The real case server (SQLite and PostgreSQL) for the tests that must not use msw.
    caseServer(import.meta.dirname),
    // `npm start`'s vite server with the demo pages, for test/demo-dev-server.test.ts.
    demoDevServer(import.meta.dirname),
    {
      name: 'msw-worker',
      serve(ctx) {
        if (ctx.path === '/mockServiceWorker.js') return { body: mswWorker, type: 'js' };
      },
    },
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromePath(), headless: true, args: [...CHROME_FLAGS, ...TEST_FLAGS] } })],
  concurrency: 2,
  testFramework: { config: { timeout: 5000 } },
  testRunnerHtml: (testFramework) => `<!doctype html><html><head>
    <script type="module" src="/test/setup.ts"></script>
  </head><body><script type="module" src="${testFramework}"></script></body></html>`,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
