/**
 * The workspace model as the server keeps it. `journeylens.yaml` stays the source of truth —
 * the API and a person with a text editor both write it — and every version of it is kept in
 * the `workspace_versions` table with who saved it, when, and what changed.
 *
 * A save is checked against the version it was based on (optimistic concurrency), validated
 * like `journeylens validate`, merged into the file keeping its comments and layout
 * (workspace-update.ts), recorded with its audit entry, and written atomically (temp file,
 * fsync, rename) inside the same transaction: a crash leaves the old file or the new one,
 * never half of one. Saves run one at a time. A file changed outside the server becomes a
 * version of its own the next time the server looks at it; version 1 is the file as the
 * server first found it. Knows nothing of HTTP.
 */
import { readFile, stat } from 'node:fs/promises';
import { outsideTeam, summarizeChanges, workspaceChanges } from '../model/workspace-diff.js';
import type { TWorkspaceError } from '../model/workspace-errors.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { deepEqual, orderWorkspace, saveWorkspace } from '../model/workspace-save.js';
import { updateWorkspaceYaml } from '../model/workspace-update.js';
import { parseWorkspace, validateWorkspace, type TWorkspaceResult } from '../model/workspace.js';
import { sql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { writeFileAtomic } from './atomic-file.js';
import { audit } from './auth/accounts.js';
import { workspaceFile } from './workspace-files.js';

export type TVersionInfo = {
  version: number;
  savedAt: string;
  savedBy: string;
  summary: string | null;
};

/** The model now: the file's text, its version, and the model or the file's errors. */
export type TCurrentModel = TVersionInfo & { text: string; result: TWorkspaceResult };

/** What a save changes: the whole model (as data or as the file's text) or one part of it. */
export type TEdit =
  | { kind: 'model'; input: unknown }
  | { kind: 'yaml'; text: string }
  | {
      kind: 'part';
      /** What the part is, for messages: `contactReasons`, `touchpoint call`. */
      label: string;
      /** The part in a model; a concurrent save that left it alone is no conflict. */
      read: (ws: TWorkspace) => unknown;
      /** The whole model with the part replaced, as data to validate. */
      apply: (ws: TWorkspace) => unknown;
    };

export type TSaveRequest = {
  edit: TEdit;
  /** The version the editor started from: 0 when there was no file. */
  baseVersion: number;
  /** Who saves, as in the audit trail (`user:cx@example.com`). */
  actor: string;
  /** A team member's team: only that team's touchpoints may change. */
  team?: string | undefined;
  /** Through what, for the audit trail (`PUT /api/workspace`). */
  via: string;
};

export type TSaveResult =
  | { kind: 'saved'; info: TVersionInfo; changes: string[] }
  | { kind: 'unchanged'; info: TVersionInfo }
  | { kind: 'invalid'; errors: TWorkspaceError[] }
  | {
      kind: 'conflict';
      code: 'stale' | 'workspace_invalid' | 'no_workspace';
      current: number;
      message: string;
    }
  | { kind: 'not-your-team'; reason: string };

type TVersionRow = {
  version: number;
  saved_at: Date | string;
  saved_by: string;
  summary: string | null;
};

const info = (r: TVersionRow): TVersionInfo => ({
  version: r.version,
  savedAt: new Date(r.saved_at).toISOString(),
  savedBy: r.saved_by,
  summary: r.summary,
});

export const FIRST_VERSION_SUMMARY = 'the file as found when the server first started';
/** Who "saved" a version that was written outside the server. */
export const FILE_AUTHOR = 'file';

export class WorkspaceModel {
  private latest: (TVersionInfo & { text: string }) | undefined;
  /** The last text parsed and its result: most requests find the file unchanged. */
  private parsed: { text: string; result: TWorkspaceResult } | undefined;
  private loaded = false;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners: ((version: number) => void)[] = [];

  constructor(
    private readonly store: TStore,
    private readonly dir: string,
  ) {}

  get file(): string {
    return workspaceFile(this.dir);
  }

  /** Called after each new version (a save, or a file edited outside), with its number. */
  onVersion(fn: (version: number) => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The model now (recording a file edited outside as a new version); undefined: no file. */
  current(): Promise<TCurrentModel | undefined> {
    return this.locked(() => this.sync());
  }

  save(request: TSaveRequest): Promise<TSaveResult> {
    return this.locked(() => this.saveNow(request));
  }

  async versions(offset: number, limit: number): Promise<{ total: number; items: TVersionInfo[] }> {
    const [count] = await this.store.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM workspace_versions`,
    );
    const rows = await this.store.all<TVersionRow>(
      sql`SELECT version, saved_at, saved_by, summary FROM workspace_versions
        ORDER BY version DESC LIMIT ${limit} OFFSET ${offset}`,
    );
    return { total: count?.n ?? 0, items: rows.map(info) };
  }

  async version(n: number): Promise<(TVersionInfo & { text: string }) | undefined> {
    const [row] = await this.store.all<TVersionRow & { yaml: string }>(
      sql`SELECT version, saved_at, saved_by, summary, yaml FROM workspace_versions
        WHERE version = ${n}`,
    );
    return row === undefined ? undefined : { ...info(row), text: row.yaml };
  }

  /** Runs `fn` after every save or look queued before it. */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async loadLatest(): Promise<void> {
    if (this.loaded) return;
    const [row] = await this.store.all<TVersionRow & { yaml: string }>(
      sql`SELECT version, saved_at, saved_by, summary, yaml FROM workspace_versions
        ORDER BY version DESC LIMIT 1`,
    );
    this.latest = row === undefined ? undefined : { ...info(row), text: row.yaml };
    this.loaded = true;
  }

  private async readText(): Promise<string | undefined> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  private async sync(): Promise<TCurrentModel | undefined> {
    await this.loadLatest();
    const text = await this.readText();
    if (text === undefined) return undefined;
    if (this.parsed?.text !== text) this.parsed = { text, result: parseWorkspace(text) };
    const { result } = this.parsed;
    let latest = this.latest;
    if (latest?.text !== text) {
      const summary =
        latest === undefined
          ? FIRST_VERSION_SUMMARY
          : `changed outside the server: ${describeEdit(parseWorkspace(latest.text), result)}`;
      const saved = await this.record(text, FILE_AUTHOR, summary, async () => {
        if (latest !== undefined) {
          await audit(this.store, {
            actor: FILE_AUTHOR,
            action: 'workspace.external-edit',
            target: `version ${latest.version + 1}`,
            detail: { summary },
          });
        }
      });
      latest = { ...saved, text };
    }
    return { ...latest, result };
  }

  private async saveNow(request: TSaveRequest): Promise<TSaveResult> {
    const current = await this.sync();
    const version = current?.version ?? this.latest?.version ?? 0;
    const conflict = (code: 'stale' | 'workspace_invalid' | 'no_workspace', message: string) =>
      ({ kind: 'conflict', code, current: version, message }) as const;
    if (current === undefined && !(await isFolder(this.dir))) {
      return conflict('no_workspace', `${this.dir} is not a folder: there is nowhere to save`);
    }
    const now = current?.result.ok === true ? current.result.workspace : undefined;
    const { edit } = request;

    if (edit.kind === 'part') {
      if (now === undefined) {
        return conflict(
          current === undefined ? 'no_workspace' : 'workspace_invalid',
          current === undefined
            ? `there is no ${this.file} yet: save a whole model first (PUT /api/workspace)`
            : `${this.file} does not validate, so ${edit.label} cannot be edited on its own: fix the file (PUT /api/workspace with a whole model)`,
        );
      }
      if (request.baseVersion !== version) {
        const base = await this.version(request.baseVersion);
        const then = base === undefined ? undefined : parseWorkspace(base.text);
        if (then?.ok !== true || !deepEqual(edit.read(then.workspace), edit.read(now))) {
          return conflict(
            'stale',
            `${edit.label} changed since version ${request.baseVersion}: the model is at version ${version}; reload it and edit again`,
          );
        }
      }
    } else if (request.baseVersion !== version) {
      return conflict(
        'stale',
        `the model is at version ${version}, not ${request.baseVersion}: someone saved in between; reload it and edit again`,
      );
    }

    if (request.team !== undefined && now === undefined) {
      return {
        kind: 'not-your-team',
        reason: `${this.file} does not validate; only the CX team or an administrator may replace it`,
      };
    }

    let result: TWorkspaceResult;
    if (edit.kind === 'yaml') result = parseWorkspace(edit.text);
    else if (edit.kind === 'model') result = validateWorkspace(edit.input);
    else result = validateWorkspace(edit.apply(now as TWorkspace));
    if (!result.ok) return { kind: 'invalid', errors: result.errors };
    const next = result.workspace;

    if (request.team !== undefined && now !== undefined) {
      const reason = outsideTeam(now, next, request.team);
      if (reason !== undefined) return { kind: 'not-your-team', reason };
    }

    // A whole file sent as text is the author's own layout: kept as sent, except from a team
    // member, whose comments elsewhere in the file are not theirs to change. A model sent as
    // data is merged into the file, which keeps its comments wherever the model is unchanged.
    const text =
      edit.kind === 'yaml' && request.team === undefined
        ? edit.text
        : current === undefined
          ? saveWorkspace(next)
          : updateWorkspaceYaml(current.text, next);
    if (current !== undefined && text === current.text) {
      const { text: _t, result: _r, ...unchanged } = current;
      return { kind: 'unchanged', info: unchanged };
    }
    const found = now === undefined ? [] : workspaceChanges(now, next);
    const changes = found.map((c) => c.text);
    const summary =
      now !== undefined
        ? summarizeChanges(found)
        : current === undefined
          ? 'created the file'
          : 'replaced a file that did not validate';
    const saved = await this.record(text, request.actor, summary, async () => {
      await audit(this.store, {
        actor: request.actor,
        action: 'workspace.save',
        target: `version ${version + 1}`,
        detail: { baseVersion: request.baseVersion, via: request.via, summary, changes },
      });
      await writeFileAtomic(this.file, text);
    });
    // The file says `next` (updateWorkspaceYaml checks its output reads back as the model).
    this.parsed = { text, result: { ok: true, workspace: next } };
    return { kind: 'saved', info: saved, changes };
  }

  /**
   * Records `text` as the next version, with `also` (the audit entry, the file write) in the
   * same transaction: if writing the file fails, no version is recorded.
   */
  private async record(
    text: string,
    savedBy: string,
    summary: string,
    also: () => Promise<void>,
  ): Promise<TVersionInfo> {
    const saved: TVersionInfo = {
      version: (this.latest?.version ?? 0) + 1,
      savedAt: new Date().toISOString(),
      savedBy,
      summary,
    };
    await this.store.transaction(async () => {
      await this.store.exec(sql`INSERT INTO workspace_versions VALUES (${saved.version},
        CAST(${saved.savedAt} AS TIMESTAMPTZ), ${savedBy}, ${text}, ${summary})`);
      await also();
    });
    this.latest = { ...saved, text };
    for (const fn of [...this.listeners]) fn(saved.version);
    return saved;
  }
}

function describeEdit(before: TWorkspaceResult, after: TWorkspaceResult): string {
  if (!after.ok) {
    const n = after.errors.length;
    return `it does not validate (${n} error${n === 1 ? '' : 's'})`;
  }
  if (!before.ok) return 'the file validates again';
  return summarizeChanges(workspaceChanges(before.workspace, after.workspace));
}

async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The model as data with every key in schema order (what `GET /api/workspace` answers). */
export function modelData(ws: TWorkspace): Record<string, unknown> {
  return orderWorkspace(ws);
}

const models = new WeakMap<TStore, WorkspaceModel>();

/**
 * The one WorkspaceModel of a server (keyed by its store): the model routes save through it,
 * the analysis hears of each new version from it.
 */
export function workspaceModel(store: TStore, dir: string): WorkspaceModel {
  let model = models.get(store);
  if (model === undefined) {
    model = new WorkspaceModel(store, dir);
    models.set(store, model);
  }
  return model;
}
