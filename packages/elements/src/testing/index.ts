/**
 * Test support for the elements' tests, the cross-element tests and the stories: one home, so a
 * fix (e.g. a wrapper forwarding `subscribe`) reaches every user. Not shipped: no package entry
 * points here, the package build and the manifest leave the folder out. Element-specific fixtures
 * that need a test library (e.g. ./case-thread.ts) are imported by path, not from here.
 */
export * from './adapters.js';
export * from './hosts.js';
export * from './list-adapters.js';
export * from './storage.js';
export * from './user-input.js';
export * from './wait.js';
