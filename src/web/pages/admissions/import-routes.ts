import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { describeIssue } from '../../../domain/errors.ts';
import { applicationColumns, readApplicationFile } from '../../../imports/admissions/application-file.ts';
import { arrangementColumns, readArrangementFile } from '../../../imports/admissions/arrangement-file.ts';
import type { Services } from '../../../services/create-services.ts';
import type { TransferResult } from '../../../services/admissions/admissions-transfer.ts';
import { auditWho } from '../../audit-who.ts';
import { roundTitle, whole } from './admissions-views.ts';
import { admissionsCrumbs, roundParams, workAdmissions } from './routes.ts';

const text = (max: number) => z.string().max(max).default('');
const importForm = z.object({ fileName: text(200), csv: text(190_000) });
type Which = 'arrangements' | 'applications';
const blank = { fileName: '', csv: '' };

const writtenWords = (which: Which, result: Exclude<TransferResult, { issues: unknown }>) => {
  const what = which === 'arrangements' ? 'schools’ arrangements' : 'applications';
  const changed = which === 'arrangements' && result.changed > 0 ? ` (${whole(result.changed)} of them a new version of arrangements held)` : '';
  return `${whole(result.written)} ${what} written${changed}; ${whole(result.unchanged)} already held and unchanged.`;
};

/**
 * A round's files pasted as CSV (issue 16): the schools' arrangements and the common application file, read line by
 * line by the file readers, then checked by the service against the round and the records held. On any problem nothing
 * is written and each problem is shown with its line and column, as the casework imports do.
 */
export function admissionsImportRoutes(app: FastifyInstance, services: Services): void {
  const showImport = async (
    reply: FastifyReply,
    roundId: number,
    which: Which | null,
    values: z.output<typeof importForm>,
    issues: readonly string[],
    written: string | null,
  ) => {
    const { round } = await services.admissions.round(roundId);
    return reply.code(issues.length > 0 ? 400 : 200).view('pages/admissions/import.njk', {
      title: `Import files – ${roundTitle(round)}`,
      section: 'admissions',
      breadcrumbs: [...admissionsCrumbs, { text: roundTitle(round), href: `/admissions/rounds/${roundId}` }],
      roundId,
      heading: roundTitle(round),
      preferencesAllowed: round.preferencesAllowed,
      arrangementColumns: arrangementColumns.join(', '),
      applicationColumns: applicationColumns.join(', '),
      which,
      values: { arrangements: which === 'arrangements' ? values : blank, applications: which === 'applications' ? values : blank },
      issues,
      written,
    });
  };

  app.get('/admissions/rounds/:id/import', workAdmissions, async (request, reply) =>
    showImport(reply, roundParams.parse(request.params).id, null, blank, [], null),
  );

  for (const which of ['arrangements', 'applications'] as const)
    app.post(`/admissions/rounds/:id/import/${which}`, workAdmissions, async (request, reply) => {
      const { id: roundId } = roundParams.parse(request.params);
      const values = importForm.parse(request.body ?? {});
      const file = values.fileName.trim() === '' ? `pasted ${which} file` : values.fileName.trim();
      const bytes = new TextEncoder().encode(values.csv);
      const read = which === 'arrangements' ? readArrangementFile(file, bytes) : readApplicationFile(file, bytes);
      if ('issues' in read) return showImport(reply, roundId, which, values, read.issues.map(describeIssue), null);
      const result =
        which === 'arrangements'
          ? await services.admissions.importArrangements(
              roundId,
              file,
              (read as Extract<ReturnType<typeof readArrangementFile>, { rows: unknown }>).rows,
              read.hash,
              auditWho(request),
            )
          : await services.admissions.importApplications(
              roundId,
              file,
              (read as Extract<ReturnType<typeof readApplicationFile>, { rows: unknown }>).rows,
              read.hash,
              auditWho(request),
            );
      if ('issues' in result) return showImport(reply, roundId, which, values, result.issues.map(describeIssue), null);
      return showImport(reply, roundId, which, blank, [], writtenWords(which, result));
    });
}
