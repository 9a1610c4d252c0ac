// Load a generated HTML file in a real browser (the system's Chromium, never a
// downloaded one) and report what a reader would hit: script errors, network
// requests, and figures that rendered with no size.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  /** Pairs of labels (Plot text marks) drawn over each other, per figure: `figure-id: "a" over "b"`. */
  labelCollisions: string[];
  /** With `axe`: axe-core's violations of impact serious or critical, one line each (rule: target). */
  accessibility?: string[];
  /**
   * With `widths`: at each viewport width, how far the page scrolls sideways (0 when it does not), and how
   * many tables scroll inside their box without showing it (the edge shadow) or without keyboard access.
   */
  overflow?: { width: number; scrollsBy: number; unmarked: number }[];
  /** With `firstScreen`: how far down the viewport each part of the first screen ends (px; -1 where missing). */
  firstScreen?: { width: number; height: number; question: number; headline: number; figure: number }[];
  /** With `firstScreen`: each claims-table row's height at the first viewport's width, in lines of its own text, details closed. */
  claimRowLines?: number[];
  /** With `print`: each figure that could not stay whole on a page (no break-inside: avoid, or taller than a page), and with a `pdf` path the PDF's page count. */
  print?: { pages: number | null; splittable: string[] };
}

export interface InspectOptions {
  /** Run axe-core over the page (WCAG 2.x A and AA rules) and keep its serious and critical violations. */
  axe?: boolean;
  /** Viewport widths to load the page at, checking that it never scrolls sideways. */
  widths?: number[];
  /** Load the page at each viewport, measure the first screen (and at the first, the claims rows), and (with `screenshot`) save a PNG there. */
  firstScreen?: { width: number; height: number; screenshot?: string }[];
  /** Lay the page out for print (A4) and check that its figures can stay whole; with `pdf`, also print it to a PDF there. */
  print?: { pdf?: string };
}

// A4 at 96 px to the inch, less Chromium's default print margins (0.4 in a side).
const A4_CONTENT = { width: (8.27 - 0.8) * 96, height: (11.69 - 0.8) * 96 };

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
const axe = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** Whether a Chromium binary is installed (CHROMIUM_PATH or /usr/bin/chromium). */
export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Open `filePath` in headless Chromium and collect errors, external requests and figure sizes. */
export async function inspectPage(filePath: string, options: InspectOptions = {}): Promise<PageInspection> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    // The pages forbid every script (CSP); axe-core is the test's own, so this context lets it in.
    const page = await browser.newPage({ bypassCSP: Boolean(options.axe) });
    const result: PageInspection = { consoleErrors: [], pageErrors: [], externalRequests: [], figures: [], title: '', labelCollisions: [] };
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
    result.labelCollisions = await page.$$eval('figure.figure', (figures) =>
      figures.flatMap((figure) =>
        [...figure.querySelectorAll('svg')].flatMap((svg) => {
          // Text marks only (axes have their own layout); two boxes that overlap by more than 1 px each way collide.
          const labels = [...svg.querySelectorAll('g[aria-label="text"] text')]
            .map((t) => ({ text: (t.textContent ?? '').trim(), box: t.getBoundingClientRect() }))
            .filter((l) => l.text && l.box.width > 0);
          const out: string[] = [];
          for (let i = 0; i < labels.length; i++)
            for (let j = i + 1; j < labels.length; j++) {
              const [a, b] = [labels[i]!.box, labels[j]!.box];
              const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (w > 1 && h > 1) out.push(`${figure.id}: "${labels[i]!.text}" over "${labels[j]!.text}"`);
            }
          return out;
        }),
      ),
    );
    // axe at each width asked for (a table that scrolls only on a phone must still be reachable), else at the default.
    const seen = new Set<string>();
    let axeLoaded = false;
    for (const width of options.widths ?? [null]) {
      if (width !== null) {
        await page.setViewportSize({ width, height: 900 });
        const box = await page.evaluate(() => {
          const scrolling = [...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1);
          return {
            scrollsBy: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            unmarked: scrolling.filter((w) => !getComputedStyle(w).backgroundImage.includes('radial-gradient') || w.getAttribute('tabindex') !== '0').length,
          };
        });
        (result.overflow ??= []).push({ width, ...box });
      }
      if (!options.axe) continue;
      if (!axeLoaded) await page.addScriptTag({ content: axe() });
      axeLoaded = true;
      const violations = (await page.evaluate(async () => {
        const run = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run;
        const out = await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return out.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')), count: v.nodes.length }));
      })) as { id: string; impact: string; targets: string[]; count: number }[];
      for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        seen.add(`${v.id} (${v.impact}, ${v.count} element(s)${width ? ` at ${width} px` : ''}): ${v.targets.join('; ')}`);
      }
    }
    if (options.axe) result.accessibility = [...seen];
    for (const [i, { width, height, screenshot }] of (options.firstScreen ?? []).entries()) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      const bottom = (selector: string) => page.evaluate((sel) => document.querySelector(sel)?.getBoundingClientRect().bottom ?? -1, selector);
      (result.firstScreen ??= []).push({ width, height, question: await bottom('.question'), headline: await bottom('#headline'), figure: await bottom('.glance .figure-chart') });
      if (screenshot) await page.screenshot({ path: screenshot });
      if (i > 0) continue;
      result.claimRowLines = await page.$$eval('table.claims tr.claim-row', (rows) =>
        rows.map((row) => {
          const line = parseFloat(getComputedStyle(row.querySelector('th') ?? row).lineHeight) || 24;
          return Math.round((row.getBoundingClientRect().height / line) * 10) / 10;
        }),
      );
    }
    if (options.print) {
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: Math.round(A4_CONTENT.width), height: Math.round(A4_CONTENT.height) });
      const splittable = await page.$$eval(
        'figure.figure',
        (figures, pageHeight) =>
          figures.flatMap((f) => {
            const style = getComputedStyle(f);
            const whole = style.breakInside === 'avoid' || style.pageBreakInside === 'avoid';
            const tall = f.getBoundingClientRect().height > pageHeight;
            return whole && !tall ? [] : [`${f.id}: ${whole ? `taller than a page (${Math.round(f.getBoundingClientRect().height)} px)` : 'may break across pages'}`];
          }),
        A4_CONTENT.height,
      );
      const pdf = options.print.pdf ? await page.pdf({ path: options.print.pdf, format: 'A4', margin: { top: '0.4in', bottom: '0.4in', left: '0.4in', right: '0.4in' } }) : null;
      result.print = { pages: pdf ? (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length : null, splittable };
    }
    return result;
  } finally {
    await browser.close();
  }
}
