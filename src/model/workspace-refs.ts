/**
 * Checks between sections of a workspace that no single schema can see: duplicate ids,
 * references to stages, channels, teams, segments, touchpoints and contact reasons, activity
 * names claimed twice, and rules that can never fire because an earlier one always wins.
 *
 * It reads the raw data defensively rather than a parsed TWorkspace, so it still runs when
 * the schema found errors elsewhere and the user sees every problem in one pass. Values of
 * the wrong type are skipped here: the schema already reports them.
 */
import { activityPatternProblem, splitActivityPattern } from './workspace-activities.js';
import { didYouMean, formatPath, type TIssue, type TPath } from './workspace-errors.js';
import { DEFAULT_CHANNELS, DEFAULT_STAGES } from './workspace-schema.js';

type TRaw = Record<string, unknown>;
type TItem = { value: TRaw; path: TPath };

const isRaw = (v: unknown): v is TRaw => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The object elements of a list section, with their paths. */
function items(v: unknown, path: TPath): TItem[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((value, i) => (isRaw(value) ? [{ value, path: [...path, i] }] : []));
}

/**
 * The ids of a list (reporting duplicates), or undefined when the list itself is malformed:
 * then references to it cannot be judged and are not reported.
 */
function idsOf(out: TIssue[], v: unknown, path: TPath, what: string): Set<string> | undefined {
  if (v === undefined) return new Set();
  if (!Array.isArray(v)) return undefined;
  return uniqueNames(
    out,
    items(v, path).map((it) => ({ name: it.value.id, path: [...it.path, 'id'] })),
    `${what} id`,
  );
}

function uniqueNames(
  out: TIssue[],
  entries: readonly { name: unknown; path: TPath }[],
  what: string,
): Set<string> {
  const first = new Map<string, TPath>();
  for (const { name, path } of entries) {
    if (typeof name !== 'string') continue;
    const seen = first.get(name);
    if (seen) {
      out.push({
        path,
        message: `duplicate ${what} ${JSON.stringify(name)} (first at ${formatPath(seen)})`,
      });
    } else {
      first.set(name, path);
    }
  }
  return new Set(first.keys());
}

/** A list of plain names (stages, channels); absent means the defaults. */
function namesOf(
  out: TIssue[],
  v: unknown,
  path: TPath,
  what: string,
  defaults: readonly string[],
): Set<string> | undefined {
  if (v === undefined) return new Set(defaults);
  if (!Array.isArray(v)) return undefined;
  const names = (v as unknown[]).map((name, i) => ({ name, path: [...path, i] }));
  return uniqueNames(out, names, what);
}

function checkRef(
  out: TIssue[],
  known: Set<string> | undefined,
  value: unknown,
  path: TPath,
  what: string,
  at: TIssue['at'] = 'value',
): void {
  if (known === undefined || typeof value !== 'string' || known.has(value)) return;
  out.push({
    path,
    at,
    message: `unknown ${what} ${JSON.stringify(value)}${didYouMean(value, known)}`,
  });
}

/** Every cross-reference problem of a (possibly invalid) workspace, in file order of sections. */
export function checkReferences(input: unknown): TIssue[] {
  const out: TIssue[] = [];
  const ws = isRaw(input) ? input : {};
  const stages = namesOf(out, ws.stages, ['stages'], 'stage', DEFAULT_STAGES);
  const channels = namesOf(out, ws.channels, ['channels'], 'channel', DEFAULT_CHANNELS);
  const teams = idsOf(out, ws.teams, ['teams'], 'team');
  const segments = idsOf(out, ws.segments, ['segments'], 'segment');
  const touchpoints = idsOf(out, ws.touchpoints, ['touchpoints'], 'touchpoint');
  idsOf(out, ws.idealJourneys, ['idealJourneys'], 'ideal journey');
  idsOf(out, ws.momentsOfTruth, ['momentsOfTruth'], 'moment of truth');
  idsOf(out, ws.routing, ['routing'], 'routing rule');
  const reasons = checkContactReasons(out, ws.contactReasons);

  checkSegmentOrder(out, items(ws.segments, ['segments']));
  for (const { value: tp, path } of items(ws.touchpoints, ['touchpoints'])) {
    checkRef(out, stages, tp.stage, [...path, 'stage'], 'stage');
    checkRef(out, channels, tp.channel, [...path, 'channel'], 'channel');
    checkRef(out, teams, tp.owner, [...path, 'owner'], 'team');
  }
  checkActivities(out, items(ws.touchpoints, ['touchpoints']));

  for (const { value: j, path } of items(ws.idealJourneys, ['idealJourneys'])) {
    checkRef(out, segments, j.segment, [...path, 'segment'], 'segment');
    for (const step of items(j.steps, [...path, 'steps'])) {
      checkRef(out, touchpoints, step.value.touchpoint, [...step.path, 'touchpoint'], 'touchpoint');
    }
  }

  for (const { value: mot, path } of items(ws.momentsOfTruth, ['momentsOfTruth'])) {
    if (!isRaw(mot.rule)) continue;
    const rule = mot.rule;
    const at = (...rest: (string | number)[]) => [...path, 'rule', ...rest];
    checkRef(out, touchpoints, rule.touchpoint, at('touchpoint'), 'touchpoint');
    checkRef(out, touchpoints, rule.after, at('after'), 'touchpoint');
    checkRef(out, stages, rule.stage, at('stage'), 'stage');
    checkRef(out, channels, rule.channel, at('channel'), 'channel');
    if (Array.isArray(rule.touchpoints)) {
      rule.touchpoints.forEach((t, i) =>
        checkRef(out, touchpoints, t, at('touchpoints', i), 'touchpoint'),
      );
    }
  }

  checkRouting(out, items(ws.routing, ['routing']), segments, reasons, channels);

  const friction = isRaw(ws.friction) ? ws.friction : {};
  for (const section of ['handoff', 'abandonment'] as const) {
    const detector = isRaw(friction[section]) ? friction[section] : {};
    if (Array.isArray(detector.stages)) {
      detector.stages.forEach((stage, i) =>
        checkRef(out, stages, stage, ['friction', section, 'stages', i], 'stage'),
      );
    }
  }
  if (Array.isArray(friction.contactTouchpoints)) {
    friction.contactTouchpoints.forEach((t, i) =>
      checkRef(out, touchpoints, t, ['friction', 'contactTouchpoints', i], 'touchpoint'),
    );
  }
  const wait = isRaw(friction.wait) ? friction.wait : {};
  const levels = items(wait.serviceLevels, ['friction', 'wait', 'serviceLevels']);
  for (const { value: sl, path } of levels) {
    for (const key of ['touchpoint', 'from', 'to'] as const) {
      checkRef(out, touchpoints, sl[key], [...path, key], 'touchpoint');
    }
  }
  uniqueNames(
    out,
    levels
      .filter((l) => l.value.touchpoint !== undefined)
      .map((l) => ({ name: l.value.touchpoint, path: [...l.path, 'touchpoint'] })),
    'service level for touchpoint',
  );
  uniqueNames(
    out,
    levels
      .filter((l) => l.value.from !== undefined && l.value.to !== undefined)
      .map((l) => ({
        name: `${String(l.value.from)} → ${String(l.value.to)}`,
        path: [...l.path, 'to'],
      })),
    'service level between',
  );

  const feedback = isRaw(ws.feedback) ? ws.feedback : {};
  uniqueNames(
    out,
    items(feedback.scales, ['feedback', 'scales']).map((x) => ({
      name: x.value.kind,
      path: [...x.path, 'kind'],
    })),
    'scale for kind',
  );

  const cost = isRaw(ws.costModel) ? ws.costModel : {};
  if (isRaw(cost.costToServe)) {
    for (const key of Object.keys(cost.costToServe)) {
      checkRef(out, channels, key, ['costModel', 'costToServe', key], 'channel', 'key');
    }
  }
  return out;
}

/** Reason ids per primary; duplicates reported. Undefined when the section is malformed. */
function checkContactReasons(out: TIssue[], v: unknown): Map<string, Set<string>> | undefined {
  const primaries = idsOf(out, v, ['contactReasons'], 'contact reason');
  if (primaries === undefined) return undefined;
  const reasons = new Map<string, Set<string>>();
  for (const { value: r, path } of items(v, ['contactReasons'])) {
    const secondary = idsOf(out, r.secondary, [...path, 'secondary'], 'secondary reason');
    if (typeof r.id === 'string' && !reasons.has(r.id)) reasons.set(r.id, secondary ?? new Set());
  }
  return reasons;
}

// Segments are tried in order; after a catch-all the rest are dead configuration.
function checkSegmentOrder(out: TIssue[], segments: readonly TItem[]): void {
  const catchAll = segments.find((s) => s.value.rule === undefined || s.value.rule === 'always');
  if (!catchAll) return;
  for (const s of segments.slice(segments.indexOf(catchAll) + 1)) {
    out.push({
      path: [...s.path, 'id'],
      message:
        `segment ${JSON.stringify(s.value.id)} never matches: segment ` +
        `${JSON.stringify(catchAll.value.id)} (${formatPath(catchAll.path)}) before it matches everyone`,
    });
  }
}

function checkActivities(out: TIssue[], touchpoints: readonly TItem[]): void {
  const claimed = new Map<string, { tp: unknown; path: TPath }>();
  for (const { value: tp, path: tpPath } of touchpoints) {
    if (!Array.isArray(tp.activities)) continue;
    tp.activities.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const path = [...tpPath, 'activities', i];
      const pattern = splitActivityPattern(entry);
      if (pattern) {
        const problem = activityPatternProblem(pattern.source, pattern.flags);
        if (problem) out.push({ path, message: `${problem} in ${JSON.stringify(entry)}` });
        return;
      }
      const first = claimed.get(entry);
      if (!first) {
        claimed.set(entry, { tp: tp.id, path });
        return;
      }
      // One raw activity must map to one touchpoint, or counts would depend on file order.
      out.push({
        path,
        message:
          first.tp === tp.id
            ? `activity ${JSON.stringify(entry)} is listed twice (first at ${formatPath(first.path)})`
            : `activity ${JSON.stringify(entry)} is already mapped to touchpoint ` +
              `${JSON.stringify(first.tp)} (${formatPath(first.path)})`,
      });
    });
  }
}

function checkRouting(
  out: TIssue[],
  rules: readonly TItem[],
  segments: Set<string> | undefined,
  reasons: Map<string, Set<string>> | undefined,
  channels: Set<string> | undefined,
): void {
  const whens = rules.map((r) => (isRaw(r.value.when) ? r.value.when : {}));
  rules.forEach(({ value: rule, path }, i) => {
    const when = whens[i] ?? {};
    const at = (key: string) => [...path, 'when', key];
    checkRef(out, segments, when.segment, at('segment'), 'segment');
    checkRef(out, channels, when.channel, at('channel'), 'channel');
    const reason = str(when.reason);
    if (reason !== undefined && reasons !== undefined) {
      const [primary = '', secondary, ...extra] = reason.split('/');
      if (extra.length > 0) {
        out.push({
          path: at('reason'),
          message: `expected "primary" or "primary/secondary", got ${JSON.stringify(reason)}`,
        });
      } else if (!reasons.has(primary)) {
        checkRef(out, new Set(reasons.keys()), primary, at('reason'), 'contact reason');
      } else if (secondary !== undefined) {
        const known = reasons.get(primary) ?? new Set<string>();
        if (!known.has(secondary)) {
          out.push({
            path: at('reason'),
            message:
              `unknown secondary reason ${JSON.stringify(secondary)} of ${JSON.stringify(primary)}` +
              didYouMean(secondary, known),
          });
        }
      }
    }
    // First match wins, so a rule whose conditions an earlier rule covers is never used.
    const earlier = whens.slice(0, i).findIndex((w) => covers(w, when));
    const shadow = earlier >= 0 ? rules[earlier] : undefined;
    if (shadow) {
      out.push({
        path: [...path, 'id'],
        message:
          `routing rule ${JSON.stringify(rule.id)} is never used: ${JSON.stringify(shadow.value.id)} ` +
          `(${formatPath(shadow.path)}) before it matches every contact this one does`,
      });
    }
  });
}

/** True when every contact matching `b` also matches `a`. */
function covers(a: TRaw, b: TRaw): boolean {
  const field = (k: string) => a[k] === undefined || a[k] === b[k];
  const ra = str(a.reason);
  const rb = str(b.reason);
  const reason =
    ra === undefined || ra === rb || (!ra.includes('/') && rb?.startsWith(`${ra}/`) === true);
  return field('segment') && field('channel') && reason;
}
