// Compiled by tsc only (nothing imports it): the wrappers' props are the elements' own types, so a
// wrong one is an error. Each @ts-expect-error fails the type-check if the typing ever loosens.
import { createElement as h } from 'react';
import { CaseDetail, CaseList } from '@case-portal/react';

export const checks = [
  // The handler gets a CaseSelectEvent: its detail is { caseId }.
  h(CaseList, { onCaseSelect: (e) => e.detail.caseId.toUpperCase() }),
  // @ts-expect-error -- a CaseSelectEvent carries no case record
  h(CaseList, { onCaseSelect: (e) => e.detail.case }),
  // @ts-expect-error -- caseId is a string property of <case-detail>
  h(CaseDetail, { caseId: 42 }),
  // @ts-expect-error -- <case-list> fires no case-created
  h(CaseList, { onCaseCreated: () => undefined }),
];
