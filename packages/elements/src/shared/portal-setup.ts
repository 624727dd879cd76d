import type { CaseAdapter, PortalSchema, Viewer } from '@case-portal/core';

/** What an element needs before it renders data: its backend, the backend's schema and who is signed in. */
export interface PortalSetup {
  adapter: CaseAdapter;
  schema: PortalSchema;
  viewer: Viewer;
}
