import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Print a page to PDF with Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), as a reader would print it. */
export async function printToPdf(url: string, path: string): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`the PDF is printed by Chromium, and there is none at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    if (response === null || !response.ok()) throw new Error(`the report page answered ${response?.status() ?? 'nothing'}`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
