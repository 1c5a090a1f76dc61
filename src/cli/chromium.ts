import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The Chromium that prints reports to PDF (and drives the browser tests): the one CHROMIUM_PATH names, else Debian's
 * at /usr/bin/chromium, else the build the `@sparticuz/chromium` package ships inside the registry package (unpacked
 * into the OS temp folder on first use), so that a machine with Node.js alone can print. Headless, with no
 * background networking (the machine may have no route out).
 */
export async function launchChromium(configuredPath: string | null): Promise<Browser> {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (configuredPath !== null) {
    if (!existsSync(configuredPath)) throw new Error(`CHROMIUM_PATH names ${configuredPath}, which does not exist`);
    return chromium.launch({ executablePath: configuredPath, headless: true, args });
  }
  if (existsSync('/usr/bin/chromium')) return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
  const shipped = await shippedChromium();
  return chromium.launch({ executablePath: shipped.path, headless: true, args: [...new Set([...shipped.args, ...args])] });
}

async function shippedChromium(): Promise<{ path: string; args: string[] }> {
  let module: { default: { executablePath: () => Promise<string>; args: string[] } };
  try {
    module = await import('@sparticuz/chromium');
  } catch (error) {
    throw new Error(
      `no Chromium to print with: set CHROMIUM_PATH, install Debian's chromium, or reinstall Waymark's packages (@sparticuz/chromium: ${(error as Error).message})`,
    );
  }
  return { path: await module.default.executablePath(), args: module.default.args };
}
