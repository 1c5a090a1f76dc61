import { generatePlanning } from '../../demo/place-planning.ts';
import type { AccuracyRow } from '../../domain/place-planning/place-planning.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import type { Clock } from '../clock.ts';
import type { AuditTrail } from '../audit/audit-service.ts';
import type { DemoCaseworkStep } from '../demo/demo-service.ts';
import { remakeBirths } from '../geography/births-writer.ts';
import { backtestWith, keepRun } from './forecast-service.ts';
import { readPlanningData } from './planning-data.ts';
import { writeRecords } from './planning-records.ts';

/** The LA-level one-year backtest error by phase, for the batch's notes. */
const oneYear = (rows: readonly AccuracyRow[]) =>
  rows
    .filter((r) => r.level === 'la' && r.yearsAhead === 1 && r.accuracy !== null)
    .map((r) => `${r.phase} ${r.period} ${r.accuracy! >= 0 ? '+' : ''}${r.accuracy!.toFixed(2)}%`)
    .join(', ');

/**
 * The demo county's place planning (issue 17.7): its planning areas, schools' capacity, planned changes and housing
 * sites (src/demo/place-planning.ts) recorded as an LA's files are, Kent's real births by district kept as births rows
 * with the births figures remade from them, the surplus figures target 29 reads, a backtest of the method from every
 * earlier census it can start from, and a forecast from the latest census, made on the clock's date by `demo`.
 */
export function planningDemoStep(clock: Clock, trail: AuditTrail): DemoCaseworkStep {
  return {
    name: 'place-planning',
    label: 'recording planning areas, capacity and births, and forecasting school places',
    async write(tx, county, seed, _years, batchId) {
      const planning = generatePlanning(county, seed);
      const context = { store: tx, trail, now: clock, today: () => londonDateOf(clock()) };
      await tx.births.keep(
        planning.births.map((b, i) => ({ areaCode: b.districtCode, sex: b.sex, year: String(b.year), births: b.births, line: i + 1 })),
        batchId,
      );
      await remakeBirths(tx);
      const laCodes = [...new Set(planning.areas.map((a) => a.laCode))];
      const notes: string[] = [`${planning.births.length} births rows (Kent's ONS births by district and sex)`];
      for (const laCode of laCodes) {
        const written = await writeRecords(tx, {
          laCode,
          file: `demo county (seed ${seed}) place planning`,
          records: { ...planning, changes: planning.changes.filter((c) => c.laCode === laCode) },
          batchId,
          at: clock(),
          by: 'demo',
        });
        const data = await readPlanningData(tx, laCode);
        const who = { actor: 'demo', requestId: null };
        const rows = await backtestWith(tx, context, data, planning.method, who);
        const basePeriod = data.censusPeriods[data.censusPeriods.length - 1];
        if (basePeriod !== undefined) await keepRun(tx, context, data, { basePeriod, method: planning.method, kind: 'forecast', who });
        notes.push(
          `LA ${laCode}: ${Object.entries(written)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ')}`,
          `LA ${laCode}: backtest one year ahead at LA level: ${oneYear(rows) || 'none scored'}; forecast from ${basePeriod ?? 'no census'}`,
        );
      }
      return notes;
    },
  };
}
