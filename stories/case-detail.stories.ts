import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CaseAdapter, CaseRecord } from '@case-portal/core';
import '../packages/elements/src/define/case-detail.js';
import { caseIn, demoAdapter, failing, pending, storyNow, STORY_NOW } from './support/backend.js';

interface Loaded {
  adapter: CaseAdapter;
  record?: CaseRecord;
  caseId: string;
}

const meta: Meta = {
  title: 'Elements/case-detail',
  component: 'case-detail',
  render: (_args, { loaded }) => {
    const { adapter, record, caseId } = loaded as Loaded;
    return html`<case-detail .adapter=${adapter} .now=${storyNow} .caseRecord=${record} case-id=${caseId}></case-detail>`;
  },
};
export default meta;
type Story = StoryObj;

const inCategory = (category: Parameters<typeof caseIn>[1]) => async (): Promise<Loaded> => {
  const adapter = demoAdapter();
  const c = await caseIn(adapter, category);
  return { adapter, caseId: c.id };
};

export const Open: Story = { loaders: [inCategory('open')] };
export const AwaitingReply: Story = { loaders: [inCategory('pending-customer')] };
export const Resolved: Story = { loaders: [inCategory('resolved')] };
export const Closed: Story = { loaders: [inCategory('closed')] };
export const Canceled: Story = { loaders: [inCategory('canceled')] };

export const Overdue: Story = {
  loaders: [
    async (): Promise<Loaded> => {
      const adapter = demoAdapter();
      const c = await caseIn(adapter, 'open');
      const hours = (h: number) => new Date(STORY_NOW.getTime() + h * 3_600_000).toISOString();
      return {
        adapter,
        caseId: c.id,
        record: { ...c, sla: { response: { dueAt: hours(-30), metAt: hours(-40) }, resolution: { dueAt: hours(-5) } } },
      };
    },
  ],
};

export const NotFound: Story = {
  loaders: [async (): Promise<Loaded> => ({ adapter: demoAdapter(), caseId: 'no-such-case' })],
};

export const LoadError: Story = {
  loaders: [async (): Promise<Loaded> => ({ adapter: failing(demoAdapter(), 'getCase', 'server'), caseId: 'any' })],
};

export const Loading: Story = {
  loaders: [async (): Promise<Loaded> => ({ adapter: pending(demoAdapter(), 'getCase'), caseId: 'any' })],
};
