import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/cli/chromium.ts';

/**
 * The Chromium reports print with (CHROMIUM_PATH, Debian's, or the one the @sparticuz/chromium package ships), driven by
 * playwright-core. The packaged Chromium runs as a single process: closing a page can close the whole browser, so a test
 * leaves its pages open (the browser is closed after the file) rather than calling `page.close()`.
 */
export async function launchBrowser(): Promise<Browser> {
  return launchChromium(process.env.CHROMIUM_PATH ?? null);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core against WCAG 2.2 AA (and the A and 2.0/2.1 rules it includes): no violations allowed. */
export async function expectAccessible(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol, not as an inline <script>: Waymark's CSP allows no inline script, and the test
  // keeps the CSP on rather than bypassing it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
  });
  assert.deepEqual(violations, [], `axe violations on ${page.url()}`);
}

/** Every page has a proper title and exactly one h1. */
export async function expectPageBasics(page: Page, title: RegExp): Promise<void> {
  // A click resolves once navigation commits; wait for the whole document before reading it.
  await page.waitForLoadState('load');
  assert.match(await page.title(), title);
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${page.url()}`);
}
