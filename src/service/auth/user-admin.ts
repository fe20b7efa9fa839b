/**
 * Managing people from the API: change a person's name, role or team, disable or enable
 * them (a disabled person's sessions end at once), and read the audit trail. The last enabled
 * administrator can be neither demoted nor disabled, so the server always keeps someone who
 * can manage it.
 */
import { sql, type TSql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import { AccountError, type TUser } from './accounts.js';
import type { TRole } from './roles.js';

export type TUserChange = {
  name?: string | undefined;
  role?: TRole | undefined;
  /** The team of a team member; null clears it (for a role that has none). */
  team?: string | null | undefined;
  disabled?: boolean | undefined;
};

/** Refused because it would leave the server without an enabled administrator. */
export class LastAdminError extends AccountError {
  override name = 'LastAdminError';
}

export async function getUser(store: TStore, id: string): Promise<TUser | undefined> {
  const [user] = await store.all<TUser>(
    sql`SELECT id, email, name, role, team, disabled FROM users WHERE id = ${id}`,
  );
  return user;
}

/**
 * Applies `change` to the person `id`; undefined when there is no such person. A team member
 * needs a team; disabling ends every session of theirs.
 */
export async function changeUser(
  store: TStore,
  id: string,
  change: TUserChange,
): Promise<{ before: TUser; after: TUser } | undefined> {
  return store.transaction(async () => {
    const before = await getUser(store, id);
    if (before === undefined) return undefined;
    const role = change.role ?? before.role;
    const after: TUser = {
      ...before,
      name: change.name ?? before.name,
      role,
      team: change.team === undefined ? (role === 'team' ? before.team : null) : change.team,
      disabled: change.disabled ?? before.disabled,
    };
    if (after.role === 'team' && (after.team === null || after.team === '')) {
      throw new AccountError('team: a team member needs the id of their team');
    }
    const wasAdmin = before.role === 'admin' && !before.disabled;
    const isAdmin = after.role === 'admin' && !after.disabled;
    if (wasAdmin && !isAdmin) {
      const [row] = await store.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> ${id}`,
      );
      if ((row?.n ?? 0) === 0) {
        throw new LastAdminError(
          `${before.email} is the last enabled administrator: make someone else an administrator first`,
        );
      }
    }
    await store.exec(sql`UPDATE users SET name = ${after.name}, role = ${after.role},
      team = ${after.team}, disabled = ${after.disabled} WHERE id = ${id}`);
    if (after.disabled) await store.exec(sql`DELETE FROM sessions WHERE user_id = ${id}`);
    return { before, after };
  });
}

export type TAuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
};

export type TAuditQuery = {
  actor?: string | undefined;
  action?: string | undefined;
  offset: number;
  limit: number;
};

/** The audit trail, newest first; `actor` and `action` must match exactly. */
export async function listAudit(
  store: TStore,
  q: TAuditQuery,
): Promise<{ total: number; items: TAuditEntry[] }> {
  const conditions: TSql[] = [sql`true`];
  if (q.actor !== undefined) conditions.push(sql`actor = ${q.actor}`);
  if (q.action !== undefined) conditions.push(sql`action = ${q.action}`);
  const where = conditions.reduce((all, c) => sql`${all} AND ${c}`);
  const [count] = await store.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM audit_log WHERE ${where}`,
  );
  const rows = await store.all<{
    id: number;
    at: Date | string;
    actor: string;
    action: string;
    target: string | null;
    detail: string | null;
  }>(
    sql`SELECT id, happened_at AS at, actor, action, target, CAST(detail AS VARCHAR) AS detail
      FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      ...r,
      at: new Date(r.at).toISOString(),
      detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
    })),
  };
}
