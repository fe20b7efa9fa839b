/**
 * The brainstorm board's pure parts: applying a live event to the entries, the countdown's
 * words, a touchpoint id from its name, moving a step of a journey, and grouping duplicates
 * under their original. No React, no fetch.
 */
import type { TBoardEvent, TEntry } from '../../../service/brainstorms/brainstorm-types.js';

/** The entries after one event of the board's stream (by order number). */
export function applyEvent(entries: readonly TEntry[], event: TBoardEvent): TEntry[] {
  switch (event.type) {
    case 'entry': {
      const rest = entries.filter((e) => e.id !== event.entry.id);
      return [...rest, event.entry].sort((a, b) => a.n - b.n);
    }
    case 'removed':
      return entries.filter((e) => e.id !== event.id);
    case 'merged': {
      const to = new Map(event.entries.map((m) => [m.id, m.duplicateOf]));
      return entries.map((e) => (to.has(e.id) ? { ...e, duplicateOf: to.get(e.id) ?? null } : e));
    }
    case 'locked':
      return entries.map((e) => ({ ...e, mine: false }));
  }
}

/** "12:05 left", "1:02:03 left", or "Time is up". */
export function timeLeft(endsAtMs: number, nowMs: number): string {
  const s = Math.ceil((endsAtMs - nowMs) / 1000);
  if (s <= 0) return 'Time is up';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec} left` : `${m}:${sec} left`;
}

/** A touchpoint id from its name: "Where is my parcel?" → "where-is-my-parcel". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `list` with the item at `from` moved to `to` (both clamped to the list). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  const at = Math.max(0, Math.min(out.length, to));
  if (item !== undefined) out.splice(at, 0, item);
  return out;
}

/** Originals in board order, each with its duplicates. */
export function groupDuplicates(
  entries: readonly TEntry[],
): { entry: TEntry; duplicates: TEntry[] }[] {
  const known = new Set(entries.map((e) => e.id));
  const groups = new Map<string, { entry: TEntry; duplicates: TEntry[] }>();
  for (const e of entries) {
    if (e.duplicateOf === null || !known.has(e.duplicateOf))
      groups.set(e.id, { entry: e, duplicates: [] });
  }
  for (const e of entries) {
    if (e.duplicateOf !== null) groups.get(e.duplicateOf)?.duplicates.push(e);
  }
  return [...groups.values()];
}
