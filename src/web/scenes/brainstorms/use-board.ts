/**
 * A brainstorm board kept live: the board as GET answers it, then its event stream (a
 * snapshot on every (re)connection, then each change) applied to the entries. When the
 * session locks the board is read again for the counts per team. The browser reconnects a
 * dropped stream by itself; the snapshot that follows replaces the entries, so nothing is
 * shown twice. After an entry is written the board is not read again: the stream brings it
 * (a read right after a write would sit next to it in the request log).
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError } from '../../api.js';
import type {
  TBoard,
  TBoardEvent,
  TBrainstormInfo,
  TEntry,
} from '../../../service/brainstorms/brainstorm-types.js';
import { asApiError } from '../../ui/use-api.js';
import { applyEvent } from './brainstorm-view.js';

export type TLiveBoard =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; board: TBoard; entries: TEntry[]; live: boolean };

const EVENTS = ['entry', 'removed', 'merged', 'locked'] as const;

export function useBoard(id: string): TLiveBoard & { reload: () => void } {
  const [board, setBoard] = useState<TBoard>();
  const [entries, setEntries] = useState<TEntry[]>([]);
  const [error, setError] = useState<ApiError>();
  const [live, setLive] = useState(false);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    api.get<TBoard>(`/api/brainstorms/${id}`).then(
      (b) => {
        if (!current) return;
        setBoard(b);
        setEntries(b.entries);
        setError(undefined);
      },
      (e: unknown) => current && setError(asApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [id, generation]);

  useEffect(() => {
    const source = new EventSource(`/api/brainstorms/${id}/stream`);
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('error', () => setLive(false));
    source.addEventListener('snapshot', (m) => {
      const data = JSON.parse((m as MessageEvent<string>).data) as {
        brainstorm: TBrainstormInfo;
        entries: TEntry[];
      };
      setEntries(data.entries);
      setBoard((b) => (b === undefined ? b : { ...b, brainstorm: data.brainstorm }));
    });
    for (const type of EVENTS) {
      source.addEventListener(type, (m) => {
        const event = { type, ...JSON.parse((m as MessageEvent<string>).data) } as TBoardEvent;
        setEntries((list) => applyEvent(list, event));
        if (type === 'locked') setGeneration((g) => g + 1);
      });
    }
    return () => source.close();
  }, [id]);

  if (error !== undefined) return { state: 'error', error, reload };
  if (board === undefined) return { state: 'loading', reload };
  return { state: 'ready', board, entries, live, reload };
}
