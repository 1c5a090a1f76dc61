import { launchChromium } from './chromium.ts';

/** Print a page to PDF with Chromium (see chromium.ts for which one), as a reader would print it. */
export async function printToPdf(url: string, path: string, chromiumPath: string | null): Promise<void> {
  const browser = await launchChromium(chromiumPath);
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
