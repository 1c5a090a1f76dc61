import type { SchoolAssessment } from './school-assessment.ts';
import type { SupportArea } from './system-leaders.ts';
import { isDecliningTrend } from './trends.ts';

/**
 * What a school needs support with, read from its assessment (docs/adr/0025-system-leadership.md), each area with
 * the evidence for it:
 *   inadequate or a category of concern        leadership and teaching
 *   requires improvement (satisfactory)        teaching
 *   below the floor standard (decided)         outcomes
 *   coasting                                   outcomes and teaching
 *   a headline indicator declining             its subject (English for reading, writing or RWM; maths for maths or
 *                                              RWM), else outcomes
 * A school with none of these needs no support.
 */

export type SupportNeed = Readonly<{ urn: string; name: string; phase: SchoolAssessment['phase']; areas: readonly SupportArea[]; reasons: readonly string[] }>;

type NeedInput = Pick<SchoolAssessment, 'urn' | 'name' | 'phase' | 'ofsted' | 'floor' | 'coasting' | 'trends'>;

/** The subjects a headline indicator measures, by its code. */
export function subjectsOf(indicatorCode: string): SupportArea[] {
  const areas: SupportArea[] = [];
  // 'em' is English and maths (ks4-5ac-em), as 'rwm' is reading, writing and maths.
  if (/english|reading|writing|rwm|(^|-)em($|-)/.test(indicatorCode)) areas.push('english');
  if (/maths|rwm|(^|-)em($|-)/.test(indicatorCode)) areas.push('maths');
  return areas.length === 0 ? ['outcomes'] : areas;
}

export function supportNeedOf(school: NeedInput): SupportNeed | null {
  const areas = new Set<SupportArea>();
  const reasons: string[] = [];
  const o = school.ofsted;
  if (o !== null && (o.category !== null || o.grade === 4)) {
    areas.add('leadership').add('teaching');
    reasons.push(`${o.label} at its inspection of ${o.inspectedOn}`);
  } else if (o !== null && o.grade === 3) {
    areas.add('teaching');
    reasons.push(`${o.label} at its inspection of ${o.inspectedOn}`);
  }
  const floor = school.floor;
  if (floor !== null && floor.result.applies && floor.result.below === true) {
    areas.add('outcomes');
    reasons.push(`below the floor standard in ${floor.label}`);
  }
  const coasting = school.coasting;
  if (coasting !== null && coasting !== undefined && coasting.result.coasting === true) {
    areas.add('outcomes').add('teaching');
    reasons.push(`coasting in ${coasting.label}`);
  }
  for (const t of school.trends)
    if (isDecliningTrend(t.trend)) {
      for (const a of subjectsOf(t.indicator)) areas.add(a);
      reasons.push(`${t.title} declining`);
    }
  if (areas.size === 0) return null;
  return { urn: school.urn, name: school.name, phase: school.phase, areas: [...areas], reasons };
}
