// wtr server command "media-features": emulates CSS media features in the test's page through
// puppeteer's emulateMediaFeatures, which knows `forced-colors` (Windows high contrast);
// @web/test-runner-commands' emulateMedia passes only colour scheme and reduced motion to Chromium.
// Payload: { features: [{ name: 'forced-colors', value: 'active' }, …] }; an empty list resets them.

export function mediaFeatures() {
  return {
    name: 'media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features') return undefined;
      const features = payload?.features;
      if (!Array.isArray(features)) throw new Error('media-features needs { features: [{ name, value }] }');
      // An empty value is "as the system says" (what CDP's setEmulatedMedia takes to reset one).
      const reset = ['forced-colors', 'prefers-contrast'].map((name) => ({ name, value: '' }));
      await session.browser.getPage(session.id).emulateMediaFeatures(features.length ? features : reset);
      return true;
    },
  };
}
