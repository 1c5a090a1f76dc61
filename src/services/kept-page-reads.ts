import type { DisclosurePolicy } from '../domain/indicators/disclosure.ts';
import type { PlaceKind } from '../domain/geography/place.ts';
import type { createComparisonService } from './comparison/comparison-service.ts';
import type { createFrameworkService } from './framework/framework-service.ts';
import type { createPlaceDashboard, DashboardKind } from './geography/place-dashboard.ts';
import type { PlaceService } from './geography/place-service.ts';
import type { KeptReads } from './kept-reads.ts';
import type { createReportService } from './reports/report-service.ts';
import type { createOfstedService } from './schools/ofsted-service.ts';
import type { createSchoolImprovementService } from './schools/school-improvement-service.ts';

type Reads = Readonly<{
  places: PlaceService;
  dashboards: ReturnType<typeof createPlaceDashboard>;
  frameworks: ReturnType<typeof createFrameworkService>;
  reports: ReturnType<typeof createReportService>;
  ofsted: ReturnType<typeof createOfstedService>;
  schoolImprovement: ReturnType<typeof createSchoolImprovementService>;
  comparison: ReturnType<typeof createComparisonService>;
}>;

/**
 * The reads behind the pages LA officers and the public open most (the framework overview, a target, the annual
 * report, an LA's, a district's and a school's page, an indicator's), each kept a data version by `keep`
 * (kept-reads.ts): the same services, those reads answered from what was read for the first reader to ask.
 */
export function keptPageReads(keep: KeptReads, s: Reads): Reads {
  return {
    places: {
      ...s.places,
      placePage: (kind: PlaceKind, code: string, on?: string) => keep('places.placePage', [kind, code, on ?? null], () => s.places.placePage(kind, code, on)),
      schoolPage: (urn: string) => keep('places.schoolPage', [urn], () => s.places.schoolPage(urn)),
    },
    dashboards: {
      ...s.dashboards,
      dashboard: (kind: DashboardKind, code: string, policy: DisclosurePolicy) =>
        keep('dashboards.dashboard', [kind, code, policy], () => s.dashboards.dashboard(kind, code, policy)),
    },
    frameworks: {
      ...s.frameworks,
      placesOf: (id: string) => keep('frameworks.placesOf', [id], () => s.frameworks.placesOf(id)),
      yearOf: (id: string, requested: number | undefined, policy: DisclosurePolicy) =>
        keep('frameworks.yearOf', [id, requested ?? null, policy], () => s.frameworks.yearOf(id, requested, policy)),
      evaluate: (id: string, year: number, policy: DisclosurePolicy, placeCode?: string, group?: string) =>
        keep('frameworks.evaluate', [id, year, policy, placeCode ?? null, group ?? null], () => s.frameworks.evaluate(id, year, policy, placeCode, group)),
      targetDetail: (id: string, targetId: string, year: number, policy: DisclosurePolicy) =>
        keep('frameworks.targetDetail', [id, targetId, year, policy], () => s.frameworks.targetDetail(id, targetId, year, policy)),
    },
    reports: {
      ...s.reports,
      annual: (frameworkId: string, year: number, policy: DisclosurePolicy) =>
        keep('reports.annual', [frameworkId, year, policy], () => s.reports.annual(frameworkId, year, policy)),
    },
    ofsted: { ...s.ofsted, schoolHistory: (urn: string) => keep('ofsted.schoolHistory', [urn], () => s.ofsted.schoolHistory(urn)) },
    schoolImprovement: {
      ...s.schoolImprovement,
      profile: (urn: string, policy: DisclosurePolicy) => keep('schoolImprovement.profile', [urn, policy], () => s.schoolImprovement.profile(urn, policy)),
    },
    comparison: {
      ...s.comparison,
      compare: (code: string, options: Readonly<{ period?: string; breakdown?: string; focus?: string }>, policy: DisclosurePolicy) =>
        keep('comparison.compare', [code, options, policy], () => s.comparison.compare(code, options, policy)),
    },
  };
}
