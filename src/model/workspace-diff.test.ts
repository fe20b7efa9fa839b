import { describe, expect, it } from 'vitest';
import { outsideTeam, summarizeChanges, workspaceChanges } from './workspace-diff.js';
import { ZWorkspace, type TWorkspace, type TWorkspaceInput } from './workspace-schema.js';

const BASE: TWorkspaceInput = {
  name: 'Acme',
  stages: ['Buy', 'Support'],
  teams: [
    { id: 'shop', name: 'Shop' },
    { id: 'care', name: 'Care' },
  ],
  touchpoints: [
    { id: 'order', name: 'Order', stage: 'Buy', channel: 'web', owner: 'shop' },
    { id: 'call', name: 'Call', stage: 'Support', channel: 'phone', owner: 'care' },
    { id: 'chat', name: 'Chat', stage: 'Support', channel: 'chat', owner: 'care' },
  ],
  contactReasons: [
    { id: 'delivery', name: 'Delivery', secondary: [{ id: 'late', name: 'Late' }] },
    { id: 'billing', name: 'Billing' },
  ],
  routing: [{ id: 'all', treatment: 'human' }],
};

const ws = (edit: (w: TWorkspaceInput) => TWorkspaceInput = (w) => w): TWorkspace =>
  ZWorkspace.parse(edit(structuredClone(BASE)));
const base = ws();

describe('workspaceChanges', () => {
  it('says nothing changed for equal models', () => {
    expect(workspaceChanges(base, ws())).toEqual([]);
    expect(summarizeChanges([])).toBe('no change to the model (comments or layout only)');
  });

  it('names added, changed, removed and reordered entities with the fields that changed', () => {
    const after = ws((w) => ({
      ...w,
      touchpoints: [
        { id: 'chat', name: 'Chat', stage: 'Support', channel: 'chat', owner: 'care' },
        {
          id: 'call',
          name: 'Phone call',
          stage: 'Support',
          channel: 'phone',
          owner: 'care',
          activities: ['call'],
        },
        { id: 'refund', name: 'Refund', stage: 'Support', channel: 'web', owner: 'shop' },
      ],
    }));
    expect(summarizeChanges(workspaceChanges(base, after))).toBe(
      'touchpoints: added refund; changed call (name; activities); removed order; reordered',
    );
  });

  it('describes a change inside the contact reason taxonomy', () => {
    const after = ws((w) => ({
      ...w,
      contactReasons: [
        {
          id: 'delivery',
          name: 'Delivery',
          secondary: [
            { id: 'late', name: 'Late' },
            { id: 'lost', name: 'Lost' },
          ],
        },
        { id: 'billing', name: 'Invoices' },
      ],
    }));
    expect(workspaceChanges(base, after)).toEqual([
      {
        section: 'contactReasons',
        text: 'contactReasons: changed delivery (secondary: added lost), billing (name)',
      },
    ]);
  });

  it('gives old and new values of settings, lists of values and plain fields', () => {
    const after = ws((w) => ({
      ...w,
      name: 'Acme Retail',
      stages: ['Support', 'Buy', 'Use'],
      friction: { repeatContact: { count: 4 } },
      settings: { timezone: 'Europe/Paris' },
    }));
    expect(workspaceChanges(base, after).map((c) => c.text)).toEqual([
      'name: "Acme" → "Acme Retail"',
      'settings.timezone: "UTC" → "Europe/Paris"',
      'stages: added Use; reordered',
      'friction.repeatContact.count: 3 → 4',
    ]);
  });
});

describe('outsideTeam', () => {
  it("lets a team member edit, add and remove their own team's touchpoints", () => {
    const after = ws((w) => ({
      ...w,
      touchpoints: [
        { id: 'order', name: 'Order', stage: 'Buy', channel: 'web', owner: 'shop' },
        { id: 'call', name: 'Call us', stage: 'Support', channel: 'phone', owner: 'care' },
        { id: 'callback', name: 'Callback', stage: 'Support', channel: 'phone', owner: 'care' },
      ],
    }));
    expect(outsideTeam(base, after, 'care')).toBeUndefined();
  });

  it("refuses another team's touchpoint, giving one away, and any other section", () => {
    const renamed = ws((w) => ({
      ...w,
      touchpoints: [
        { id: 'order', name: 'Checkout', stage: 'Buy', channel: 'web', owner: 'shop' },
        ...(w.touchpoints ?? []).slice(1),
      ],
    }));
    expect(outsideTeam(base, renamed, 'care')).toBe(
      'touchpoints: order belongs to team shop, not to team care',
    );
    const givenAway = ws((w) => ({
      ...w,
      touchpoints: (w.touchpoints ?? []).map((t) =>
        t.id === 'chat' ? { ...t, owner: 'shop' } : t,
      ),
    }));
    expect(outsideTeam(base, givenAway, 'care')).toMatch(
      /^touchpoints: chat would belong to team shop/,
    );
    const reasons = ws((w) => ({ ...w, contactReasons: [] }));
    expect(outsideTeam(base, reasons, 'care')).toMatch(/^contactReasons: only the CX team/);
    const moved = ws((w) => ({ ...w, touchpoints: [...(w.touchpoints ?? [])].reverse() }));
    expect(outsideTeam(base, moved, 'shop')).toBe(
      "touchpoints: the order of other teams' touchpoints must stay as it is",
    );
  });
});
