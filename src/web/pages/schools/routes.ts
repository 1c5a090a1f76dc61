import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { governanceLabels, sectorLabels } from '../../../domain/geography/place.ts';
import { successionLabels } from '../../../domain/geography/succession.ts';
import { academicYearLabel, endYearOf } from '../../../domain/periods/period.ts';
import { trendLabels } from '../../../domain/schools/trends.ts';
import { sparkline } from '../../components/target-chart.ts';
import { figureText } from '../../presentation/format.ts';
import { breakBetween } from '../../../domain/indicators/breaks.ts';
import { categoryLabels } from '../../../domain/schools/ofsted-judgements.ts';
import { kindLabels } from '../../../domain/geography/place.ts';
import type { Services } from '../../../services/create-services.ts';
import { breadcrumbsFor, placeHref } from '../place-links.ts';

const yearGroups = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'];

export function schoolRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { urn: string } }>('/schools/:urn', { config: publicAccess }, async (request, reply) => {
    const [page, ofsted, profile] = await Promise.all([
      services.places.schoolPage(request.params.urn),
      services.ofsted.schoolHistory(request.params.urn),
      services.schoolImprovement.profile(request.params.urn, await request.disclosure()),
    ]);
    const a = page.school.attributes;
    const row = (key: string, value: string | null | undefined) => ({
      key: { text: key },
      value: { text: value === null || value === undefined || value === '' ? 'Not recorded' : value },
    });
    const details = [
      row('URN', page.school.code),
      row('LAESTAB (DfE number)', a.laestab === null ? null : `${a.laestab.slice(0, 3)}/${a.laestab.slice(3)}`),
      row('Type', `${a.typeName} (${governanceLabels[a.governance]})`),
      row('Sector', `${sectorLabels[a.sector]}${a.selective ? ', selective' : ''}`),
      row('State-funded', a.stateFunded ? 'Yes' : 'No'),
      row('Age range', a.ageLow === null || a.ageHigh === null ? null : `${a.ageLow} to ${a.ageHigh}`),
      row('Gender', a.gender),
      row('Religious character', a.religiousCharacter),
      row('Admissions policy', a.admissionsPolicy),
      row(
        'Address',
        [a.address.street, a.address.locality, a.address.address3, a.address.town, a.address.postcode].filter((x) => x !== null && x !== '').join(', '),
      ),
      row('Opened', page.school.openedOn),
      row('Closed', page.school.closedOn ?? '–'),
      row('Register', page.source),
    ];
    const shownYearGroups = yearGroups.filter((g) => page.roll.some((r) => r.byYearGroup[g] !== undefined));
    return reply.view('pages/schools/view.njk', {
      title: `${page.school.name} – School`,
      section: 'places',
      page,
      ofsted,
      profile,
      trendLabels,
      // Each indicator's years by the year they end in, written as the table above it writes them (2015/16).
      sparkline: (i: {
        unit: string;
        decimalPlaces: number;
        breaks: readonly Readonly<{ period: string; note: string }>[];
        rows: readonly { period: string; label: string; value: number | null }[];
      }) => {
        const labels = new Map(i.rows.map((r) => [endYearOf(r.period), r.label]));
        return sparkline(
          // A year after a change in the measure starts a new line (breaks.ts): the two ends are then of one measure.
          i.rows.map((r, k) => ({
            year: endYearOf(r.period),
            value: r.value,
            newMeasure: k > 0 && breakBetween(i.breaks, i.rows[k - 1]!.period, r.period) !== null,
          })),
          { value: (v) => figureText(v, i.unit, i.decimalPlaces), year: (y) => labels.get(y) ?? String(y) },
        );
      },
      categoryLabels,
      details,
      breadcrumbs: breadcrumbsFor(page.ancestors),
      sectorLabels,
      governanceLabels,
      successionLabels,
      kindLabels,
      shownYearGroups,
      academicYearLabel,
      placeHref,
    });
  });
}
