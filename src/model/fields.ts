/**
 * The canonical fields of the three data kinds (DESIGN.md §2 "Storage"). Import maps source
 * columns onto these names; the store keeps them as typed columns and everything else as
 * free attributes.
 */

export const DATA_KINDS = ['events', 'customers', 'feedback'] as const;
export type TDataKind = (typeof DATA_KINDS)[number];

export type TFieldType = 'text' | 'timestamp' | 'number';

export type TFieldSpec = {
  name: string;
  type: TFieldType;
  required: boolean;
  /** Column names that map onto this field without an explicit mapping (compared case-insensitively). */
  aliases: readonly string[];
  help: string;
};

const customer: TFieldSpec = {
  name: 'customer',
  type: 'text',
  required: true,
  aliases: ['customer', 'customer_id', 'customerid', 'client_id', 'user_id', 'userid'],
  help: 'who the customer is',
};
const timestamp: TFieldSpec = {
  name: 'timestamp',
  type: 'timestamp',
  required: true,
  aliases: ['timestamp', 'time:timestamp', 'time', 'ts', 'datetime', 'date', 'event_time'],
  help: 'when it happened (ISO 8601 with or without offset, date-only, or --timestamp-format)',
};

export const FIELDS: Record<TDataKind, readonly TFieldSpec[]> = {
  events: [
    customer,
    {
      name: 'case',
      type: 'text',
      required: false,
      aliases: ['case', 'case_id', 'caseid', 'case:concept:name', 'case_concept_name'],
      help: 'journey instance id (process mining: case); if absent, journeys split by inactivity gap',
    },
    {
      name: 'activity',
      type: 'text',
      required: true,
      aliases: ['activity', 'concept:name', 'activity_name', 'event', 'event_name'],
      help: 'what happened; mapped to a touchpoint by the workspace',
    },
    timestamp,
    {
      name: 'channel',
      type: 'text',
      required: false,
      aliases: ['channel'],
      help: 'web, app, phone, ...',
    },
    {
      name: 'outcome',
      type: 'text',
      required: false,
      aliases: ['outcome', 'status_outcome'],
      help: 'ok, failed or abandoned',
    },
    {
      name: 'duration',
      type: 'number',
      required: false,
      aliases: ['duration', 'duration_s', 'duration_seconds'],
      help: 'seconds the interaction took',
    },
    {
      name: 'wait',
      type: 'number',
      required: false,
      aliases: ['wait', 'wait_s', 'wait_seconds'],
      help: 'seconds the customer waited',
    },
    { name: 'cost', type: 'number', required: false, aliases: ['cost'], help: 'cost to serve' },
    {
      name: 'reason',
      type: 'text',
      required: false,
      aliases: ['reason', 'contact_reason'],
      help: 'contact reason, "primary/secondary"',
    },
    {
      name: 'event_id',
      type: 'text',
      required: false,
      aliases: ['event_id', 'id', 'eventid'],
      help: "the source system's id of the event; an event whose id is stored already is a duplicate and is not stored again",
    },
  ],
  customers: [customer],
  feedback: [
    customer,
    timestamp,
    {
      name: 'kind',
      type: 'text',
      required: true,
      aliases: ['kind', 'survey', 'survey_type', 'metric'],
      help: 'csat (1-5), nps (0-10), ces (1-7) or a custom name',
    },
    {
      name: 'score',
      type: 'number',
      required: true,
      aliases: ['score', 'rating'],
      help: 'the answer',
    },
    {
      name: 'verbatim',
      type: 'text',
      required: false,
      aliases: ['verbatim', 'comment', 'text'],
      help: 'free-text comment',
    },
    {
      name: 'touchpoint',
      type: 'text',
      required: false,
      aliases: ['touchpoint'],
      help: 'touchpoint id the response is about',
    },
    {
      name: 'stage',
      type: 'text',
      required: false,
      aliases: ['stage'],
      help: 'stage the response is about',
    },
    {
      name: 'case',
      type: 'text',
      required: false,
      aliases: ['case', 'case_id'],
      help: 'journey instance the response is about',
    },
    {
      name: 'language',
      type: 'text',
      required: false,
      aliases: ['language', 'lang', 'locale'],
      help: 'language of the verbatim, e.g. en or nl',
    },
  ],
};
