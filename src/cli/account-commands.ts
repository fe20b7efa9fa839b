/**
 * `journeylens user add|list` and `journeylens token add|list|revoke`: the accounts of a
 * workspace's server, managed from the command line (the first administrator comes from here).
 * Passwords are read from standard input, never from an argument (shell history, `ps`).
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import {
  AccountError,
  addUser,
  audit,
  createApiToken,
  ensureAppSchema,
  listApiTokens,
  listUsers,
  revokeApiToken,
} from '../service/auth/accounts.js';
import { ROLES, SCOPES } from '../service/auth/roles.js';
import { openStore } from '../service/workspace-store.js';
import type { TStore } from '../store/store.js';
import { UsageError } from './errors.js';

async function withAccounts<T>(dir: string, fn: (store: TStore) => Promise<T>): Promise<T> {
  const store = await openStore(dir);
  try {
    await ensureAppSchema(store);
    return await fn(store);
  } catch (e) {
    if (e instanceof AccountError) throw new UsageError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}

/** The password: the first line of standard input, or typed at a prompt that does not echo. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const pending = rl.question('Password (12 characters or more): ');
    muted = true;
    const password = await pending;
    process.stdout.write('\n');
    return password;
  } finally {
    rl.close();
  }
}

export function accountCommands(program: Command): void {
  const user = program.command('user').description('people who use the server');
  user
    .command('add')
    .description('add a person (the first administrator comes from here)')
    .requiredOption('--email <address>', 'their e-mail, used to sign in')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--team <id>', 'the team of a team member (role team)')
    .option('--name <name>', 'their name as shown (default: the e-mail)')
    .option('--password-stdin', 'read the password from standard input')
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .action(
      async (flags: {
        email: string;
        role: string;
        team?: string;
        name?: string;
        passwordStdin?: boolean;
        workspace: string;
      }) => {
        if (!(ROLES as readonly string[]).includes(flags.role)) {
          throw new UsageError(`--role ${flags.role}: choose one of ${ROLES.join(', ')}`);
        }
        const password = await readPassword(flags.passwordStdin === true);
        const added = await withAccounts(flags.workspace, async (store) => {
          const u = await addUser(store, {
            email: flags.email,
            role: flags.role as (typeof ROLES)[number],
            password,
            ...(flags.team === undefined ? {} : { team: flags.team }),
            ...(flags.name === undefined ? {} : { name: flags.name }),
          });
          await audit(store, {
            actor: 'cli',
            action: 'user.add',
            target: u.email,
            detail: { role: u.role },
          });
          return u;
        });
        process.stdout.write(
          `added ${added.email} as ${added.role}${added.team ? ` of ${added.team}` : ''}\n`,
        );
      },
    );
  user
    .command('list')
    .description('list the people who may sign in')
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .action(async (flags: { workspace: string }) => {
      const users = await withAccounts(flags.workspace, listUsers);
      for (const u of users) {
        process.stdout.write(
          `${u.email}\t${u.role}${u.team ? `\t${u.team}` : ''}${u.disabled ? '\tdisabled' : ''}\n`,
        );
      }
    });

  const token = program.command('token').description('API tokens for machines (CRM, IVR, web)');
  token
    .command('add')
    .description('create an API token; it is shown once')
    .requiredOption('--name <name>', 'what uses it, e.g. crm')
    .requiredOption('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`)
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .action(async (flags: { name: string; scopes: string; workspace: string }) => {
      const scopes = flags.scopes
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const created = await withAccounts(flags.workspace, async (store) => {
        const t = await createApiToken(store, { name: flags.name, scopes, createdBy: 'cli' });
        await audit(store, {
          actor: 'cli',
          action: 'token.add',
          target: t.record.name,
          detail: { scopes: t.record.scopes },
        });
        return t;
      });
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(
        `token ${created.record.name} (${created.record.scopes.join(', ')}), id ${created.record.id}: keep it now, it is not shown again\n`,
      );
    });
  token
    .command('list')
    .description('list API tokens (never the secrets)')
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .action(async (flags: { workspace: string }) => {
      for (const t of await withAccounts(flags.workspace, listApiTokens)) {
        process.stdout.write(
          `${t.id}\t${t.name}\t${t.scopes.join(',')}${t.revoked ? '\trevoked' : ''}\n`,
        );
      }
    });
  token
    .command('revoke')
    .description('revoke an API token by id')
    .argument('<id>', 'the token id (journeylens token list)')
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .action(async (id: string, flags: { workspace: string }) => {
      const done = await withAccounts(flags.workspace, async (store) => {
        const revoked = await revokeApiToken(store, id);
        if (revoked) await audit(store, { actor: 'cli', action: 'token.revoke', target: id });
        return revoked;
      });
      if (!done) throw new UsageError(`token ${id}: no such active token`);
      process.stdout.write(`revoked ${id}\n`);
    });
}
