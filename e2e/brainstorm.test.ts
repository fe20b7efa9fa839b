/**
 * A whole brainstorm in Chromium: the CX team opens a session for two teams; a member of each
 * team, in a browser context of their own, writes entries and sees the other team's entries
 * arrive live (their own marked "Yours", nobody else's); the CX team locks the board (the
 * teams' boards lock too, live), merges two duplicates, clusters entries into two
 * touchpoints, drags them into order as an ideal journey and saves it — and
 * journeylens.yaml holds the touchpoints with their entries and counts per team, and the
 * journey in that order.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addUser,
  demoAndBrowser,
  describeBrowser,
  screenshot,
  signedInPage,
  type TUser,
} from './harness.js';
import { BrainstormPage } from './pages/brainstorm-page.js';

type TWorkspace = {
  teams: { id: string; name: string }[];
  segments: { id: string; name: string }[];
  stages: string[];
  channels: string[];
};
type TFile = {
  touchpoints: {
    id: string;
    owner: string;
    origin?: { brainstorm: string; entries: string[]; teams: Record<string, number> };
  }[];
  idealJourneys: { id: string; segment: string; steps: { touchpoint: string }[] }[];
};

const PASSWORD = 'a brainstorm password of enough length';

describeBrowser('a brainstorm in Chromium', () => {
  const demo = demoAndBrowser(1000);

  /** A page of its own (closed with the browser) signed in as `user`, the admin by default. */
  async function signedIn(user?: TUser) {
    const { page, errors } = await signedInPage(demo, { user });
    return { page, errors, board: new BrainstormPage(page) };
  }

  it('runs a session from the first entry to an ideal journey in the model', async () => {
    const cx = await signedIn();
    const ws = (await cx.board.api<{ workspace: TWorkspace }>('/api/workspace')).workspace;
    const [teamA, teamB] = ws.teams;
    const segment = ws.segments[0];
    if (teamA === undefined || teamB === undefined || segment === undefined) {
      throw new Error('the demo needs two teams and a segment');
    }
    const annUser = await addUser(cx.page, {
      email: 'ann@a.example',
      password: PASSWORD,
      role: 'team',
      team: teamA.id,
    });
    const boUser = await addUser(cx.page, {
      email: 'bo@b.example',
      password: PASSWORD,
      role: 'team',
      team: teamB.id,
    });

    await cx.board.openList();
    const id = await cx.board.openSession({
      title: 'Every interaction',
      minutes: 30,
      teams: [teamA.name, teamB.name],
      segments: [segment.name],
    });
    expect(await cx.board.timer().innerText()).toMatch(/^(30:00|29:\d\d) left$/);

    const ann = await signedIn(annUser);
    const bo = await signedIn(boUser);
    await ann.board.openBoard(id, 'Every interaction');
    await bo.board.openBoard(id, 'Every interaction');

    // Live: what one team writes appears on the other's board, marked as theirs only.
    await ann.board.addEntry('Calls to ask where the parcel is', { channel: 'phone' });
    await bo.board.entry('Calls to ask where the parcel is').waitFor();
    expect(
      await ann.board.entry('Calls to ask where the parcel is').getByText('Yours').count(),
    ).toBe(1);
    expect(
      await bo.board.entry('Calls to ask where the parcel is').getByText('Yours').count(),
    ).toBe(0);
    await bo.board.addEntry('Checks the tracking page');
    await bo.board.addEntry('Phones about the late delivery', { channel: 'phone' });
    await ann.board.entry('Phones about the late delivery').waitFor();
    await cx.board.entry('Phones about the late delivery').waitFor();
    expect(await ann.board.texts()).toEqual([
      'Calls to ask where the parcel is',
      'Checks the tracking page',
      'Phones about the late delivery',
    ]);
    await screenshot(bo.page, 'brainstorm-board');

    // Lock: the teams' boards lock live, without the form to write.
    await cx.board.lock();
    await ann.page.getByRole('timer', { name: 'Time left' }).getByText('Time is up').waitFor();
    await bo.board.status().getByText('Locked').waitFor();
    expect(await bo.board.entryForm().count()).toBe(0);
    expect(await ann.page.getByLabel('Entries per team').innerText()).toMatch(
      new RegExp(`${teamB.id} 2 · ${teamA.id} 1`),
    );

    // Merge the two calls, cluster, and cluster the tracking page apart.
    await cx.board.select('Calls to ask where the parcel is');
    await cx.board.select('Phones about the late delivery');
    await cx.board.mergeSelected();
    await cx.page
      .getByRole('list', { name: 'Duplicates of entry 1' })
      .getByText('Phones about the late delivery')
      .waitFor();
    await cx.board.select('Calls to ask where the parcel is');
    await cx.board.cluster({
      name: 'Where is my parcel',
      stage: ws.stages[4] ?? ws.stages[0] ?? '',
      channel: 'phone',
      owner: teamA.name,
    });
    await cx.board.select('Checks the tracking page');
    await cx.board.cluster({
      name: 'Tracking page',
      stage: ws.stages[4] ?? ws.stages[0] ?? '',
      channel: 'web',
      owner: teamB.name,
    });
    expect(await cx.board.touchpoint('Where is my parcel').innerText()).toMatch(/2 entries/);

    // Order: add both, drag the second before the first, and save.
    await cx.board.addStep('Where is my parcel');
    await cx.board.addStep('Tracking page');
    expect(await cx.board.stepNames()).toEqual(['Where is my parcel', 'Tracking page']);
    await cx.board.dragStep('Tracking page', 'Where is my parcel');
    expect(await cx.board.stepNames()).toEqual(['Tracking page', 'Where is my parcel']);
    // The keyboard alternative: move down and back up.
    await cx.board.moveStep('Tracking page', 'down');
    expect(await cx.board.stepNames()).toEqual(['Where is my parcel', 'Tracking page']);
    await cx.board.moveStep('Tracking page', 'up');
    await cx.board.saveJourney('Find my parcel');
    await screenshot(cx.page, 'brainstorm-curate');

    const file = parse(await readFile(join(demo.server.dir, 'journeylens.yaml'), 'utf8')) as TFile;
    const where = file.touchpoints.find((t) => t.id === 'where-is-my-parcel');
    expect(where?.owner).toBe(teamA.id);
    expect(where?.origin?.brainstorm).toBe(id);
    expect(where?.origin?.entries.length).toBe(2);
    expect(where?.origin?.teams).toEqual({ [teamA.id]: 1, [teamB.id]: 1 });
    expect(file.touchpoints.find((t) => t.id === 'tracking-page')?.origin?.teams).toEqual({
      [teamB.id]: 1,
    });
    const journey = file.idealJourneys.find(
      (j) => j.segment === segment.id && j.id.includes('find-my-parcel'),
    );
    expect(journey?.steps.map((s) => s.touchpoint)).toEqual([
      'tracking-page',
      'where-is-my-parcel',
    ]);

    for (const who of [cx, ann, bo]) expect(who.errors).toEqual([]);
  }, 180_000);
});
