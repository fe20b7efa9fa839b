/** The friction section's cross-references: stages, contact touchpoints and service levels. */
import { expect, it } from 'vitest';
import { starterWorkspaceYaml } from './starter.js';
import { formatWorkspaceError } from './workspace-errors.js';
import { parseWorkspace } from './workspace.js';

/** The errors of the starter workspace with each [text, replacement] applied. */
function errors(...edits: [string, string][]): string[] {
  let yaml = starterWorkspaceYaml('Acme');
  for (const [text, by] of edits) {
    expect(yaml).toContain(text);
    yaml = yaml.replace(text, by);
  }
  const result = parseWorkspace(yaml);
  return result.ok ? [] : result.errors.map((e) => formatWorkspaceError(e));
}

it('checks that hand-off stages exist', () => {
  expect(
    errors([
      'handoff: { pingPongMin: 3 }',
      'handoff: { pingPongMin: 3, stages: [Support, "Suport"] }',
    ]),
  ).toEqual([expect.stringMatching(/friction\.handoff\.stages\[1\]: unknown stage "Suport"/)]);
});

it('checks that abandonment stages exist', () => {
  expect(
    errors(['stages: [Awareness, Interest, Intent] }', 'stages: [Awareness, Intrest] }']),
  ).toEqual([expect.stringMatching(/friction\.abandonment\.stages\[1\]: unknown stage "Intrest"/)]);
});

it('checks contact touchpoints and both ends of a service level between two touchpoints', () => {
  expect(
    errors(
      ['friction:\n  repeatContact', 'friction:\n  contactTouchpoints: [nope]\n  repeatContact'],
      [
        '      - { touchpoint: support-call, seconds: 120 }\n',
        '      - { touchpoint: support-call, seconds: 120 }\n      - { from: a, to: b, seconds: 60 }\n',
      ],
    ),
  ).toEqual([
    expect.stringMatching(/friction\.contactTouchpoints\[0\]: unknown touchpoint "nope"/),
    expect.stringMatching(/friction\.wait\.serviceLevels\[1\]\.from: unknown touchpoint "a"/),
    expect.stringMatching(/friction\.wait\.serviceLevels\[1\]\.to: unknown touchpoint "b"/),
  ]);
});

it('refuses a span of days the engine cannot count in microseconds', () => {
  expect(
    errors([
      'repeatContact: { count: 3, withinDays: 30, sameReason: false }',
      'repeatContact: { count: 3, withinDays: 1e12, sameReason: false }',
    ]),
  ).toEqual([
    expect.stringMatching(/friction\.repeatContact\.withinDays: must be at most 36,500 days/),
  ]);
});
