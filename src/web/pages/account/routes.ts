import type { FastifyInstance } from 'fastify';
import { roles } from '../../../domain/access/roles.ts';
import { grantInForce } from '../../../domain/access/decide-access.ts';
import type { Services } from '../../../services/create-services.ts';

/** "Your account": who is signed in and the roles they hold, on which places, between which dates. */
export function accountRoutes(app: FastifyInstance, services: Services): void {
  app.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = request.principal!;
    const today = services.sessions.today();
    const grants = (await services.sessions.grantsShown(principal.userId)).map((g) => ({
      role: roles[g.role].label,
      place: g.placeName === null ? 'Every place (LA-wide)' : g.placeName,
      placeHref: g.placeKind === null ? null : g.placeKind === 'school' ? `/schools/${g.placeCode}` : `/places/${g.placeKind}/${g.placeCode}`,
      validFrom: g.validFrom,
      validTo: g.validTo,
      inForce: grantInForce(g, today),
    }));
    return reply.view('pages/account/view.njk', { title: 'Your account', principal, grants });
  });
}
