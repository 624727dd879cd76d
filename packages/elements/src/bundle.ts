/**
 * The single-file build (dist/case-portal.js): every element registered, Lit inlined, and both
 * adapters, so a plain page needs one <script type="module"> and one tag.
 *
 * Without an `api` attribute an element runs on the embedded memory backend (demo data kept in
 * the browser); with `api="/api/portal"` it speaks the documented REST contract.
 */
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { RestAdapter } from '@case-portal/adapter-rest';
import { setDefaultAdapterFactory } from './shared/defaults.js';
import './define/all.js';

setDefaultAdapterFactory((api) => (api ? new RestAdapter({ baseUrl: api }) : new MemoryAdapter()));

export * from './index.js';
export { MemoryAdapter, RestAdapter };
