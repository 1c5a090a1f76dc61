import { rankPlaces } from '../../domain/comparison/ranking.ts';
import { periodOfYear } from '../../domain/periods/period.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import { breakBetween, newMeasureNote } from '../../domain/indicators/breaks.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { annualReportSections, type ReportFigure } from '../../domain/reports/annual-report.ts';
import { describeFigure } from '../../domain/reports/sentences.ts';
import { figureBases } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { targetFigure } from '../../domain/framework/year-figures.ts';
import { discloseRows, groupFigureOf } from '../indicators/disclose-rows.ts';
import type { createFrameworkService, FrameworkEvaluation } from '../framework/framework-service.ts';
import { ownFigures } from '../indicators/own-figures.ts';

/**
 * The annual performance report of a framework for a year: the seed's "where we are now" sections with sentences
 * generated from the figures (as disclosed to the audience), and the framework's target table with statuses.
 */

export type AnnualReport = Readonly<{
  title: string;
  year: number;
  place: string;
  sections: readonly Readonly<{ title: string; sentences: readonly string[] }>[];
  evaluation: FrameworkEvaluation;
}>;

export function createReportService(store: Store, frameworks: ReturnType<typeof createFrameworkService>, catalogue: () => readonly Indicator[]) {
  return {
    async annual(frameworkId: string, year: number, policy: DisclosurePolicy): Promise<AnnualReport> {
      const evaluation = await frameworks.evaluate(frameworkId, year, policy);
      const framework = evaluation.framework;
      const indicators = new Map(catalogue().map((i) => [i.code, i]));
      const la = (await store.places.find('la', framework.la))!;
      const england = (await store.places.byKind('country'))[0];
      const group = framework.neighbourGroup === null ? undefined : await store.places.find('neighbour_group', framework.neighbourGroup);
      const members = group === undefined ? [] : await store.places.members(group.id, 'la');
      const ids = [la.id, ...(england === undefined ? [] : [england.id]), ...members.filter((m) => m.id !== la.id).map((m) => m.id)];

      /** The figure of each place for a year, disclosed; a gap is the other group's minus the group's. */
      const figuresAt = async (figure: ReportFigure, indicator: Indicator, y: number): Promise<Map<number, number | null>> => {
        const period = periodOfYear(y, indicator.periodType);
        const breakdowns = figure.gap === undefined ? [figure.breakdown] : [figure.gap.group, figure.gap.other];
        const rows = ownFigures(
          (
            await Promise.all(
              breakdowns.map((breakdown) =>
                store.observations.find({ indicatorCode: indicator.code, period, breakdown, basis: figureBases, placeIds: ids, limit: 100 }),
              ),
            )
          ).flat(),
        );
        const shown = discloseRows(rows, () => indicator, policy);
        // The same figure the framework evaluates: a gap from the unrounded figures shown, rounded once.
        const target = { breakdown: figure.breakdown, gap: figure.gap ?? null };
        const result = new Map<number, number | null>();
        for (const placeId of ids) result.set(placeId, targetFigure(target, indicator.decimalPlaces, groupFigureOf(rows, shown, placeId)).value);
        return result;
      };

      const sections = [];
      for (const section of annualReportSections(year)) {
        const sentences: string[] = [];
        for (const figure of section.figures) {
          const indicator = indicators.get(figure.indicator);
          if (indicator === undefined) continue;
          const now = await figuresAt(figure, indicator, year);
          // Last year's figure only where the catalogue says the two years' measures may be compared (issue 11 point 11).
          const brk = breakBetween(indicator.breaks, periodOfYear(year - 1, indicator.periodType), periodOfYear(year, indicator.periodType));
          const before = brk === null ? await figuresAt(figure, indicator, year - 1) : new Map<number, number | null>();
          const gap = figure.gap !== undefined;
          const polarity = gap ? 'lower_is_better' : indicator.polarity;
          const neighbourValues = members.map((m) => ({ code: m.code, value: now.get(m.id) ?? null }));
          const present = neighbourValues.filter((v) => v.value !== null).length;
          const rank = present > 1 ? (rankPlaces(neighbourValues, polarity).get(la.code) ?? null) : null;
          sentences.push(
            describeFigure({
              subject: figure.subject,
              year,
              unit: gap ? 'points' : indicator.unit,
              decimalPlaces: gap ? Math.max(1, indicator.decimalPlaces) : indicator.decimalPlaces,
              polarity,
              value: now.get(la.id) ?? null,
              previous: before.get(la.id) ?? null,
              england: england === undefined ? null : (now.get(england.id) ?? null),
              rank: rank === null ? null : { rank, of: present },
              newMeasure: brk === null ? null : newMeasureNote(brk),
            }),
          );
        }
        sections.push({ title: section.title, sentences });
      }
      return { title: `${framework.name}: annual performance report ${year}`, year, place: la.name, sections, evaluation };
    },
  };
}
