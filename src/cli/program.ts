import { admissionsCommand } from './commands/admissions.ts';
import { planningCommand } from './commands/planning.ts';
import { nccisCommand } from './commands/nccis.ts';
import { senCommand } from './commands/sen.ts';
import { ssda903Command } from './commands/ssda903.ts';
import { caseworkCommand } from './commands/casework.ts';
import { Command } from 'commander';
import { importCommand } from './commands/import.ts';
import { demoCommand } from './commands/demo.ts';
import { groupsCommand } from './commands/groups.ts';
import { batchesCommand } from './commands/batches.ts';
import { rollUpCommand } from './commands/roll-up.ts';
import { computeCommand } from './commands/compute.ts';
import { pupilsCommand } from './commands/pupils.ts';
import { reportCommand } from './commands/report.ts';
import { auditCommand } from './commands/audit.ts';
import { usersCommand } from './commands/users.ts';
import { sessionsCommand } from './commands/sessions.ts';
import { retentionCommand } from './commands/retention.ts';
import { subjectAccessCommand } from './commands/subject-access.ts';
import { readVersion } from '../version.ts';

/** `waymark`: arguments → service → summary and exit code. Its commands and their help, without parsing anything. */
export function waymarkProgram(): Command {
  const program = new Command()
    .name('waymark')
    .description(
      "Waymark: a local authority's education performance framework, from one store.\nUses DATABASE_URL when set, otherwise the embedded PostgreSQL in WAYMARK_DATA_DIR (default ./.waymark), database WAYMARK_DATABASE (default waymark).",
    )
    .version(readVersion().version)
    .showHelpAfterError();

  program.addCommand(importCommand());
  program.addCommand(demoCommand());
  program.addCommand(groupsCommand());
  program.addCommand(batchesCommand());
  program.addCommand(rollUpCommand());
  program.addCommand(pupilsCommand());
  program.addCommand(computeCommand());
  program.addCommand(reportCommand());
  program.addCommand(auditCommand());
  program.addCommand(usersCommand());
  program.addCommand(sessionsCommand());
  program.addCommand(retentionCommand());
  program.addCommand(subjectAccessCommand());
  program.addCommand(nccisCommand());
  program.addCommand(senCommand());
  program.addCommand(ssda903Command());
  program.addCommand(caseworkCommand());
  program.addCommand(admissionsCommand());
  program.addCommand(planningCommand());
  return program;
}
