export {
  RestAdapter,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_UPLOAD_STALL_MS,
  DEFAULT_WRITE_TIMEOUT_MS,
  type RestAdapterOptions,
} from './rest-adapter.js';
export type { GetToken, TokenRequest } from './token-source.js';
export { STATUS_BY_CODE, codeForStatus, errorFromResponse, errorBody, parseRetryAfter, type ErrorBody } from './http-errors.js';
