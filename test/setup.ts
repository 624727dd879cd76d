// Runs before every test file. @lit-labs/virtualizer triggers Chromium's harmless
// "ResizeObserver loop" error, which mocha would count as a failure: swallow exactly that.
window.addEventListener(
  'error',
  (e) => {
    if (typeof e.message === 'string' && e.message.startsWith('ResizeObserver loop')) {
      e.stopImmediatePropagation();
      e.preventDefault();
    }
  },
  true,
);
