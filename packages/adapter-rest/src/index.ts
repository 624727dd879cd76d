export { RestAdapter, DEFAULT_POLL_INTERVAL_MS, type RestAdapterOptions } from './rest-adapter.js';
export type { EventStreamOptions } from './live-events.js';
export { STATUS_BY_CODE, codeForStatus, errorFromResponse, errorBody, parseRetryAfter, type ErrorBody } from './http-errors.js';
