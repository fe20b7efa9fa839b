/**
 * The answers of the brainstorm API, as types only: the web app reads them without loading
 * the service, which holds Node code. No type here has a field for an entry's author or its
 * team: an entry is anonymous, and teams appear only as counts once the session is locked.
 */

export type TBrainstormStatus = 'open' | 'locked';

export type TBrainstormInfo = {
  id: string;
  title: string;
  prompt: string;
  /** Invited teams (workspace team ids). */
  teams: string[];
  /** The segments whose ideal journeys the session orders. */
  segments: string[];
  startsAt: string;
  endsAt: string;
  status: TBrainstormStatus;
  /** Who opened it (the CX team member), as in the audit trail. */
  createdBy: string;
  entries: number;
};

/** One entry as every reader sees it; `mine` is true only in the answers to its author. */
export type TEntry = {
  id: string;
  /** Its order on the board: 1, 2, ... */
  n: number;
  text: string;
  channel: string | null;
  stage: string | null;
  /** Merged into this entry as a duplicate (after the lock). */
  duplicateOf: string | null;
  mine: boolean;
};

export type TTeamCount = { team: string; entries: number };

/** A touchpoint of the model that came out of this session. */
export type TClusterTouchpoint = {
  id: string;
  name: string;
  stage: string;
  channel: string;
  owner: string;
  entries: string[];
  teams: Record<string, number>;
};

export type TJourneyDraft = { id: string; name: string; segment: string; steps: string[] };

export type TBoard = {
  brainstorm: TBrainstormInfo;
  entries: TEntry[];
  /** Entries per team of the authors: null while the session is open. */
  teamCounts: TTeamCount[] | null;
  /** Whether the caller may add entries now. */
  canWrite: boolean;
  /** Whether the caller may cluster and order (the CX team). */
  canCurate: boolean;
  /** The model's version, to send back with clustering and ordering edits. */
  modelVersion: number;
  touchpoints: TClusterTouchpoint[];
  /** The model's ideal journeys of the session's segments. */
  journeys: TJourneyDraft[];
  /** What the model offers for the entry and cluster forms. */
  model: {
    stages: string[];
    channels: string[];
    teams: { id: string; name: string }[];
    segments: { id: string; name: string }[];
    /** Every touchpoint of the model, for adding steps to a journey. */
    touchpoints: { id: string; name: string }[];
  };
};

/** What the board's event stream sends (event `entry`, `removed`, `locked`, `merged`). */
export type TBoardEvent =
  | { type: 'entry'; entry: TEntry; change: 'added' | 'changed' }
  | { type: 'removed'; id: string }
  | { type: 'merged'; entries: { id: string; duplicateOf: string | null }[] }
  | { type: 'locked'; endsAt: string };
