export { buildApp, type AppOptions } from './app.js';
export type { AuthConfig, HsKey, ScopeExpr, ServerConfig } from './config/types.js';
export { openDatabase, type Database, type DialectName } from './db/database.js';
export { migrateToLatest } from './db/migrations.js';
export type { Backend, Caller } from './backend/types.js';
export type { Principal, Role } from './principal.js';
export { HttpError } from './http-error.js';
