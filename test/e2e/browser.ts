import fs from 'node:fs';
import type { TestContext } from 'node:test';
import { type Browser, chromium } from 'playwright-core';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function findChromium(): string | null {
  return candidates.find((p): p is string => Boolean(p) && fs.existsSync(p!)) ?? null;
}

// Browser tests run wherever Chromium is found. Without one they skip loudly — or fail, when
// ART28_REQUIRE_BROWSER=1 (CI installs Chromium, so a missing browser there is a broken machine, not a skip).
export async function launchChromium(t: TestContext): Promise<Browser | null> {
  const executablePath = findChromium();
  if (!executablePath) {
    if (process.env.ART28_REQUIRE_BROWSER === '1') {
      throw new Error(
        'ART28_REQUIRE_BROWSER=1 but no Chromium was found (set CHROMIUM_PATH or install the chromium package).',
      );
    }
    const message = 'NO CHROMIUM FOUND: browser tests SKIPPED. Install Debian chromium or set CHROMIUM_PATH.';
    console.warn(`\n!!! ${message}\n`);
    t.skip(message);
    return null;
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
