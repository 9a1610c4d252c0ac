// Load a generated HTML file in a real browser (the system's Chromium, never a
// downloaded one) and report what a reader would hit: script errors, network
// requests, and figures that rendered with no size.

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

// Headless on a shared host: no sandbox (containers), no GPU, nothing phoning home.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Only these may load: the page itself and what it inlines.
const LOCAL_URL = /^(file|data|about):/;

export interface PageInspection {
  consoleErrors: string[];
  pageErrors: string[];
  /** Every request the page made to anything but file:, data: or about: (each was blocked). */
  externalRequests: string[];
  /** Each `figure.figure` with the rendered size of its chart (its largest <svg>). */
  figures: { id: string; width: number; height: number }[];
  title: string;
}

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** Whether a Chromium binary is installed (CHROMIUM_PATH or /usr/bin/chromium). */
export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Open `filePath` in headless Chromium and collect errors, external requests and figure sizes. */
export async function inspectPage(filePath: string): Promise<PageInspection> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const result: PageInspection = { consoleErrors: [], pageErrors: [], externalRequests: [], figures: [], title: '' };
    page.on('console', (message) => {
      if (message.type() === 'error') result.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => result.pageErrors.push(error.message));
    // Record, then abort: a test must never wait on (or reach) the network.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (LOCAL_URL.test(url)) return route.continue();
      result.externalRequests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(filePath).href, { waitUntil: 'load' });
    result.title = await page.title();
    result.figures = await page.$$eval('figure.figure', (figures) =>
      figures.map((figure) => {
        const boxes = [...figure.querySelectorAll('svg')].map((svg) => svg.getBoundingClientRect());
        const largest = boxes.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a), { width: 0, height: 0 });
        return { id: figure.id, width: largest.width, height: largest.height };
      }),
    );
    return result;
  } finally {
    await browser.close();
  }
}
