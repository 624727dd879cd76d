// One place that finds the browser for tests, the story check and the benchmark.
// No tool may download its own browser here: we use the system's Chromium.
import { existsSync } from 'node:fs';

export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export function chromePath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) {
    console.error('Chromium not found: install it (apt-get install -y chromium) or set CHROME_PATH.');
    process.exit(1);
  }
  return found;
}
