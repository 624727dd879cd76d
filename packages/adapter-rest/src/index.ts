export { RestAdapter, DEFAULT_POLL_INTERVAL_MS, type RestAdapterOptions } from './rest-adapter.js';
export type { GetToken, TokenRequest } from './token-source.js';
export { STATUS_BY_CODE, codeForStatus, errorFromResponse, errorBody, parseRetryAfter, type ErrorBody } from './http-errors.js';
