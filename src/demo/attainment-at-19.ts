import { atNineteen, type AtNineteenGroup } from './calibration.ts';

/**
 * The demo county's attainment by 19 as the DfE publishes it (the LA layout of "Level 2 and 3 attainment age 16 to
 * 25", read by mappings/dfe-attainment-by-19.yaml): one row per cohort (the year it turned 19) and place, for every
 * young person and by free school meals at 15, counts and rates. Made from calibration.ts's `atNineteen` (each group's
 * counts are its rates of its cohort, rounded; the whole cohort is the two groups added), for the demo's LA and
 * England, so targets 31, 33, 41 and 42 are read from a file in the published layout through the published importer.
 */
export const atNineteenHeader = [
  'cohort_19_in',
  'number_in_ss_cohort',
  'region',
  'la_code_9',
  'la_code_3',
  'la_name',
  'gender',
  'fsm',
  'sen',
  'l2_by19',
  'l2_with_em_by19',
  'l3_by19',
  'l2_em_by16',
  'l2_em_by19_belowat16',
  'l2_by19_rate',
  'l2_with_em_by19_rate',
  'l3_by19_rate',
  'l2_em_by19_belowat16_rate',
] as const;

type Counts = Readonly<{ pupils: number; l2: number; l2em: number; l3: number; l2emAt16: number; l2emAfter16: number }>;

const countsOf = (g: AtNineteenGroup): Counts => {
  const share = (rate: number, of: number) => Math.round((rate * of) / 100);
  const l2emAt16 = share(g.l2emAt16, g.pupils);
  return {
    pupils: g.pupils,
    l2: share(g.l2, g.pupils),
    l2em: share(g.l2em, g.pupils),
    l3: share(g.l3, g.pupils),
    l2emAt16,
    l2emAfter16: share(g.l2emAfter16, g.pupils - l2emAt16),
  };
};

const added = (a: Counts, b: Counts): Counts => ({
  pupils: a.pupils + b.pupils,
  l2: a.l2 + b.l2,
  l2em: a.l2em + b.l2em,
  l3: a.l3 + b.l3,
  l2emAt16: a.l2emAt16 + b.l2emAt16,
  l2emAfter16: a.l2emAfter16 + b.l2emAfter16,
});

/** A row's cells after the place and group: counts, then rates with every digit (as the DfE's file writes them). */
const cells = (c: Counts): (string | number)[] => [
  c.l2,
  c.l2em,
  c.l3,
  c.l2emAt16,
  c.l2emAfter16,
  (100 * c.l2) / c.pupils,
  (100 * c.l2em) / c.pupils,
  (100 * c.l3) / c.pupils,
  (100 * c.l2emAfter16) / (c.pupils - c.l2emAt16),
];

/** The file's text (cohorts `from` to `to`), for the demo county's LA code and England. */
export function attainmentAt19File(laCode: string, laGss: string, laName: string, from: number, to: number): string {
  const places = [
    { key: 'england' as const, region: 'ALL', gss: 'ALL', code: 'ALL', name: 'ALL' },
    { key: 'kent' as const, region: 'South East', gss: laGss, code: laCode, name: laName },
  ];
  const lines: string[] = [atNineteenHeader.join(',')];
  for (let year = from; year <= to; year++)
    for (const place of places) {
      const held = atNineteen[place.key][year];
      if (held === undefined) continue;
      const fsm = countsOf(held.fsm);
      const other = countsOf(held.other);
      for (const [label, c] of [
        ['ALL', added(fsm, other)],
        ['Eligible for FSM', fsm],
        ['Not eligible for FSM', other],
      ] as const)
        lines.push([year, c.pupils, place.region, place.gss, place.code, place.name, 'ALL', label, 'ALL', ...cells(c)].join(','));
    }
  return `${lines.join('\n')}\n`;
}
