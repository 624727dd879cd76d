// TEMPORARY: proves the Storybook build + story check pipeline. The lead deletes it once real stories exist.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = { title: 'Pipeline/Smoke' };
export default meta;

export const Renders: StoryObj = {
  render: () => html`<p>Storybook pipeline works.</p>`,
};
