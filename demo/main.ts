// The demo uses the source through the bundle entry: every tag + the embedded memory backend.
// It installs its own default backend only to give the demo help desk (help-desk.ts) a handle on
// it; a real page needs none of this.
import { RestAdapter, setDefaultAdapterFactory } from '@case-portal/elements/bundle.js';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { startDemoHelpDesk } from './help-desk.js';

const demoBackend = new MemoryAdapter();
setDefaultAdapterFactory((api, { tokenUrl }) => (api ? new RestAdapter({ baseUrl: api, ...(tokenUrl ? { tokenUrl } : {}) }) : demoBackend));
startDemoHelpDesk(demoBackend);
