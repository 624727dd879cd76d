import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/types.js';
import type { VendorLog } from './vendor-http.js';

/** Where vendor log lines go: Fastify's logger once the app exists (the backend is built before it). */
export class ForwardingLog implements VendorLog {
  target: VendorLog | null = null;
  warn(obj: object, msg: string): void {
    this.target?.warn(obj, msg);
  }
  error(obj: object, msg: string): void {
    this.target?.error(obj, msg);
  }
}

export interface OpenedBackend {
  backend: Backend;
  /** Hooks the backend needs on the app (its log, the poll loop's start and stop). */
  register(app: FastifyInstance): void;
}
