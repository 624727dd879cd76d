import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/elements/src/define/case-portal.js';
import { DEMO_PEOPLE } from '@case-portal/adapter-memory';
import { failingAdapter } from '../packages/elements/src/testing/index.js';
import { setDefaultAdapterFactory } from '../packages/elements/src/shared/defaults.js';
import { demoAdapter, storyNow } from './support/backend.js';

const meta: Meta = {
  title: 'Elements/case-portal',
  component: 'case-portal',
};
export default meta;
type Story = StoryObj;

export const Customer: Story = {
  render: () => html`<case-portal .adapter=${demoAdapter()} .now=${storyNow}></case-portal>`,
};

export const Supervisor: Story = {
  render: () =>
    html`<case-portal .adapter=${demoAdapter({ viewerId: DEMO_PEOPLE.supervisor.id })} .now=${storyNow}></case-portal>`,
};

/**
 * Laid out by an editor: `columns="…"` and `<template data-for="list">` / `<template data-for="details">`
 * placed inside the portal reach its list and case view.
 */
export const EditorLayout: Story = {
  name: 'Editor layout (columns and templates)',
  render: () => html`<case-portal .adapter=${demoAdapter()} .now=${storyNow} columns="number, subject, status, owner?, updatedAt">
    <template data-for="list">
      <h3><a data-case-open href="#">{{number}} · {{subject}}</a></h3>
      <p>{{status.label}} · {{updatedAt | date}}</p>
    </template>
    <template data-for="details">
      <h2>{{subject}}</h2>
      <div data-case-part="actions"></div>
      <case-thread></case-thread>
    </template>
  </case-portal>`,
};

/** The default columns: channel, created and owner join where the width allows (compare the phone width). */
export const DefaultColumns: Story = {
  name: 'Default columns',
  render: () => html`<case-portal .adapter=${demoAdapter()} .now=${storyNow}></case-portal>`,
};

export const RightToLeft: Story = {
  render: () => html`<case-portal .adapter=${demoAdapter()} .now=${storyNow} locale="ar" dir="rtl"></case-portal>`,
};

export const BackendUnreachable: Story = {
  render: () => html`<case-portal .adapter=${failingAdapter(demoAdapter(), 'describe', { code: 'network' }).adapter} .now=${storyNow}></case-portal>`,
};

/**
 * No `api` and no adapter: the page's default backend (the single file's embedded demo) says so
 * above the portal. The story installs the default the single file would.
 */
export const DemoBackendNotice: Story = {
  render: () => {
    setDefaultAdapterFactory(() => demoAdapter());
    return html`<case-portal .now=${storyNow}></case-portal>`;
  },
};

/** An `api` that does not answer is an error, never the demo data. */
export const ApiNotAnswering: Story = {
  render: () => {
    setDefaultAdapterFactory((api) => (api ? failingAdapter(demoAdapter(), 'describe', { code: 'network' }).adapter : demoAdapter()));
    return html`<case-portal api="/api/mistyped" .now=${storyNow}></case-portal>`;
  },
};
