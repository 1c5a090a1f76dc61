import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { childQueryOf } from '../../services/casework/subject-access.ts';
import { withServices } from '../open-services.ts';

/** `waymark subject-access --upn … | --name … --dob … --out FILE`: everything the casework teams hold on one child, as JSON. */
export function subjectAccessCommand(): Command {
  return new Command('subject-access')
    .description(
      'Answer a subject access request (UK GDPR article 15): everything every casework team holds on one child, found by UPN or by name and date of birth, written as JSON to FILE. The request is recorded in the audit trail (never the child’s name).',
    )
    .option('--upn <UPN>', 'the child’s unique pupil number (13 characters)')
    .option('--name <NAME>', 'the child’s first and last names, e.g. "Amy Example" (with --dob)')
    .option('--dob <YYYY-MM-DD>', 'the child’s date of birth (with --name)')
    .requiredOption('--out <FILE>', 'where to write the JSON')
    .action(async (options: { upn?: string; name?: string; dob?: string; out: string }) => {
      const words = (options.name ?? '').trim().split(/\s+/).filter(Boolean);
      const checked = childQueryOf({
        upn: options.upn ?? '',
        givenName: words.slice(0, -1).join(' '),
        familyName: words.at(-1) ?? '',
        dateOfBirth: options.dob ?? '',
      });
      if ('problems' in checked) {
        console.error(`waymark subject-access: ${checked.problems.map((p) => p.text).join('; ')} (give --upn, or --name "First Last" and --dob)`);
        process.exitCode = 2;
        return;
      }
      const answer = await withServices((services) => services.casework.subjectAccess(checked.query));
      await writeFile(options.out, `${JSON.stringify(answer, null, 2)}\n`, { mode: 0o600 });
      console.log(`wrote ${path.resolve(options.out)}: ${answer.records} record${answer.records === 1 ? '' : 's'} held`);
    });
}
