import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { Command, Option } from 'commander';
import { readConfig } from '../../config.ts';
import { createLog } from '../../log.ts';
import { readVersion } from '../../version.ts';
import { createApp } from '../../web/create-app.ts';
import { withServices } from '../open-services.ts';
import { printToPdf } from '../print-pdf.ts';

export function reportCommand(): Command {
  const report = new Command('report').description('Reports produced from the data.');
  report
    .command('annual')
    .description(
      'The annual performance report of a framework for a year: the seed\'s "where we are now" sections with sentences generated from the figures, and the target table with statuses. As HTML, or as PDF printed by Chromium.',
    )
    .requiredOption('--year <year>', 'the framework year (2014 is the 2013/14 academic year)')
    .option('--framework <id>', 'the framework (see /frameworks)', 'kent-2013-2016')
    .addOption(new Option('--format <format>', 'output format').choices(['pdf', 'html']).default('pdf'))
    .option('--out <file>', 'where to write it (default: annual-report-<framework>-<year>.<format>)')
    .action(async (options: { year: string; framework: string; format: 'pdf' | 'html'; out?: string }) => {
      const year = Number(options.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(`--year must be a year such as 2014, not "${options.year}"`);
      const out = options.out ?? `annual-report-${options.framework}-${year}.${options.format}`;
      await withServices(async (services) => {
        services.frameworks.find(options.framework);
        // The report is the page a reader sees, served here on a loopback port for as long as it takes to print.
        const { version, commit } = readVersion();
        const app = await createApp(services, { log: createLog('warn'), production: true, version, commit });
        await app.listen({ port: 0, host: '127.0.0.1' });
        try {
          const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/frameworks/${encodeURIComponent(options.framework)}/report?year=${year}`;
          if (options.format === 'pdf') await printToPdf(url, out, readConfig().chromiumPath);
          else {
            const response = await fetch(url);
            if (!response.ok) throw new Error(`the report page answered ${response.status}`);
            await writeFile(out, await response.text());
          }
        } finally {
          await app.close();
        }
      });
      console.log(`wrote ${out}`);
    });
  return report;
}
