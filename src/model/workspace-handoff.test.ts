import { expect, it } from 'vitest';
import { starterWorkspaceYaml } from './starter.js';
import { formatWorkspaceError } from './workspace-errors.js';
import { parseWorkspace } from './workspace.js';

it('checks that hand-off stages exist', () => {
  const yaml = starterWorkspaceYaml('Acme').replace(
    'handoff: { pingPongMin: 3 }',
    'handoff: { pingPongMin: 3, stages: [Support, "Suport"] }',
  );
  const result = parseWorkspace(yaml);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.map((e) => formatWorkspaceError(e))).toEqual([
    expect.stringMatching(/friction\.handoff\.stages\[1\]: unknown stage "Suport"/),
  ]);
});
