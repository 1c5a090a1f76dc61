import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { grantInForce, type RoleGrant } from '../../../domain/access/decide-access.ts';
import { isRoleName, roleNames, roles } from '../../../domain/access/roles.ts';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import { kindLabels, type PlaceKind } from '../../../domain/geography/place.ts';
import { minimumPasswordLength } from '../../../domain/access/account-rules.ts';
import type { NewGrant } from '../../../domain/access/grant-text.ts';
import type { Services } from '../../../services/create-services.ts';
import { errorsShown, when, type FieldError } from '../account/routes.ts';

const manageUsers = { config: { access: { action: 'manage-users' } } } as const;

const text = (max: number) => z.string().max(max).default('');
const grantFields = { role: text(40), placeKind: text(40), placeCode: text(40) };
const addForm = z.object({ username: text(200), displayName: text(1000), password: text(2000), ...grantFields });
const grantForm = z.object(grantFields);
const passwordForm = z.object({ password: text(2000) });
const userParams = z.object({ username: z.string().max(64) });
const grantParams = z.object({
  username: z.string().max(64),
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

const placeKinds = Object.keys(kindLabels) as PlaceKind[];
const isPlaceKind = (value: string): value is PlaceKind => Object.hasOwn(kindLabels, value);

const roleItems = (selected: string) => [
  { value: '', text: 'Choose a role', selected: selected === '' },
  ...roleNames.map((r) => ({
    value: r,
    text: `${roles[r].label}${roles[r].scope === 'la-wide' ? ' (LA-wide, no place)' : ' (on a place)'}`,
    selected: selected === r,
  })),
];
const placeKindItems = (selected: string) => [
  { value: '', text: 'No place (LA-wide role)', selected: selected === '' },
  ...placeKinds.map((k) => ({ value: k, text: kindLabels[k], selected: selected === k })),
];

/** The banners shown after a change (?done=…). */
const doneMessages: Readonly<Record<string, string>> = {
  added: 'The user is added: give them their username and initial password by a safe route.',
  granted: 'The role is granted from today.',
  'grant-ended': 'The role is ended: it gave its last access yesterday. It stays in the list as history.',
  disabled: 'The account is disabled: its sessions are ended and its API tokens no longer work.',
  enabled: 'The account is enabled again.',
  'password-reset': 'The password is reset: the account is unlocked and enabled, and its sessions are ended. Its API tokens still work.',
  'totp-cleared': 'Two-step verification is turned off for this user: they sign in with their password alone until they set it up again.',
};
const doneOf = (request: FastifyRequest) => {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' ? (doneMessages[done] ?? null) : null;
};

/** The grant a role and place form asks for, or the errors to show by its fields. */
function grantOf(values: Readonly<{ role: string; placeKind: string; placeCode: string }>, validFrom: string | null): NewGrant | FieldError[] {
  const errors: FieldError[] = [];
  if (!isRoleName(values.role)) return [{ field: 'role', text: 'Choose a role' }];
  const definition = roles[values.role];
  const kind = values.placeKind.trim();
  const code = values.placeCode.trim();
  if (definition.scope === 'la-wide') {
    if (kind !== '' || code !== '') errors.push({ field: 'place-kind', text: `${definition.label} is an LA-wide role: leave the place empty` });
    return errors.length > 0 ? errors : { role: values.role, place: null, validFrom };
  }
  if (!isPlaceKind(kind)) errors.push({ field: 'place-kind', text: `${definition.label} is granted on a place: choose what kind of place` });
  if (code === '') errors.push({ field: 'place-code', text: 'Enter the place’s code, for example a URN, a DfE LA code or an ONS district code' });
  return errors.length > 0 ? errors : { role: values.role, place: { kind: kind as PlaceKind, code }, validFrom };
}

/** A refusal from the account service, put by the field it is about. */
function fieldErrorOf(error: unknown, fallbackField: string): FieldError | null {
  if (error instanceof NotFoundError && error.message.startsWith('no place'))
    return { field: 'place-code', text: `There is no such place: ${error.message.slice('no place '.length)}` };
  if (error instanceof BadRequestError) {
    const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    if (/username/.test(error.message) || /already a user/.test(error.message)) return { field: 'username', text: message };
    if (/display name/.test(error.message)) return { field: 'display-name', text: message };
    if (/password/.test(error.message)) return { field: 'password', text: message };
    if (/place/.test(error.message)) return { field: 'place-kind', text: message };
    return { field: fallbackField, text: message };
  }
  return null;
}

/**
 * User administration for LA administrators (issue 14.7): the users with their roles, adding a user, and one user's
 * page to grant and end roles, disable or enable the account, reset its password and turn off its two-step
 * verification. Every change is audited with the signed-in administrator as its actor.
 */
export function userAdminRoutes(app: FastifyInstance, services: Services): void {
  const breadcrumbs = [{ text: 'Users', href: '/admin/users' }];

  app.get('/admin/users', manageUsers, async (request, reply) => {
    const today = services.sessions.today();
    const users = (await services.accounts.list()).map((u) => ({
      ...u,
      grants: u.grants.map((g) => ({ ...g, label: roles[g.role].label, inForce: grantInForce(g, today) })),
    }));
    return reply.view('pages/admin-users/list.njk', { title: 'Users', section: 'users', users, done: doneOf(request) });
  });

  const showNew = (reply: FastifyReply, values: z.output<typeof addForm>, errors: readonly FieldError[]) =>
    reply.view('pages/admin-users/new.njk', {
      title: 'Add a user',
      section: 'users',
      breadcrumbs,
      values,
      ...errorsShown(errors),
      roleItems: roleItems(values.role),
      placeKindItems: placeKindItems(values.placeKind),
      minimumPasswordLength,
    });

  app.get('/admin/users/new', manageUsers, async (_request, reply) =>
    showNew(reply, { username: '', displayName: '', password: '', role: '', placeKind: '', placeCode: '' }, []),
  );

  app.post('/admin/users', manageUsers, async (request, reply) => {
    const values = addForm.parse(request.body ?? {});
    const errors: FieldError[] = [];
    const username = values.username.trim();
    if (username === '') errors.push({ field: 'username', text: 'Enter a username' });
    if (values.displayName.trim() === '') errors.push({ field: 'display-name', text: 'Enter the person’s name' });
    if (values.password.length < minimumPasswordLength)
      errors.push({ field: 'password', text: `Enter an initial password of at least ${minimumPasswordLength} characters` });
    // A user may be added with no role (they see what the public sees) until one is granted.
    const grant = values.role === '' && values.placeKind === '' && values.placeCode.trim() === '' ? null : grantOf(values, services.sessions.today());
    if (Array.isArray(grant)) errors.push(...grant);
    if (errors.length > 0) return showNew(reply.code(400), { ...values, password: '' }, errors);
    try {
      await services.accounts.add(
        { username, displayName: values.displayName, password: values.password, grants: grant === null ? [] : [grant as NewGrant] },
        request.principal!.userId,
      );
    } catch (error) {
      const shown = fieldErrorOf(error, 'username');
      if (shown === null) throw error;
      return showNew(reply.code(400), { ...values, password: '' }, [shown]);
    }
    return reply.redirect(`/admin/users/${encodeURIComponent(username)}?done=added`, 303);
  });

  const showUser = async (
    request: FastifyRequest,
    reply: FastifyReply,
    username: string,
    errors: readonly FieldError[] = [],
    values: Record<string, string> = {},
  ) => {
    const user = await services.accounts.user(username);
    const today = services.sessions.today();
    return reply.view('pages/admin-users/user.njk', {
      title: user.displayName,
      section: 'users',
      breadcrumbs,
      user: { ...user, created: when(user.createdAt), lockedUntil: user.lockedUntil === null ? null : when(user.lockedUntil) },
      grants: user.grants.map((g) => ({ ...g, label: roles[g.role].label, inForce: grantInForce(g, today), ended: g.validTo !== null && g.validTo < today })),
      self: user.id === request.principal!.userId,
      done: doneOf(request),
      ...errorsShown(errors),
      roleItems: roleItems(values.role ?? ''),
      placeKindItems: placeKindItems(values.placeKind ?? ''),
      values: { placeCode: values.placeCode ?? '' },
      minimumPasswordLength,
    });
  };

  app.get<{ Params: { username: string } }>('/admin/users/:username', manageUsers, async (request, reply) => {
    const { username } = userParams.parse(request.params);
    return showUser(request, reply, username);
  });

  app.post<{ Params: { username: string } }>('/admin/users/:username/grants', manageUsers, async (request, reply) => {
    const { username } = userParams.parse(request.params);
    const values = grantForm.parse(request.body ?? {});
    const grant = grantOf(values, services.sessions.today());
    if (Array.isArray(grant)) return showUser(request, reply.code(400), username, grant, values);
    try {
      await services.accounts.grant(username, grant, request.principal!.userId);
    } catch (error) {
      const shown = error instanceof NotFoundError && !error.message.startsWith('no place') ? null : fieldErrorOf(error, 'role');
      if (shown === null) throw error;
      return showUser(request, reply.code(400), username, [shown], values);
    }
    return reply.redirect(`/admin/users/${encodeURIComponent(username)}?done=granted`, 303);
  });

  app.post<{ Params: { username: string; id: string } }>('/admin/users/:username/grants/:id/end', manageUsers, async (request, reply) => {
    const { username, id } = grantParams.parse(request.params);
    const principal = request.principal!;
    // An administrator does not end the last role that lets them administer: another administrator must.
    if (username === principal.username) {
      const today = services.sessions.today();
      const administers = (g: RoleGrant) => g.role === 'la_admin' && g.placeId === null && grantInForce(g, today);
      const ending = (await services.sessions.grantsShown(principal.userId)).find((g) => g.id === id);
      if (ending !== undefined && administers(ending) && principal.grants.filter(administers).length <= 1)
        throw new BadRequestError('You cannot end your own last administrator role: ask another administrator.');
    }
    await services.accounts.endGrant(username, id, principal.userId);
    return reply.redirect(`/admin/users/${encodeURIComponent(username)}?done=grant-ended`, 303);
  });

  app.post<{ Params: { username: string } }>('/admin/users/:username/disable', manageUsers, async (request, reply) => {
    const { username } = userParams.parse(request.params);
    if (username === request.principal!.username) throw new BadRequestError('You cannot disable your own account: ask another administrator.');
    await services.accounts.disable(username, request.principal!.userId);
    return reply.redirect(`/admin/users/${encodeURIComponent(username)}?done=disabled`, 303);
  });

  app.post<{ Params: { username: string } }>('/admin/users/:username/enable', manageUsers, async (request, reply) => {
    const { username } = userParams.parse(request.params);
    await services.accounts.enable(username, request.principal!.userId);
    return reply.redirect(`/admin/users/${encodeURIComponent(username)}?done=enabled`, 303);
  });

  app.post<{ Params: { username: string } }>('/admin/users/:username/password', manageUsers, async (request, reply) => {
    const { username } = userParams.parse(request.params);
    const { password } = passwordForm.parse(request.body ?? {});
    if (password.length < minimumPasswordLength)
      return showUser(request, reply.code(400), username, [
        { field: 'password', text: `Enter a new password of at least ${minimumPasswordLength} characters` },
      ]);
    try {
      await services.accounts.resetPassword(username, password, request.principal!.userId);
    } catch (error) {
      const shown = error instanceof BadRequestError ? fieldErrorOf(error, 'password') : null;
      if (shown === null) throw error;
      return showUser(request, reply.code(400), username, [shown]);
    }
    return reply.redirect(`/admin/users/${encodeURIComponent(username)}?done=password-reset`, 303);
  });

  app.post<{ Params: { username: string } }>('/admin/users/:username/totp/clear', manageUsers, async (request, reply) => {
    const { username } = userParams.parse(request.params);
    await services.twoStep.clear(username, request.principal!.userId);
    return reply.redirect(`/admin/users/${encodeURIComponent(username)}?done=totp-cleared`, 303);
  });
}
