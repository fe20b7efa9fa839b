/**
 * Stage scorecards: one card per stage of the customer's experience, shared by every team
 * whose touchpoints make it up — customers entering, conversion to the next stage, time in
 * stage, friction rate, and each team's share of the stage's steps. A table of the same
 * figures below exports as CSV.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { TPage, TSummary } from '../../analysis-types.js';
import { useQueryParam } from '../../router.js';
import { DataTable, numberColumn, type TColumn } from '../../ui/DataTable.js';
import { count, duration, percent } from '../../ui/format.js';
import { Async, Empty } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import {
  scorecards,
  stageNamed,
  teamSharesText,
  type TScorecard,
  type TStageScore,
} from './scorecards.js';
import './stages.css';

export function StagesScene() {
  // Stages are a handful (the workspace's lifecycle); 500 is the API's largest page.
  const stages = useApi<TPage<TStageScore>>('/api/analysis/stages?limit=500');
  const summary = useApi<TSummary>('/api/analysis/summary');
  return (
    <>
      <header className="scene-head">
        <h2>Stages</h2>
      </header>
      <Async load={stages} what="the stage scorecards">
        {(page) => (
          <Async load={summary} what="the team names">
            {(s) => <Stages stages={page.items} teamNames={s.names.teams} />}
          </Async>
        )}
      </Async>
    </>
  );
}

const columns: TColumn<TScorecard>[] = [
  { key: 'stage', label: 'Stage', value: (c) => c.stage },
  numberColumn({
    key: 'customers',
    label: 'Customers entering',
    value: (c) => c.customers,
    format: count,
  }),
  numberColumn({
    key: 'journeys',
    label: 'Journeys entering',
    value: (c) => c.journeys,
    format: count,
  }),
  numberColumn({
    key: 'conversion',
    label: 'Conversion to next',
    title: 'share of entering journeys that reach the next stage after this one',
    value: (c) => c.conversion,
    format: percent,
  }),
  { key: 'next', label: 'Next stage', value: (c) => c.next },
  numberColumn({
    key: 'timeInStage',
    label: 'Time in stage',
    title: 'median; seconds in the CSV',
    value: (c) => c.timeInStage.median,
    format: duration,
  }),
  numberColumn({
    key: 'timeInStageMean',
    label: 'Mean time in stage',
    title: 'seconds in the CSV',
    value: (c) => c.timeInStage.mean,
    format: duration,
  }),
  numberColumn({
    key: 'timeToNext',
    label: 'Time to next',
    title: 'median, for converted journeys; seconds in the CSV',
    value: (c) => c.timeToNext?.median,
    format: duration,
  }),
  numberColumn({
    key: 'frictionRate',
    label: 'Friction rate',
    title: 'customers with a friction occurrence in the stage / customers entering',
    value: (c) => c.frictionRate,
    format: percent,
  }),
  { key: 'teams', label: 'Teams (share of steps)', value: teamSharesText },
];

function Stages({
  stages,
  teamNames,
}: {
  stages: TStageScore[];
  teamNames: Record<string, string>;
}) {
  const cards = useMemo(() => scorecards(stages, teamNames), [stages, teamNames]);
  const [wanted] = useQueryParam('stage');
  const focused = useMemo(() => stageNamed(cards, wanted), [cards, wanted]);
  const focusedRef = useRef<HTMLElement>(null);
  useEffect(() => {
    focusedRef.current?.scrollIntoView({ block: 'nearest' });
    focusedRef.current?.focus();
  }, [focused]);
  if (cards.length === 0) {
    return <Empty>The workspace has no stages, so there is nothing to score.</Empty>;
  }
  return (
    <>
      <p className="muted">
        One scorecard per stage of the customer&apos;s experience, shared by the teams whose
        touchpoints make it up, instead of one per department.
      </p>
      <section className="scorecards" aria-label="Stage scorecards">
        {cards.map((c) => (
          <article
            key={c.stage}
            className={`panel scorecard${c === focused ? ' focused' : ''}`}
            aria-labelledby={`stage-${slug(c.stage)}`}
            {...(c === focused ? { ref: focusedRef, tabIndex: -1 } : {})}
          >
            <h3 id={`stage-${slug(c.stage)}`}>{c.stage}</h3>
            <dl className="stage-figures">
              <Figure
                label="Customers entering"
                value={count(c.customers)}
                note={`${count(c.journeys)} journeys`}
              />
              <Figure
                label={c.next === null ? 'Conversion' : `Conversion to ${c.next}`}
                value={c.next === null ? '–' : percent(c.conversion)}
                note={
                  c.next === null
                    ? 'the last stage'
                    : c.timeToNext?.median == null
                      ? 'no journey got there'
                      : `median ${duration(c.timeToNext.median)} to get there`
                }
              />
              <Figure
                label="Time in stage"
                value={duration(c.timeInStage.median)}
                note={`median; mean ${duration(c.timeInStage.mean)}`}
              />
              <Figure
                label="Friction rate"
                value={percent(c.frictionRate)}
                note="of the customers entering"
              />
            </dl>
            <table className="team-shares">
              <caption>Teams (share of steps)</caption>
              <tbody>
                {c.teamShares.length === 0 ? (
                  <tr>
                    <td className="muted">no steps in this stage</td>
                  </tr>
                ) : (
                  c.teamShares.map((t) => (
                    <tr key={t.team}>
                      <th scope="row">{t.name}</th>
                      <td className="num">{percent(t.share)}</td>
                      <td className="share-cell" aria-hidden="true">
                        <span className="bar" style={{ width: `${100 * t.share}%` }} />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </article>
        ))}
      </section>
      <section className="panel" aria-labelledby="stages-table-title">
        <h3 id="stages-table-title">All stages</h3>
        <DataTable
          caption="Stage scorecards"
          csvName="stage-scorecards"
          columns={columns}
          rows={cards}
          rowKey={(c) => c.stage}
        />
      </section>
    </>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div role="group" aria-label={label}>
      <dt>{label}</dt>
      <dd className="big">{value}</dd>
      <dd className="sub">{note}</dd>
    </div>
  );
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
