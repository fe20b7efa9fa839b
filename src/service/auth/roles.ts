/**
 * Who may do what. People have one role — admin, cx (the CX team), team (a member of the
 * team that owns some touchpoints), viewer — and machines an API token with scopes. A route
 * names the roles and scopes it admits; admin is admitted wherever any role is.
 */
export const ROLES = ['admin', 'cx', 'team', 'viewer'] as const;
export type TRole = (typeof ROLES)[number];

export const SCOPES = ['ingest', 'route', 'read'] as const;
export type TScope = (typeof SCOPES)[number];

export type TPrincipal =
  | {
      kind: 'user';
      id: string;
      email: string;
      name: string;
      role: TRole;
      team: string | null;
      csrf: string;
    }
  | { kind: 'token'; id: string; name: string; scopes: readonly TScope[] };

/** Who a route admits; an empty list admits nobody of that kind. */
export type TAccess = { roles: readonly TRole[]; scopes: readonly TScope[] };

export function admits(access: TAccess, principal: TPrincipal): boolean {
  if (principal.kind === 'token') return principal.scopes.some((s) => access.scopes.includes(s));
  if (access.roles.length === 0) return false;
  return principal.role === 'admin' || access.roles.includes(principal.role);
}

/** Who the principal is, in words, for logs and the audit trail. */
export function describePrincipal(principal: TPrincipal): string {
  return principal.kind === 'user' ? `user:${principal.email}` : `token:${principal.name}`;
}
