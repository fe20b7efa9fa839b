/**
 * The stage scorecards as the screen shows them: each stage with the next one it converts to,
 * its figures, and the teams whose touchpoints make it up, largest share first, by name.
 * Pure: the figures are the analysis' (docs/analysis.md § Shared stage metrics).
 */
import type { TAnalysis } from '../../analysis-types.js';
import { percent } from '../../ui/format.js';

export type TStageScore = TAnalysis['stages'][number];

export type TScorecard = TStageScore & {
  /** The stage it converts to; null for the last. */
  next: string | null;
  teamShares: { team: string; name: string; steps: number; share: number }[];
};

export function scorecards(
  stages: readonly TStageScore[],
  teamNames: Readonly<Record<string, string>>,
): TScorecard[] {
  return stages.map((s, i) => ({
    ...s,
    next: stages[i + 1]?.stage ?? null,
    teamShares: s.teams
      .map((t) => ({ ...t, name: teamNames[t.team] ?? t.team }))
      .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name, 'en-US')),
  }));
}

/** The teams and their shares in one cell: "E-commerce 83.1%; Stores 16.9%". */
export function teamSharesText(card: TScorecard): string {
  return card.teamShares.map((t) => `${t.name} ${percent(t.share)}`).join('; ');
}

/** The stage an address names (`?stage=Purchase`), matched regardless of case. */
export function stageNamed(
  cards: readonly TScorecard[],
  name: string | undefined,
): TScorecard | undefined {
  if (name === undefined) return undefined;
  const wanted = name.trim().toLowerCase();
  return cards.find((c) => c.stage.toLowerCase() === wanted);
}
