import type { StorybookConfig } from '@storybook/web-components-vite';
import { msw } from 'msw/vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: [],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    // msw 3's own vite plugin serves /mockServiceWorker.js in dev and copies it into storybook-static.
    // 'worker-only': no virtual module; .storybook/preview.ts starts its own worker (TOOLCHAIN pitfall 5).
    config.plugins = [...(config.plugins ?? []), msw({ mode: 'worker-only' })];
    // Workspace packages resolve to their TypeScript source ("source" export condition): no build.
    config.resolve = { ...config.resolve, conditions: ['source', ...defaultClientConditions] };
    // Lit decorators: vite's transform reads experimentalDecorators through the nearest tsconfig.json,
    // which extends tsconfig.base.json (TOOLCHAIN pitfall 1).
    // Storybook's own preview runtime is one big chunk: not ours to split, so don't warn about it.
    config.build = { ...config.build, chunkSizeWarningLimit: 2500 };
    return config;
  },
};

export default config;
