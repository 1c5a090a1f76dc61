import { endYearOf } from '../periods/period.ts';

/**
 * The names LAs have had, and how a name a file writes becomes an LA code. Files that name LAs without codes (DfE's
 * exclusions time series, the SDG compilation of EYFS results) use names from before and after boundary changes and
 * their own spellings ("Bristol City of", "County Durham"). A name is matched through the alias table first (some names
 * meant a different LA before a change: "Dorset" is the county, code 835, until 2018/19 and the new unitary, 838,
 * after), then against the names the store holds, loosely written; a name that matches neither is an error the
 * import reports with its line, never a silent skip.
 *
 * Sources: DfE LA code list (lait/la_code_list.csv: 822 Bedford Borough, 837 "Bournemouth (Pre LG)", 836 "Poole (Pre
 * LG)", 835 "Dorset (Pre LG)", 838 Dorset, 839 "Bournemouth, Christchurch and Poole", 840 Durham, 801 "Bristol, City
 * of", 810 "Kingston Upon Hull, City of", 942 Cumberland, 943 Westmorland and Furness); the Bedfordshire and Cheshire
 * structural changes order 2008 (new unitaries from 1 April 2009; old codes 820 Bedfordshire, 875 Cheshire); the
 * Bournemouth, Dorset and Poole (Structural Changes) Order 2018 (from 1 April 2019); the Cumbria (Structural Changes)
 * Order 2022 (from 1 April 2023).
 */

export type LaAlias = Readonly<{
  /** The name as files write it, compared after `normaliseLaName`. */
  name: string;
  code: string;
  /** The LA's own name, and its region, for an LA the code list no longer carries (added when a file names it). */
  laName: string;
  regionCode: string;
  /** The name means this LA for periods ending in [fromYear, toYear] (see `endYearOf` in periods/period.ts); open ends are null. */
  fromYear: number | null;
  toYear: number | null;
}>;

const eastOfEngland = 'E12000006';
const northWest = 'E12000002';
const northEast = 'E12000001';
const southWest = 'E12000009';
const yorkshire = 'E12000003';

const alias = (name: string, code: string, laName: string, regionCode: string, fromYear: number | null = null, toYear: number | null = null): LaAlias => ({
  name,
  code,
  laName,
  regionCode,
  fromYear,
  toYear,
});

export const laAliases: readonly LaAlias[] = [
  // 2009: Bedfordshire split into Bedford and Central Bedfordshire; Cheshire into Cheshire East and Cheshire West and Chester.
  alias('Bedfordshire (Pre LGR 2009)', '820', 'Bedfordshire (Pre LGR 2009)', eastOfEngland, null, 2009),
  alias('Bedfordshire', '820', 'Bedfordshire (Pre LGR 2009)', eastOfEngland, null, 2009),
  alias('Cheshire (Pre LGR 2009)', '875', 'Cheshire (Pre LGR 2009)', northWest, null, 2009),
  alias('Cheshire', '875', 'Cheshire (Pre LGR 2009)', northWest, null, 2009),
  alias('Bedford', '822', 'Bedford Borough', eastOfEngland),
  alias('Bedford Borough', '822', 'Bedford Borough', eastOfEngland),
  // Spellings of unchanged LAs.
  alias('Durham', '840', 'Durham', northEast),
  alias('County Durham', '840', 'Durham', northEast),
  alias('Bristol', '801', 'Bristol, City of', southWest),
  alias('City of Bristol', '801', 'Bristol, City of', southWest),
  alias('Bristol, City of', '801', 'Bristol, City of', southWest),
  alias('Kingston upon Hull', '810', 'Kingston Upon Hull, City of', yorkshire),
  alias('Kingston upon Hull, City of', '810', 'Kingston Upon Hull, City of', yorkshire),
  alias('Hull', '810', 'Kingston Upon Hull, City of', yorkshire),
  // 2019: Bournemouth, Poole and Christchurch (from the county) became one unitary; the rest of the county, Dorset.
  alias('Bournemouth', '837', 'Bournemouth (Pre LG)', southWest, null, 2018),
  alias('Bournemouth (Pre LG)', '837', 'Bournemouth (Pre LG)', southWest),
  alias('Poole', '836', 'Poole (Pre LG)', southWest, null, 2018),
  alias('Poole (Pre LG)', '836', 'Poole (Pre LG)', southWest),
  alias('Bournemouth, Christchurch and Poole', '839', 'Bournemouth, Christchurch and Poole', southWest),
  alias('Dorset', '835', 'Dorset (Pre LG)', southWest, null, 2018),
  alias('Dorset', '838', 'Dorset', southWest, 2019, null),
  alias('Dorset (Pre LG)', '835', 'Dorset (Pre LG)', southWest),
  // 2023: Cumbria split into Cumberland and Westmorland and Furness.
  alias('Cumbria', '909', 'Cumbria', northWest, null, 2022),
  alias('Cumbria (Pre LG)', '909', 'Cumbria', northWest),
];

/** LA names as files write them ("Bristol, City of", "Bristol City of", "Herefordshire, County of", "St. Helens") compared loosely. */
export function normaliseLaName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/,?\s+(city|county) of$/, '')
    .replace(/^(city|county) of\s+/, '')
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type LaMatch = Readonly<{ code: string; laName: string; regionCode: string | null; by: 'alias' | 'name' }>;

/**
 * The LA a name means in a period: the alias table first, then the store's LAs by loosely written name (`known`);
 * null when neither knows it (the caller refuses the file at that line).
 */
export function matchLaName(name: string, period: string, known: readonly Readonly<{ code: string; name: string }>[]): LaMatch | null {
  const wanted = normaliseLaName(name);
  const year = endYearOf(period);
  const hit = laAliases.find(
    (a) => normaliseLaName(a.name) === wanted && (a.fromYear === null || year >= a.fromYear) && (a.toYear === null || year <= a.toYear),
  );
  if (hit !== undefined) return { code: hit.code, laName: hit.laName, regionCode: hit.regionCode, by: 'alias' };
  const same = known.filter((k) => normaliseLaName(k.name) === wanted);
  return same.length === 1 ? { code: same[0]!.code, laName: same[0]!.name, regionCode: null, by: 'name' } : null;
}
