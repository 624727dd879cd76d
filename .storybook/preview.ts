import type { Preview } from '@storybook/web-components-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { createHandlers } from '../test/mocks/handlers';

// msw-storybook-addon 3.0 starts its default worker with msw 2's `onUnhandledRequest`, which msw 3
// renamed to `onUnhandledFrame` (TOOLCHAIN pitfall 5): give the loader our own worker, started once,
// with the REST contract's default handlers. A story adds or overrides handlers with
// `parameters: { msw: [...] }` (reset between stories) or `context.msw.use(...)` in `beforeEach`.
// The worker script is served/copied by `msw/vite` (see .storybook/main.ts); relative, so a
// storybook-static deployed under a sub-path still finds it.
const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker(...createHandlers());
      await worker.start({
        quiet: true,
        onUnhandledFrame: 'bypass',
        serviceWorker: { url: './mockServiceWorker.js' },
      });
      return worker;
    }),
  ],
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
