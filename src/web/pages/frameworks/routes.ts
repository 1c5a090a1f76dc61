import { publicAccess } from '../../../domain/access/route-access.ts';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { frameworkGroups } from '../../../domain/pupils/breakdowns.ts';
import { groupLabels, ruleKindLabels, ruleStatusLabels, statusLabels } from '../../presentation/labels.ts';
import { downloadFormatOf, sendTable, symbolNotes, type DownloadTable } from '../../presentation/download-table.ts';
import type { Services } from '../../../services/create-services.ts';
import { targetChart, targetSparkline } from '../../components/target-chart.ts';
import { figureText } from '../../presentation/format.ts';
import type { TargetContext } from '../../../domain/framework/evaluate-at-place.ts';
import { isRecordedByDelivery } from '../../../domain/framework/delivery.ts';
import { statuses } from '../../../domain/framework/evaluate.ts';
import { londonDateOf } from '../../../domain/periods/london-time.ts';
import { roundHalfUp } from '../../../domain/indicators/rounding.ts';
import { deliveryErrors, deliveryRoutes, judgedStatusLabels, type DeliveryFormState } from './delivery-form.ts';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  place: z.string().max(20).optional(),
  group: z.enum(['all', ...frameworkGroups]).optional(),
  /** One priority's targets (on the page and in its download), else them all. */
  priority: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The targets with one status only (on the page and in its download). */
  status: z
    .enum(statuses)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** The framework pages: the list of frameworks, and one framework evaluated for a year and place, target by target. */
export function frameworkRoutes(app: FastifyInstance, services: Services): void {
  // The annual report's print rules, as a file: the CSP allows no inline style.
  const printCss = readFileSync(new URL('report-print.css', import.meta.url), 'utf8');
  app.get('/stylesheets/report-print.css', { config: publicAccess }, (_request, reply) => reply.type('text/css; charset=utf-8').send(printCss));
  app.get('/frameworks', { config: publicAccess }, async (_request, reply) =>
    reply.view('pages/frameworks/list.njk', {
      title: 'Frameworks',
      section: 'frameworks',
      frameworks: services.frameworks.list(),
      breadcrumbs: [{ text: 'Home', href: '/' }],
    }),
  );

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/frameworks/:id/report', { config: publicAccess }, async (request, reply) => {
    const framework = services.frameworks.find(request.params.id);
    const year = await services.frameworks.yearOf(framework.id, query.parse(request.query).year, await request.disclosure());
    const report = await services.reports.annual(framework.id, year, await request.disclosure());
    return reply.view('pages/frameworks/report.njk', {
      title: report.title,
      sparkline: (c: TargetContext) => targetSparkline(c, year),
      section: 'frameworks',
      framework,
      report,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Frameworks', href: '/frameworks' },
        { text: framework.name, href: `/frameworks/${framework.id}?year=${year}` },
      ],
    });
  });

  const showTarget = async (request: FastifyRequest, reply: FastifyReply, state: DeliveryFormState | null) => {
    const params = request.params as { id: string; target: string };
    const framework = services.frameworks.find(params.id);
    const year = await services.frameworks.yearOf(framework.id, query.parse(request.query).year, await request.disclosure());
    const detail = await services.frameworks.targetDetail(framework.id, params.target, year, await request.disclosure());
    const { target, indicator, evaluation, context } = detail.la;
    const decimals = target.gap !== null ? Math.max(1, indicator?.decimalPlaces ?? 1) : (indicator?.decimalPlaces ?? 0);
    const milestones = target.rules.flatMap((r) =>
      r.kind === 'milestones'
        ? r.points.map((p) => ({ ...p, label: 'milestone' }))
        : r.kind === 'at_least' || r.kind === 'at_most'
          ? [{ year: r.by, value: r.value, label: 'target' }]
          : [],
    );
    const years = Array.from({ length: framework.years.to - framework.years.from + 1 }, (_, i) => framework.years.from + i);
    const delivered = isRecordedByDelivery(target);
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    return reply.code(state === null ? 200 : 400).view('pages/frameworks/target.njk', {
      title: `${state === null ? '' : 'Error: '}${target.title}, ${year}`,
      section: 'frameworks',
      framework,
      detail,
      target,
      indicator,
      evaluation,
      context,
      year,
      years,
      decimals,
      groupLabels,
      ruleKindLabels,
      ruleStatusLabels,
      measure: detail.la.measure,
      delivery: delivered
        ? (await services.delivery.list(framework.id, target.id)).map((r) => ({
            ...r,
            recordedOn: r.recordedAt === null ? null : londonDateOf(new Date(r.recordedAt)),
            withdrawnOn: r.withdrawn === null ? null : londonDateOf(new Date(r.withdrawn.at)),
          }))
        : null,
      mayRecord: delivered && (await services.delivery.mayRecord(framework.id, request.principal)),
      signedIn: request.principal !== null && request.principal !== undefined,
      deliveryDone: done === 'recorded' ? 'The record is saved: the target is judged from it.' : done === 'withdrawn' ? 'The record is withdrawn.' : null,
      form: state,
      ...deliveryErrors(state),
      judgedStatusLabels,
      yearItems: years.map((y) => ({ value: String(y), text: String(y) })),
      today: services.sessions.today(),
      chart: targetChart({
        id: 'target-chart',
        title: `${target.title}: figures by year against the trajectory`,
        series: context.series,
        trajectory: context.trajectory,
        milestones,
        decimals,
      }),
      trajectoryAt: (y: number) => context.trajectory.find((p) => p.year === y)?.value ?? null,
      otherVersions: services.frameworks.list().filter((f) => f.id !== framework.id && f.targets.some((t) => t.id === target.id)),
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Frameworks', href: '/frameworks' },
        { text: framework.name, href: `/frameworks/${framework.id}?year=${year}` },
      ],
    });
  };

  app.get('/frameworks/:id/targets/:target', { config: publicAccess }, (request, reply) => showTarget(request, reply, null));
  deliveryRoutes(app, services, showTarget);

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/frameworks/:id', { config: publicAccess }, async (request, reply) => {
    const { name, format } = downloadFormatOf(request.params.id);
    const framework = services.frameworks.find(name);
    const options = query.parse(request.query);
    const year = await services.frameworks.yearOf(framework.id, options.year, await request.disclosure());
    const group = options.group ?? 'all';
    const evaluation = await services.frameworks.evaluate(framework.id, year, await request.disclosure(), options.place, group);
    const download = new URLSearchParams({
      year: String(year),
      ...(options.place ? { place: options.place } : {}),
      ...(group === 'all' ? {} : { group }),
      ...(options.status ? { status: options.status } : {}),
    });
    const chosen = (t: Evaluation['targets'][number]) => options.status === undefined || t.evaluation.status === options.status;
    if (format !== null) {
      const table = frameworkTable(framework, evaluation, year, group === 'all' ? undefined : groupLabels[group], options.priority, chosen);
      return sendTable(reply, table, format, `${framework.id}-${year}-${evaluation.place.code}${group === 'all' ? '' : `-${group}`}`);
    }
    const years = Array.from({ length: framework.years.to - framework.years.from + 1 }, (_, i) => framework.years.from + i);
    return reply.view('pages/frameworks/view.njk', {
      title: `${framework.name}, ${year}${evaluation.place.kind === 'la' ? '' : `, ${evaluation.place.name}`}${group === 'all' ? '' : `, ${groupLabels[group]}`}`,
      group,
      groupLabels,
      // England's figure and the neighbours' average with the unit the Value column writes, rounded once; an average to
      // one decimal at least, as before.
      contextFigure: (value: number, c: TargetContext, atLeast = 0) => figureText(value, c.unit, Math.max(atLeast, c.decimalPlaces)),
      sparkline: (c: TargetContext) => targetSparkline(c, year),
      section: 'frameworks',
      framework,
      evaluation,
      years,
      year,
      places: await services.frameworks.placesOf(framework.id),
      download: download.toString(),
      allPriorities: framework.priorities,
      unfiltered: new URLSearchParams({
        year: String(year),
        ...(options.place ? { place: options.place } : {}),
        ...(group === 'all' ? {} : { group }),
      }).toString(),
      priority: options.priority ?? '',
      status: options.status ?? '',
      shown: evaluation.targets.filter((t) => chosen(t) && (options.priority === undefined || t.target.priority === options.priority)).length,
      priorities: framework.priorities
        .filter((p) => options.priority === undefined || p.id === options.priority)
        .map((p) => ({ ...p, targets: evaluation.targets.filter((t) => t.target.priority === p.id && chosen(t)) }))
        .filter((p) => p.targets.length > 0),
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Frameworks', href: '/frameworks' },
      ],
    });
  });
}

type Evaluation = Awaited<ReturnType<Services['frameworks']['evaluate']>>;

/**
 * The framework page's tables as one download: a row per target line, under its priority, with the figures the page
 * shows (the target's figure, England, the neighbours' average to one decimal, the rank) and the reason.
 */
function frameworkTable(
  framework: ReturnType<Services['frameworks']['find']>,
  evaluation: Evaluation,
  year: number,
  group: string | undefined,
  priority: string | undefined,
  chosen: (t: Evaluation['targets'][number]) => boolean,
): DownloadTable {
  const priorityTitle = new Map(framework.priorities.map((p) => [p.id, p.title]));
  const priorities = framework.priorities.filter((p) => priority === undefined || p.id === priority);
  return {
    title: `${framework.name}: ${evaluation.place.name}, ${year}${group === undefined ? '' : `, ${group}`}${priority === undefined ? '' : `: ${priorityTitle.get(priority) ?? priority}`}`,
    columns: [
      { header: 'Priority', kind: 'text' },
      { header: 'Target number', kind: 'number', decimals: 0 },
      { header: 'Target', kind: 'text' },
      { header: 'Status', kind: 'text' },
      { header: 'Value', kind: 'number', decimals: null },
      { header: 'England', kind: 'number', decimals: null },
      { header: "Neighbours' average", kind: 'number', decimals: 1 },
      { header: 'Rank among neighbours', kind: 'text' },
      { header: 'Why', kind: 'text' },
    ],
    rows: priorities.flatMap((p) =>
      evaluation.targets
        .filter((t) => t.target.priority === p.id && chosen(t))
        .map((t) => [
          priorityTitle.get(t.target.priority) ?? t.target.priority,
          t.target.number,
          t.target.title,
          statusLabels[t.evaluation.status]?.text ?? t.evaluation.status,
          t.evaluation.value,
          t.context.england ?? t.context.englandRate ?? null,
          t.context.neighbourAverage === null ? null : roundHalfUp(t.context.neighbourAverage, 1),
          t.context.rank ? `${t.context.rank.rank} of ${t.context.rank.of}` : null,
          t.evaluation.reason,
        ]),
    ),
    notes: [
      `Source: ${framework.source}`,
      "Each value is the target's figure in its own unit (see the target's page); a blank cell has no figure.",
      ...symbolNotes,
    ],
  };
}
