/**
 * Starts msw's service worker in the page (tests, Storybook, demos).
 * wtr serves the worker script at /mockServiceWorker.js (web-test-runner.config.mjs).
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { HttpHandler } from 'msw';

const WORKER_URL = '/mockServiceWorker.js';
// Generous: at the runner's start, many tabs register at once on a loaded 2-core machine (10 s was seen to run out).
const CONTROL_TIMEOUT_MS = 30_000;

export async function startMockWorker(handlers: HttpHandler[]): Promise<SetupWorker> {
  await controlledByWorker();
  const worker = setupWorker(...handlers);
  // msw 3 renamed onUnhandledRequest to onUnhandledFrame. "bypass": the test runner's own
  // requests (modules, web sockets) pass through untouched and without warnings.
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: WORKER_URL } });
  return worker;
}

/**
 * msw reloads a page that is not controlled while a registration of its worker exists, which is
 * what a page sees while another tab's worker is still installing (wtr runs test files in parallel
 * tabs). A reload interrupts the test file, so first become controlled ourselves: registering
 * returns the existing registration or makes one, and the worker claims every page in scope when it
 * activates.
 */
async function controlledByWorker(): Promise<void> {
  const sw = navigator.serviceWorker;
  if (sw.controller) return;
  const claimed = new Promise<void>((resolve) => sw.addEventListener('controllerchange', () => resolve(), { once: true }));
  await sw.register(WORKER_URL);
  if (sw.controller) return;
  let timer = 0;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = window.setTimeout(() => resolve('timeout'), CONTROL_TIMEOUT_MS);
  });
  const outcome = await Promise.race([claimed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    throw new Error(`The mock service worker did not take control of this page within ${CONTROL_TIMEOUT_MS} ms.`);
  }
}

export { createHandlers, createMockApi, DEFAULT_BASE_URL, type MockApi, type MockApiOptions } from './handlers.js';
export { errorHandlers, type FailureOptions } from './failures.js';
