import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { Indicator } from '../domain/indicators/indicator.ts';
import type { Database } from './schema.ts';

/**
 * An indicator as the store holds it: LAIT breakdown keys, derivations and the measure an indicator continues stay in
 * the catalogue files, read by the framework and the imports.
 */
export function asStored(indicator: Indicator): Indicator {
  const stored = { ...indicator };
  delete stored.laitBreakdowns;
  delete stored.derive;
  delete stored.continues;
  return stored;
}

/** The indicator catalogue as the store holds it (written from the files in indicators/). */
export function createIndicatorStore(db: Kysely<Database>) {
  return {
    /** Insert or update every definition; returns how many were new and how many changed. */
    async saveAll(indicators: readonly Indicator[]): Promise<{ inserted: number; updated: number; unchanged: number }> {
      const existing = new Map((await this.all()).map((i) => [i.code, i]));
      let inserted = 0;
      let updated = 0;
      for (const indicator of indicators) {
        const before = existing.get(indicator.code);
        // jsonb reorders object keys, so compare values, not their JSON text. LAIT breakdown keys are read from the
        // catalogue files by the framework, not stored.
        if (before !== undefined && isDeepStrictEqual(before, asStored(indicator))) continue;
        if (before === undefined) inserted++;
        else updated++;
        const row = toRow(indicator);
        // The key is left out of the update: setting it, even to itself, takes the row's FOR UPDATE lock, which waits on
        // (and can deadlock with) a figure write holding FOR KEY SHARE on it (migration 0033); the others take FOR NO
        // KEY UPDATE, which does not.
        const changed = Object.fromEntries(Object.entries(row).filter(([column]) => column !== 'code')) as Omit<typeof row, 'code'>;
        await db
          .insertInto('indicator')
          .values(row)
          .onConflict((oc) => oc.column('code').doUpdateSet(changed))
          .execute();
      }
      return { inserted, updated, unchanged: indicators.length - inserted - updated };
    },

    async all(): Promise<Indicator[]> {
      const rows = await db.selectFrom('indicator').selectAll().orderBy('code').execute();
      return rows.map((r): Indicator => ({
        code: r.code,
        title: r.title,
        unit: r.unit as Indicator['unit'],
        decimalPlaces: r.decimal_places,
        polarity: r.polarity as Indicator['polarity'],
        periodType: r.period_type as Indicator['periodType'],
        source: r.source,
        methodology: r.methodology,
        numerator: r.numerator,
        denominator: r.denominator,
        periods: { from: r.first_period, to: r.last_period },
        successor: r.successor_code,
        yearRule: r.year_rule as Indicator['yearRule'],
        breaks: r.breaks as Indicator['breaks'],
        feed: r.feed as Indicator['feed'],
        lait: r.lait_code,
        framework: r.framework_targets as number[],
      }));
    },
  };
}

function toRow(i: Indicator) {
  return {
    code: i.code,
    title: i.title,
    unit: i.unit,
    decimal_places: i.decimalPlaces,
    polarity: i.polarity,
    period_type: i.periodType,
    source: i.source,
    methodology: i.methodology,
    numerator: i.numerator,
    denominator: i.denominator,
    first_period: i.periods.from,
    last_period: i.periods.to,
    successor_code: i.successor,
    year_rule: i.yearRule,
    breaks: JSON.stringify(i.breaks),
    feed: i.feed,
    lait_code: i.lait,
    framework_targets: JSON.stringify(i.framework),
  };
}
