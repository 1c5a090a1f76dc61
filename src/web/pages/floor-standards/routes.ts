import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { academicYearLabel, periodOfYear } from '../../../domain/periods/period.ts';
import { latestHeld } from '../../../domain/periods/default-choice.ts';
import type { Services } from '../../../services/create-services.ts';

const query = z.object({
  la: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  phase: z.enum(['primary', 'secondary']).default('primary'),
  year: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  district: z
    .string()
    .regex(/^[A-Z0-9]{3,12}$/, 'a district is an ONS code such as E07000114')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // Which of the two lists (issue 19.5): the schools below the floor, those that cannot be decided, or both.
  status: z
    .enum(['below', 'undecided'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // The lists' order: by district, then name (the service's), or by name alone.
  sort: z
    .enum(['district', 'name'])
    .default('district')
    .or(z.literal('').transform(() => 'district' as const)),
});

const byName = (a: Readonly<{ name: string; urn: string }>, b: Readonly<{ name: string; urn: string }>) =>
  a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn);

/** Schools below the floor standard in an LA, by phase and year, each with the conditions it failed. */
export function floorStandardRoutes(app: FastifyInstance, services: Services): void {
  app.get('/floor-standards', { config: publicAccess }, async (request, reply) => {
    const q = query.parse(request.query);
    const years = [2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019].map((summer) => periodOfYear(summer, 'academic')).reverse();
    // Opens on the served LA and the newest year whose figures are held (issue 11 point 15).
    const la = q.la ?? (await services.places.servedLa()) ?? '886';
    const period = q.year ?? latestHeld(years, await services.floors.periodsHeld(la, q.phase, years))!;
    const listing = await services.floors.floorStandards(la, q.phase, period, await request.disclosure());
    // A district the LA does not have is no filter: every school is listed rather than none.
    const district = listing.byDistrict.some((d) => d.code === q.district) ? q.district : undefined;
    // The lists of schools narrowed to one district and status where asked, in the order asked (issue 19.5); the counts
    // by district stay the LA's.
    const listed = <T extends Readonly<{ name: string; urn: string; district: Readonly<{ code: string }> | null }>>(schools: readonly T[]) => {
      const inDistrict = district === undefined ? schools : schools.filter((school) => school.district?.code === district);
      return q.sort === 'name' ? [...inDistrict].sort(byName) : inDistrict;
    };
    const groups = [
      ...(q.status === 'undecided' ? [] : [{ title: 'Below the floor', schools: listed(listing.below) }]),
      ...(q.status === 'below' ? [] : [{ title: 'Cannot be decided', schools: listed(listing.undecided) }]),
    ];
    // Coasting (2016-2018): the schools below the coasting level three years running, and those not decidable.
    const coasting = await services.floors.coasting(la, q.phase, period, await request.disclosure());
    const coastingGroups = coasting.inForce
      ? [
          { title: 'Coasting', schools: listed(coasting.coasting) },
          { title: 'Coasting cannot be decided', schools: listed(coasting.undecided) },
        ]
      : [];
    return reply.view('pages/floor-standards/view.njk', {
      coasting,
      coastingGroups,
      title: `${q.phase === 'primary' ? 'Primary' : 'Secondary'} schools below the floor standard, ${listing.la.name} ${listing.label}`,
      section: 'schools',
      listing,
      groups,
      shownCount: groups.reduce((n, g) => n + g.schools.length, 0),
      districtName: listing.byDistrict.find((d) => d.code === district)?.name ?? null,
      years: years.map((y) => ({ code: y, label: academicYearLabel(y) })),
      q: { ...q, la, year: period, district },
    });
  });
}
