import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { appWithImports, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

// `waymark report annual --year 2014 --format pdf` on the demo county: the PDF parses (Mozilla's pdf.js), its pages draw
// text and shapes, and its text holds the generated sentences and the target table.

const target = databaseTargets()[1]!; // PostgreSQL 15: the CLI reaches it through DATABASE_URL like any deployment

describe('the annual report as PDF (waymark report annual)', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'waymark-report-'));
  before(async () => {
    t = await appWithImports(target, []);
    await t.services.demo.build(2013, () => {}, { pupilYears: [2012, 2013] });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a PDF whose pages draw and whose text has the sections and the target table', async () => {
    const pdf = join(dir, 'report.pdf');
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'report', 'annual', '--year', '2014', '--format', 'pdf', '--out', pdf], {
      env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    const document = await getDocument({ data: new Uint8Array(readFileSync(pdf)), useSystemFonts: false }).promise;
    assert.ok(document.numPages >= 2, `${document.numPages} pages`);
    let text = '';
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const drawn = await page.getOperatorList();
      const content = await page.getTextContent();
      // Every page but the last is full; the last may hold a few lines, but never none.
      if (n < document.numPages) assert.ok(drawn.fnArray.length > 50, `page ${n} draws its content (${drawn.fnArray.length} operations)`);
      else
        assert.ok(
          content.items.some((item) => 'str' in item && item.str.trim() !== ''),
          `the last page (${n}) has text`,
        );
      text += ` ${content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('')}`;
    }
    await document.destroy();
    text = text.replace(/\s+/g, ' ');
    for (const heading of ['Where we are now', 'Early years', 'Key stage 2', 'Attendance and exclusions', 'Post-16', 'Targets and their status in 2014'])
      assert.ok(text.includes(heading), heading);
    // 2013/14 KS2 level 4+ RWM on the demo is calibrated to 78% (calibration.ts), 74% the year before.
    assert.match(text, /level 4 or above in reading, writing and maths: 78%; 4 points better than 2013 \(74%\)/);
    assert.match(text, /Pupils permanently excluded from school/);
  });
});
