import type { Action } from './roles.ts';

/**
 * What a route needs, declared where it is registered: open to all (`public`), any signed-in user (`signed-in`), or an
 * action (on the place the route resolves, for a place action). A route that declares nothing stops the app starting.
 */
export type RouteAccess = 'public' | 'signed-in' | Readonly<{ action: Action }>;

export const publicAccess = { access: 'public' } as const satisfies Readonly<{ access: RouteAccess }>;
