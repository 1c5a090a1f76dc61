import { Command } from 'commander';
import { roleNames } from '../../domain/access/roles.ts';
import { BadRequestError } from '../../domain/errors.ts';
import { grantFromText } from '../../domain/access/grant-text.ts';
import { minimumPasswordLength } from '../../domain/access/account-rules.ts';
import { withServices } from '../open-services.ts';
import { readPassword } from '../read-password.ts';

const roleHelp = `role, as ROLE (LA-wide) or ROLE:KIND:CODE (on a place), e.g. la_admin, la_officer:la:886, lead:district:E07000113, school:school:900001; roles: ${roleNames.join(', ')}`;

/** Accounts: `waymark users add|list|disable|reset|totp`. Passwords come from a prompt or --password-stdin, never argv; --sso accounts have none. */
export function usersCommand(): Command {
  const users = new Command('users').description(
    'Accounts for signing in (with a password, or through the OpenID provider with --sso), and the roles they hold on places.',
  );
  users
    .command('add')
    .description(
      `Add a user with one or more roles. The password (at least ${minimumPasswordLength} characters) is asked for, or read from standard input's first line with --password-stdin; with --sso the user has no password and signs in through the organisation's OpenID provider, matched on first sign-in by --email.`,
    )
    .argument('<username>', 'lower-case letters, digits, dots, dashes or underscores')
    .requiredOption('--name <display name>', 'the name shown when they are signed in')
    .option('--email <address>', 'their e-mail address: their first single sign-on is linked to this account when the provider says it is theirs (verified)')
    .option('--sso', 'sign in only through the OpenID provider (WAYMARK_OIDC_*): no password; needs --email')
    .option('--role <role...>', roleHelp, [])
    .option('--totp', 'enrol a TOTP authenticator at once and print its secret and otpauth URI (shown this once)')
    .option('--password-stdin', "read the password from standard input's first line")
    .action(async (username: string, options: { name: string; email?: string; sso?: boolean; role: string[]; totp?: boolean; passwordStdin?: boolean }) => {
      const grants = options.role.map(grantFromText);
      const sso = options.sso === true;
      if (sso && (options.passwordStdin === true || options.totp === true))
        throw new BadRequestError('--sso adds a user with no password: leave out --password-stdin and --totp (the provider does any second factor)');
      if (sso && options.email === undefined) throw new BadRequestError('--sso needs --email: their first sign-in through the provider is matched by it');
      const password = sso ? null : await readPassword(options.passwordStdin === true);
      const totp = await withServices(async (services) => {
        await services.accounts.add({ username, displayName: options.name, password, email: options.email ?? null, grants });
        return options.totp === true ? services.accounts.enrolTotp(username) : null;
      });
      console.log(`added ${username} (${grants.map((g) => g.role).join(', ') || 'no role yet'})${sso ? ', signing in through the OpenID provider only' : ''}`);
      if (totp !== null) console.log(`TOTP secret: ${totp.secret}\n${totp.uri}`);
    });
  users
    .command('list')
    .description(
      'List users: username, e-mail address, roles and places, and flags: disabled, locked, totp, sso-only (no password), linked (signed in through the OpenID provider).',
    )
    .action(async () => {
      const list = await withServices((services) => services.accounts.list());
      for (const u of list) {
        const grants = u.grants.map((g) => (g.placeCode === null ? g.role : `${g.role}:${g.placeKind}:${g.placeCode}`)).join(' ');
        const flags = [
          u.disabled ? 'disabled' : null,
          u.locked ? 'locked' : null,
          u.totp ? 'totp' : null,
          u.ssoOnly ? 'sso-only' : null,
          u.linked ? 'linked' : null,
        ];
        console.log(`${u.username}\t${u.email ?? '-'}\t${grants || '-'}\t${flags.filter((f) => f !== null).join(',') || '-'}`);
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
