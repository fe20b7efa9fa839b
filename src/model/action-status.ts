/**
 * The statuses of an improvement action (DESIGN.md §1 "action") and the moves between them:
 * domain rules shared by the service, which enforces them, and the web app, which offers only
 * the allowed moves. Pure.
 */
export const ACTION_STATUSES = ['proposed', 'planned', 'in progress', 'done', 'dropped'] as const;
export type TActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * The moves a status may make. Forward along the plan, back one step when plans change,
 * dropped from anywhere but done, and done or dropped reopened.
 */
export const STATUS_MOVES: Readonly<Record<TActionStatus, readonly TActionStatus[]>> = {
  proposed: ['planned', 'dropped'],
  planned: ['in progress', 'proposed', 'dropped'],
  'in progress': ['done', 'planned', 'dropped'],
  done: ['in progress'],
  dropped: ['proposed'],
};
