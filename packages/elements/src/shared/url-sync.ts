/**
 * The URL code of elements with `url-state`: the list's query in the URL (url-state.ts) and the
 * portal's route written and followed through back/forward (route-state.ts). One chunk of its own in
 * the single file, loaded through url-sync-loader.ts: a page without `url-state` never downloads it.
 */
export { UrlQueryController } from './url-state.js';
export { subscribeRoute, writeRoute } from './route-state.js';
