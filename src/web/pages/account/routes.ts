import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { apiTokenRules } from '../../../domain/access/api-token-rules.ts';
import { grantInForce } from '../../../domain/access/decide-access.ts';
import { roles } from '../../../domain/access/roles.ts';
import { BadRequestError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/create-services.ts';
import { maxTokenNameLength } from '../../../services/access/token-service.ts';

const signedIn = { config: { access: 'signed-in' } } as const;

/** A field's error as GOV.UK shows it: in the error summary (linking to the field) and above the field. */
export type FieldError = Readonly<{ field: string; text: string }>;

const tokenForm = z.object({ name: z.string().max(1000).default(''), days: z.string().max(20).default('') });
const codeForm = z.object({ code: z.string().max(100).default('') });
const passwordForm = z.object({ password: z.string().max(2000).default('') });
const tokenParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

/** Errors as the templates take them: the error summary's list, and each field's own message by field id. */
export function errorsShown(errors: readonly FieldError[]) {
  return {
    errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
  };
}

/** The banners shown after a change that redirects back here (?done=…). */
const doneMessages: Readonly<Record<string, string>> = {
  'token-revoked': 'The token is revoked: it no longer works.',
  'totp-on': 'Two-step verification is on: you will be asked for a code each time you sign in.',
  'totp-off': 'Two-step verification is off: you sign in with your password alone.',
};

/** A time as the pages show it: day and minute, in UTC (said so). */
export function when(time: Date): string {
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The secret shown in groups of four characters, as people type it into an authenticator app. */
function inGroupsOfFour(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(' ');
}

/** The otpauth address drawn as an inline SVG QR code (no script, no image request). */
async function qrCodeSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
  return svg.replace('<svg ', '<svg role="img" aria-label="QR code for your authenticator app" width="200" height="200" focusable="false" ');
}

/**
 * "Your account": who is signed in, the roles they hold, two-step verification (set up with a QR code, turned off
 * with the password), and personal API tokens (made, shown once, revoked).
 */
export function accountRoutes(app: FastifyInstance, services: Services): void {
  const showAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Readonly<{
      errors?: readonly FieldError[];
      values?: Readonly<Record<string, string>>;
      newToken?: Readonly<{ name: string; secret: string; expiresAt: Date }>;
    }> = {},
  ) => {
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
    const account = await services.accounts.user(principal.username);
    const tokens = (await services.tokens.list(principal.userId)).map((t) => ({
      id: t.id,
      name: t.name,
      created: when(t.createdAt),
      expires: when(t.expiresAt),
      lastUsed: t.lastUsedAt === null ? 'Never' : when(t.lastUsedAt),
      status: t.status,
    }));
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    void reply.header('cache-control', 'no-store');
    return reply.view('pages/account/view.njk', {
      title: 'Your account',
      principal,
      grants,
      totp: account.totp,
      tokens,
      ...errorsShown(extra.errors ?? []),
      values: { name: '', days: String(apiTokenRules.defaultDays), ...extra.values },
      newToken: extra.newToken === undefined ? null : { ...extra.newToken, expires: when(extra.newToken.expiresAt) },
      done: typeof done === 'string' ? (doneMessages[done] ?? null) : null,
      maxDays: apiTokenRules.maxDays,
    });
  };

  app.get('/account', signedIn, async (request, reply) => showAccount(request, reply));

  // The secret is in this answer alone: it is not stored, not logged, and the page is not cached (Cache-Control: no-store).
  app.post('/account/tokens', signedIn, async (request, reply) => {
    const values = tokenForm.parse(request.body ?? {});
    const errors: FieldError[] = [];
    const name = values.name.trim();
    if (name === '') errors.push({ field: 'token-name', text: 'Enter a name for the token, such as what will use it' });
    else if (name.length > maxTokenNameLength) errors.push({ field: 'token-name', text: `The name must be ${maxTokenNameLength} characters or fewer` });
    const days = /^\s*\d{1,4}\s*$/.test(values.days) ? Number(values.days) : Number.NaN;
    if (!(days >= 1 && days <= apiTokenRules.maxDays))
      errors.push({ field: 'token-days', text: `Enter how many days the token lasts, a whole number from 1 to ${apiTokenRules.maxDays}` });
    if (errors.length > 0) return showAccount(request, reply.code(400), { errors, values });
    const made = await services.tokens.create(request.principal!.userId, { name, days });
    return showAccount(request, reply.code(201), { newToken: { name, secret: made.secret, expiresAt: made.expiresAt } });
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', signedIn, async (request, reply) => {
    const { id } = tokenParams.parse(request.params);
    await services.tokens.revoke(request.principal!.userId, id);
    return reply.redirect('/account?done=token-revoked', 303);
  });

  const showTwoStep = async (request: FastifyRequest, reply: FastifyReply, error: string | null) => {
    const { secret, uri } = await services.twoStep.start(request.principal!.userId);
    void reply.header('cache-control', 'no-store');
    return reply.view('pages/account/two-step.njk', {
      title: 'Set up two-step verification',
      secretGroups: inGroupsOfFour(secret),
      qrCode: await qrCodeSvg(uri),
      error,
      breadcrumbs: [{ text: 'Your account', href: '/account' }],
    });
  };

  app.get('/account/two-step', signedIn, async (request, reply) => {
    try {
      return await showTwoStep(request, reply, null);
    } catch (error) {
      // Already on: the account page says so, with the way to turn it off.
      if (error instanceof BadRequestError) return reply.redirect('/account', 303);
      throw error;
    }
  });

  app.post('/account/two-step', signedIn, async (request, reply) => {
    const { code } = codeForm.parse(request.body ?? {});
    if (await services.twoStep.confirm(request.principal!.userId, code)) return reply.redirect('/account?done=totp-on', 303);
    return showTwoStep(request, reply.code(400), 'Enter the 6-digit code your authenticator app shows now for Waymark');
  });

  app.post('/account/two-step/off', signedIn, async (request, reply) => {
    const { password } = passwordForm.parse(request.body ?? {});
    const outcome = await services.twoStep.turnOff(request.principal!.userId, password);
    if (outcome === 'ok') return reply.redirect('/account?done=totp-off', 303);
    const text =
      outcome === 'locked'
        ? 'Your account is locked after too many wrong passwords: try again in 15 minutes'
        : 'Enter your password correctly to turn two-step verification off';
    return showAccount(request, reply.code(400), { errors: [{ field: 'totp-password', text }] });
  });
}
