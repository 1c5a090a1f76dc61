import { indexPostcodes, placeByPostcode, type PostcodeIndex } from '../../domain/geography/postcode.ts';
import { academicYearCode, academicYearLabel, academicYearSpan } from '../../domain/periods/period.ts';
import { inspectionHistory, tallyJudgements, type JudgementTally } from '../../domain/schools/inspection-history.ts';
import { inspectionsByYear } from '../../domain/schools/inspections-in-year.ts';
import type { StoredInspection } from '../../store/inspection-store.ts';
import type { Store } from '../../store/store.ts';
import { NotFoundError } from '../../domain/errors.ts';

export type PlacedInspection = StoredInspection & Readonly<{ districtCode: string | null; placement: string }>;

export type InspectionOutcomes = Readonly<{
  la: Readonly<{ code: string; name: string }>;
  period: string;
  label: string;
  from: string;
  to: string;
  districts: readonly Readonly<{ code: string; name: string; tally: JudgementTally }>[];
  total: JudgementTally;
  /** England's inspections in the same year, every LA's summed (null when the files held do not cover England). */
  england: JudgementTally | null;
  unplaced: readonly PlacedInspection[];
  inspections: readonly PlacedInspection[];
  source: readonly Readonly<{ batchId: number; fileName: string }>[];
}>;

/** Ofsted outcomes read from the inspections store: an LA's inspections in a year by district, and a school's history. */
export function createOfstedService(store: Store) {
  async function postcodeIndex(): Promise<PostcodeIndex> {
    const counties = [...new Set((await store.register.countiesWithPostcodes()).map((c) => c.countyCode))];
    const rows = (await Promise.all(counties.map((c) => store.register.postcodesInCounty(c)))).flat();
    return indexPostcodes(rows);
  }

  return {
    /** The LAs and years inspections can be shown for, newest year first. */
    async inspectionCoverage() {
      const [rows, las] = await Promise.all([store.inspections.coverage(), store.places.byKind('la')]);
      const names = new Map(las.map((l) => [l.code, l.name]));
      return rows
        .filter((r) => names.has(r.laCode))
        .map((r) => ({
          laCode: r.laCode,
          laName: names.get(r.laCode)!,
          period: academicYearCode(r.startYear),
          label: academicYearLabel(academicYearCode(r.startYear)),
          inspections: r.inspections,
        }))
        .sort((a, b) => b.period.localeCompare(a.period) || a.laName.localeCompare(b.laName));
    },

    /**
     * The official inspections that started in an academic year (1 September to 31 August) of schools the files
     * place in the LA (LAESTAB), each in the district the register places the school in at the year's end, or else by
     * the postcode the inspection file gives: exactly, or by the majority district of its postcode sector when the
     * postcode is newer than the postcode file.
     */
    async inspectionOutcomes(laCode: string, period: string): Promise<InspectionOutcomes> {
      const la = await store.places.find('la', laCode);
      if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
      const { from, to } = academicYearSpan(period);
      const [rows, national, index, districts, placements] = await Promise.all([
        store.inspections.inLa(laCode, from, to),
        store.inspections.inPeriod(from, to),
        postcodeIndex(),
        store.places.byKind('district'),
        store.places.placementsOn(to),
      ]);
      const names = new Map(districts.map((d) => [d.code, d.name]));
      // A school the register places in a district at the year's end is counted there; otherwise by its postcode.
      const registered = new Map(placements.schools.filter((p) => p.parentKind === 'district').map((p) => [p.urn, p.parentCode]));
      const placed: PlacedInspection[] = rows.map((r) => {
        const district = registered.get(r.urn);
        if (district !== undefined) return { ...r, districtCode: district, placement: 'register' };
        const p = placeByPostcode(r.postcode, index);
        return { ...r, districtCode: p.kind === 'none' ? null : p.districtCode, placement: p.kind === 'none' ? p.reason : p.basis };
      });
      const codes = [...new Set(placed.flatMap((p) => (p.districtCode === null ? [] : [p.districtCode])))];
      const batches = new Map((await store.register.batches(500)).map((b) => [b.id, b.fileName]));
      return {
        la: { code: la.code, name: la.name },
        period,
        label: academicYearLabel(period),
        from,
        to,
        districts: codes
          .map((code) => ({ code, name: names.get(code) ?? code, tally: tallyJudgements(placed.filter((p) => p.districtCode === code)) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        total: tallyJudgements(placed),
        england: inspectionsByYear(national).find((y) => y.period === period)?.england ?? null,
        unplaced: placed.filter((p) => p.districtCode === null),
        inspections: placed,
        source: [...new Set(rows.map((r) => r.batchId))].map((batchId) => ({ batchId, fileName: batches.get(batchId) ?? `batch ${batchId}` })),
      };
    },

    /** A school's inspections across its predecessor URNs, newest first, with the judgement it holds now. */
    async schoolHistory(urn: string) {
      const successions = await store.register.successionsAround(urn);
      const all = await store.inspections.forUrns(inspectionHistory(urn, successions, []).urns);
      return inspectionHistory(urn, successions, all);
    },
  };
}
