import { Command } from 'commander';
import { roleNames } from '../../domain/access/roles.ts';
import { grantFromText, minimumPasswordLength } from '../../services/account-service.ts';
import { withServices } from '../open-services.ts';
import { readPassword } from '../read-password.ts';

const roleHelp = `role, as ROLE (LA-wide) or ROLE:KIND:CODE (on a place), e.g. la_admin, la_officer:la:886, lead:district:E07000113, school:school:900001; roles: ${roleNames.join(', ')}`;

/** Local accounts: `waymark users add|list|disable|reset|totp`. Passwords come from a prompt or --password-stdin, never argv. */
export function usersCommand(): Command {
  const users = new Command('users').description('Local accounts for signing in (for installs without single sign-on), and the roles they hold on places.');
  users
    .command('add')
    .description(
      `Add a user with one or more roles. The password (at least ${minimumPasswordLength} characters) is asked for, or read from standard input's first line with --password-stdin.`,
    )
    .argument('<username>', 'lower-case letters, digits, dots, dashes or underscores')
    .requiredOption('--name <display name>', 'the name shown when they are signed in')
    .option('--role <role...>', roleHelp, [])
    .option('--totp', 'enrol a TOTP authenticator at once and print its secret and otpauth URI (shown this once)')
    .option('--password-stdin', "read the password from standard input's first line")
    .action(async (username: string, options: { name: string; role: string[]; totp?: boolean; passwordStdin?: boolean }) => {
      const grants = options.role.map(grantFromText);
      const password = await readPassword(options.passwordStdin === true);
      const totp = await withServices(async (services) => {
        await services.accounts.add({ username, displayName: options.name, password, grants });
        return options.totp === true ? services.accounts.enrolTotp(username) : null;
      });
      console.log(`added ${username} (${grants.map((g) => g.role).join(', ') || 'no role yet'})`);
      if (totp !== null) console.log(`TOTP secret: ${totp.secret}\n${totp.uri}`);
    });
  users
    .command('list')
    .description('List users: username, roles and places, whether disabled, locked or enrolled for TOTP.')
    .action(async () => {
      const list = await withServices((services) => services.accounts.list());
      for (const u of list) {
        const grants = u.grants.map((g) => (g.placeCode === null ? g.role : `${g.role}:${g.placeKind}:${g.placeCode}`)).join(' ');
        const flags = [u.disabled ? 'disabled' : null, u.locked ? 'locked' : null, u.totp ? 'totp' : null].filter((f) => f !== null);
        console.log(`${u.username}\t${grants || '-'}\t${flags.join(',') || '-'}`);
      }
      if (list.length === 0) console.log('no users yet');
    });
  users
    .command('disable')
    .description('Disable a user: they can no longer sign in, and their sessions end at once.')
    .argument('<username>')
    .action(async (username: string) => {
      await withServices((services) => services.accounts.disable(username));
      console.log(`disabled ${username}; their sessions are ended`);
    });
  users
    .command('reset')
    .description('Give a user a new password (asked for, or --password-stdin): it clears a lock-out, re-enables the account and ends its sessions.')
    .argument('<username>')
    .option('--password-stdin', "read the password from standard input's first line")
    .action(async (username: string, options: { passwordStdin?: boolean }) => {
      const password = await readPassword(options.passwordStdin === true);
      await withServices((services) => services.accounts.resetPassword(username, password));
      console.log(`reset the password of ${username}; their sessions are ended`);
    });
  users
    .command('totp')
    .description("Enrol (or re-enrol) a user's TOTP authenticator: prints the secret and otpauth URI once.")
    .argument('<username>')
    .action(async (username: string) => {
      const totp = await withServices((services) => services.accounts.enrolTotp(username));
      console.log(`TOTP secret: ${totp.secret}\n${totp.uri}`);
    });
  return users;
}
