import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/elements/src/define/case-portal.js';
import { demoAdapter, storyNow } from './support/backend.js';

/**
 * The portal dressed as three different sites, with design tokens and `::part` only: no fork, no
 * style that reaches inside. Each site's CSS is what its builder would put in their own stylesheet.
 */
const meta: Meta = {
  title: 'Themes/Three sites',
  component: 'case-portal',
  parameters: { layout: 'fullscreen' },
};
export default meta;
type Story = StoryObj;

/** A bank-like corporate site: its navy accent, square corners, a serif heading font, compact. */
export const Corporate: Story = {
  render: () => html`
    <style>
      .corporate {
        padding: 24px;
        background: #f4f6f9;
        --case-color-scheme: light;
        --case-color-accent: #14365d;
        --case-radius: 2px;
        --case-font-family: Georgia, 'Times New Roman', serif;
        --case-density: 0.9;
        --case-color-surface-alt: #e9eef5;
      }
      .corporate case-portal::part(bar) {
        border-block-end: 3px solid #14365d;
        padding-block-end: 8px;
      }
    </style>
    <div class="corporate"><case-portal .adapter=${demoAdapter()} .now=${storyNow}></case-portal></div>
  `,
};

/** A playful consumer brand: round shapes, a violet accent, roomy spacing. */
export const Playful: Story = {
  render: () => html`
    <style>
      .playful {
        padding: 24px;
        background: #fff7ed;
        --case-color-scheme: light;
        --case-color-accent: #7c3aed;
        --case-radius: 18px;
        --case-font-family: 'Trebuchet MS', 'Segoe UI', sans-serif;
        --case-density: 1.15;
        --case-color-border: #f0c7a0;
        --case-color-surface: #fffdf9;
      }
      .playful case-portal::part(bar) {
        background: #ffedd5;
        border-radius: 18px;
        padding: 8px 12px;
      }
    </style>
    <div class="playful"><case-portal .adapter=${demoAdapter()} .now=${storyNow}></case-portal></div>
  `,
};

/** A dark developer-tools site: the dark scheme fixed with `theme="dark"`, a teal accent. */
export const Dark: Story = {
  render: () => html`
    <style>
      .dark-site {
        padding: 24px;
        background: #0b0f14;
        --case-color-accent: #2dd4bf;
        --case-color-accent-text: #042f2e;
        --case-radius: 8px;
      }
    </style>
    <div class="dark-site"><case-portal theme="dark" .adapter=${demoAdapter()} .now=${storyNow}></case-portal></div>
  `,
};

/** The built-in dark scheme, as a visitor whose system is dark sees it on a site that sets nothing. */
export const BuiltInDark: Story = {
  name: 'Built-in dark scheme',
  render: () => html`<case-portal theme="dark" .adapter=${demoAdapter()} .now=${storyNow}></case-portal>`,
};
