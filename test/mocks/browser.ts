/**
 * Starts msw's service worker in the page (tests, Storybook, demos).
 * wtr serves the worker script at /mockServiceWorker.js (web-test-runner.config.mjs).
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { HttpHandler } from 'msw';

export async function startMockWorker(handlers: HttpHandler[]): Promise<SetupWorker> {
  const worker = setupWorker(...handlers);
  // msw 3 renamed onUnhandledRequest to onUnhandledFrame. "bypass": the test runner's own
  // requests (modules, web sockets) pass through untouched and without warnings.
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
  return worker;
}

export { createHandlers, createMockApi, DEFAULT_BASE_URL, type MockApi, type MockApiOptions } from './handlers.js';
export { errorHandlers, type FailureOptions } from './failures.js';
