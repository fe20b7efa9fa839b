/**
 * Accounts: people (users with a role and a scrypt-hashed password) and machines (API tokens
 * with scopes, shown once and stored as a SHA-256 hash), and the sessions people log in to.
 * Secrets are never stored: a stolen store gives no password, session or token.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createAppSchema } from '../../query/app-schema.js';
import { sql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import { hashPassword, randomSecret, verifyPassword } from './passwords.js';
import { ROLES, SCOPES, type TPrincipal, type TRole, type TScope } from './roles.js';

export const ZNewUser = z.object({
  email: z.email({ error: 'must be an e-mail address' }).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).optional(),
  role: z.enum(ROLES),
  team: z.string().min(1).optional(),
  password: z.string().min(12, { error: 'must be at least 12 characters' }),
});
export type TNewUser = z.input<typeof ZNewUser>;

export class AccountError extends Error {
  override name = 'AccountError';
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function ensureAppSchema(store: TStore): Promise<void> {
  for (const statement of createAppSchema()) await store.exec(statement);
}

export type TUser = {
  id: string;
  email: string;
  name: string;
  role: TRole;
  team: string | null;
  disabled: boolean;
};

export async function addUser(store: TStore, input: TNewUser): Promise<TUser> {
  const parsed = ZNewUser.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AccountError(`${issue?.path.join('.') ?? 'user'}: ${issue?.message ?? 'invalid'}`);
  }
  const u = parsed.data;
  if (u.role === 'team' && u.team === undefined) {
    throw new AccountError('team: a team member needs the id of their team (--team)');
  }
  const [taken] = await store.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM users WHERE email = ${u.email}`,
  );
  if ((taken?.n ?? 0) > 0) throw new AccountError(`email: ${u.email} already has an account`);
  const user: TUser = {
    id: randomUUID(),
    email: u.email,
    name: u.name ?? u.email,
    role: u.role,
    team: u.team ?? null,
    disabled: false,
  };
  await store.exec(sql`INSERT INTO users VALUES (${user.id}, ${user.email}, ${user.name},
    ${user.role}, ${user.team}, ${await hashPassword(u.password)}, now(), false)`);
  return user;
}

export async function listUsers(store: TStore): Promise<TUser[]> {
  return store.all<TUser>(
    sql`SELECT id, email, name, role, team, disabled FROM users ORDER BY email`,
  );
}

/** The user with this e-mail and password, or undefined (the same for either mistake). */
export async function checkLogin(
  store: TStore,
  email: string,
  password: string,
): Promise<TUser | undefined> {
  const [row] = await store.all<TUser & { password_hash: string }>(
    sql`SELECT id, email, name, role, team, disabled, password_hash FROM users
      WHERE email = ${email.toLowerCase()}`,
  );
  // Hash even for an unknown e-mail, so the answer takes as long either way.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (row === undefined || !ok || row.disabled) return undefined;
  const { password_hash: _, ...user } = row;
  return user;
}

const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export const SESSION_HOURS = 12;

export type TSession = { token: string; csrf: string; expiresAt: Date };

export async function createSession(store: TStore, userId: string): Promise<TSession> {
  const token = randomSecret();
  const csrf = randomSecret(24);
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await store.exec(sql`INSERT INTO sessions VALUES (${sha256(token)}, ${userId}, ${csrf}, now(),
    CAST(${expiresAt.toISOString()} AS TIMESTAMPTZ))`);
  return { token, csrf, expiresAt };
}

export async function endSession(store: TStore, token: string): Promise<void> {
  await store.exec(sql`DELETE FROM sessions WHERE token_hash = ${sha256(token)}`);
}

export async function sessionPrincipal(
  store: TStore,
  token: string,
): Promise<TPrincipal | undefined> {
  const [row] = await store.all<TUser & { csrf: string }>(
    sql`SELECT u.id, u.email, u.name, u.role, u.team, u.disabled, s.csrf
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${sha256(token)} AND s.expires_at > now()`,
  );
  if (row === undefined || row.disabled) return undefined;
  return {
    kind: 'user',
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    team: row.team,
    csrf: row.csrf,
  };
}

export const TOKEN_PREFIX = 'jl_';

export type TApiToken = { id: string; name: string; scopes: TScope[]; revoked: boolean };

export async function createApiToken(
  store: TStore,
  input: { name: string; scopes: readonly string[]; createdBy: string },
): Promise<{ token: string; record: TApiToken }> {
  const unknown = input.scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (input.scopes.length === 0 || unknown.length > 0) {
    throw new AccountError(
      `scopes: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}; ` : ''}choose from ${SCOPES.join(', ')}`,
    );
  }
  if (input.name.trim() === '') throw new AccountError('name: a token needs a name');
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  const record: TApiToken = {
    id: randomUUID(),
    name: input.name.trim(),
    scopes: [...new Set(input.scopes)] as TScope[],
    revoked: false,
  };
  await store.exec(sql`INSERT INTO api_tokens VALUES (${record.id}, ${record.name},
    ${sha256(token)}, ${record.scopes.join(',')}, ${input.createdBy}, now(), NULL)`);
  return { token, record };
}

export async function revokeApiToken(store: TStore, id: string): Promise<boolean> {
  return (
    (await store.exec(
      sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${id} AND revoked_at IS NULL`,
    )) > 0
  );
}

export async function listApiTokens(store: TStore): Promise<TApiToken[]> {
  const rows = await store.all<{ id: string; name: string; scopes: string; revoked: boolean }>(
    sql`SELECT id, name, scopes, revoked_at IS NOT NULL AS revoked FROM api_tokens ORDER BY name`,
  );
  return rows.map((r) => ({ ...r, scopes: r.scopes.split(',') as TScope[] }));
}

export async function tokenPrincipal(
  store: TStore,
  token: string,
): Promise<TPrincipal | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await store.all<{ id: string; name: string; scopes: string }>(
    sql`SELECT id, name, scopes FROM api_tokens
      WHERE token_hash = ${sha256(token)} AND revoked_at IS NULL`,
  );
  if (row === undefined) return undefined;
  return { kind: 'token', id: row.id, name: row.name, scopes: row.scopes.split(',') as TScope[] };
}

/** Records a change: who, when (now), what. */
export async function audit(
  store: TStore,
  entry: { actor: string; action: string; target?: string; detail?: unknown },
): Promise<void> {
  await store.exec(sql`INSERT INTO audit_log (happened_at, actor, action, target, detail)
    VALUES (now(), ${entry.actor}, ${entry.action}, ${entry.target ?? null},
      ${entry.detail === undefined ? null : JSON.stringify(entry.detail)})`);
}
