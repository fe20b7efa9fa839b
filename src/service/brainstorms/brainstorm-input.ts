/**
 * What a caller sends to open a brainstorm and to write an entry, validated at the edge with
 * zod; checks against the workspace model (known teams, segments, stages, channels) follow in
 * `checkAgainstModel`, with errors that name the field.
 */
import { z } from 'zod';
import type { TWorkspace } from '../../model/workspace-schema.js';

const ZText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

export const ZNewBrainstorm = z
  .strictObject({
    title: ZText(200),
    prompt: z.string().trim().max(2000, { error: 'must be at most 2000 characters' }).default(''),
    teams: z.array(ZText(100)).min(1, { error: 'invite at least one team' }),
    segments: z.array(ZText(100)).default(() => []),
    durationMinutes: z
      .number()
      .int({ error: 'must be a whole number of minutes' })
      .min(1, { error: 'must be at least 1 minute' })
      .max(7 * 24 * 60, { error: 'must be at most a week (10080 minutes)' })
      .optional(),
    endsAt: z.iso
      .datetime({ offset: true, error: 'must be a date-time such as 2026-03-01T10:30:00Z' })
      .optional(),
  })
  .refine((b) => (b.durationMinutes === undefined) !== (b.endsAt === undefined), {
    error: 'give either durationMinutes or endsAt, not both and not neither',
    path: ['durationMinutes'],
  });
export type TNewBrainstorm = z.infer<typeof ZNewBrainstorm>;

const ZOptionalName = z
  .string()
  .trim()
  .max(100, { error: 'must be at most 100 characters' })
  .nullable()
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const ZEntryInput = z.strictObject({
  text: ZText(1000),
  channel: ZOptionalName,
  stage: ZOptionalName,
});
export type TEntryInput = z.infer<typeof ZEntryInput>;

export type TFieldError = { path: string; message: string };

/** Which names of a new brainstorm the model does not know. */
export function checkBrainstormAgainstModel(
  b: TNewBrainstorm,
  ws: TWorkspace | undefined,
): TFieldError[] {
  if (ws === undefined) return [];
  const errors: TFieldError[] = [];
  const teams = new Set(ws.teams.map((t) => t.id as string));
  const segments = new Set(ws.segments.map((s) => s.id as string));
  b.teams.forEach((t, i) => {
    if (!teams.has(t)) {
      errors.push({
        path: `teams.${i}`,
        message: `unknown team "${t}" (known: ${[...teams].join(', ')})`,
      });
    }
  });
  b.segments.forEach((s, i) => {
    if (!segments.has(s)) {
      errors.push({
        path: `segments.${i}`,
        message: `unknown segment "${s}" (known: ${[...segments].join(', ')})`,
      });
    }
  });
  return errors;
}

/** Which of an entry's stage and channel the model does not know. */
export function checkEntryAgainstModel(e: TEntryInput, ws: TWorkspace | undefined): TFieldError[] {
  if (ws === undefined) return [];
  const errors: TFieldError[] = [];
  if (e.stage !== null && !ws.stages.includes(e.stage)) {
    errors.push({
      path: 'stage',
      message: `unknown stage "${e.stage}" (known: ${ws.stages.join(', ')})`,
    });
  }
  if (e.channel !== null && !ws.channels.includes(e.channel)) {
    errors.push({
      path: 'channel',
      message: `unknown channel "${e.channel}" (known: ${ws.channels.join(', ')})`,
    });
  }
  return errors;
}
