import { isMap, isScalar, parseDocument } from 'yaml';
import { describe, expect, test } from 'vitest';
import { starterWorkspaceYaml } from './starter.js';
import { parseWorkspace } from './workspace.js';
import { formatWorkspaceError } from './workspace-errors.js';
import { ZWorkspace } from './workspace-schema.js';

describe('starterWorkspaceYaml', () => {
  test('loads without a single error', () => {
    const r = parseWorkspace(starterWorkspaceYaml());
    expect(r.ok ? [] : r.errors.map((e) => formatWorkspaceError(e))).toEqual([]);
  });

  test('has every section, each with an example', () => {
    const raw = parseDocument(starterWorkspaceYaml()).toJS() as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(
      Object.keys(ZWorkspace.shape)
        .filter((k) => k !== 'description')
        .sort(),
    );
    for (const [key, value] of Object.entries(raw)) {
      if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0);
    }
  });

  test('explains every section after the name with a comment', () => {
    const doc = parseDocument(starterWorkspaceYaml());
    if (!isMap(doc.contents)) throw new Error('not a mapping');
    const uncommented = doc.contents.items
      .filter((p) => isScalar(p.key) && !['version', 'name'].includes(String(p.key.value)))
      .filter((p) => !(p.key as { commentBefore?: string | null }).commentBefore)
      .map((p) => String(p.key));
    expect(uncommented).toEqual([]);
  });

  test('takes the company name, quoted when YAML needs it', () => {
    const r = parseWorkspace(starterWorkspaceYaml('Acme: Retail & "Co"'));
    expect(r.ok && r.workspace.name).toBe('Acme: Retail & "Co"');
    expect(starterWorkspaceYaml('Acme')).toContain('\nname: Acme\n');
    const plain = parseWorkspace(starterWorkspaceYaml());
    expect(plain.ok && plain.workspace.name).toBe('My company');
  });

  test('shows the catch-all segment the right way: rule always, last', () => {
    const r = parseWorkspace(starterWorkspaceYaml());
    if (!r.ok) throw new Error('starter invalid');
    expect(r.workspace.segments.at(-1)?.rule).toBe('always');
  });
});
