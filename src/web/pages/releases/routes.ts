import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publicAccess } from '../../../domain/access/route-access.ts';
import { londonDateTimeInFull } from '../../../domain/releases/publication-time.ts';
import type { Services } from '../../../services/create-services.ts';
import { releaseView } from './release-view.ts';

const slugParams = z.object({ slug: z.string().max(120) });

/**
 * The public releases (issue 19.7): the published ones, latest first, and each at its permalink `/releases/<slug>`.
 * Before publication the permalink is not found, but to its administrators (a preview, marked so) and, from 24 hours
 * before, to the users on its pre-release list (domain/releases/pre-release-access.ts).
 */
export function releaseRoutes(app: FastifyInstance, services: Services): void {
  app.get('/releases', { config: publicAccess }, async (request, reply) => {
    const releases = (await services.releases.published()).map((r) => ({
      title: r.content.title,
      summary: r.content.summary,
      slug: r.slug,
      published: londonDateTimeInFull(new Date(r.publishAt!)),
      corrected: r.corrections.length > 0,
    }));
    return reply.view('pages/releases/list.njk', {
      title: 'Statistical releases',
      section: 'releases',
      releases,
      mayManage: services.releases.managesReleases(request.principal),
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  app.get('/releases/:slug', { config: publicAccess }, async (request, reply) => {
    const { slug } = slugParams.parse(request.params);
    const shown = await services.releases.read(slug, request.principal);
    const release = releaseView(shown);
    return reply.view('pages/releases/release.njk', {
      title: release.title,
      section: 'releases',
      release,
      reading: shown.reading,
      mayManage: services.releases.managesReleases(request.principal),
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Statistical releases', href: '/releases' },
      ],
    });
  });
}
