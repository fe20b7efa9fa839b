/**
 * XES scanner: turns XES text, fed in decoded chunks of any size, into columnar staging
 * batches (one row per event). A focused scanner, not a general XML parser: a generic SAX
 * parser reads XES at about 55 MB/s here, this one at several times that, which is what lets a
 * million-event log load in seconds.
 *
 * It must never build a tree, hold more than the unfinished tail of one chunk plus the batch
 * being filled, or touch the file system (see xes.ts for the I/O).
 *
 * What it reads, and how:
 * - Columns: `case:concept:name`, `concept:name`, `time:timestamp`, `lifecycle:transition`,
 *   `org:resource`, then the keys of `<global scope="event">`, then those of
 *   `<global scope="trace">` prefixed `case:`, then `_extra`: a JSON object of every other
 *   attribute of the event and of its trace (trace ones keyed `case:<key>`), null when none.
 * - Values are the literal attribute strings (entities decoded, XML attribute whitespace
 *   normalised), whatever their type (string, date, int, float, boolean, id).
 * - `<list>` and `<container>` become JSON (a list: an array of its values; a container: an
 *   object by key), in their own column when their key has one, else in `_extra`.
 *   Meta-attributes (attributes nested in an attribute) and log-level attributes are skipped;
 *   so are the default values of `<global>` (an event without a timestamp stays without one).
 * - Trace attributes that come after some of the trace's events still apply to all of them
 *   (rows are completed when the trace closes), except in a trace of more than
 *   `MAX_BATCH_ROWS` events, whose earlier rows may already have been emitted.
 * - Record errors (to `onError`, the event is not emitted): an event outside any trace, an
 *   attribute without a key or value (in a trace: every event of that trace).
 * - A global key whose column name is already taken, ignoring case (DuckDB compares names
 *   that way), stays in `_extra`.
 * - Throws (unreadable file): no `<log>` root, malformed markup, text ending inside the log.
 */
import {
  BATCH_ROWS,
  ColumnNames,
  EXTRA_COLUMN,
  MAX_BATCH_ROWS,
  WHOLE_RECORD,
  emptyColumns,
  toBatch,
} from './rows.js';
import type { TRecordError, TRowBatch } from './rows.js';
import * as lex from './xes-lexer.js';
import {
  KeyTable,
  attributeName,
  codesAt,
  indexOrEnd,
  tagKind,
  skipMarkupDeclaration,
  xmlValue,
  stateElement,
  newRecord,
} from './xes-lexer.js';
import { ImportError } from './import-error.js';

/** The first five columns of every XES source, in this order. */
export const XES_FIXED_COLUMNS = [
  'case:concept:name',
  'concept:name',
  'time:timestamp',
  'lifecycle:transition',
  'org:resource',
] as const;

const CASE_PREFIX = 'case:';
/** The longest unfinished construct (tag, comment) carried over to the next chunk. */
const MAX_PENDING_CHARS = 64 << 20;

type TComposite = { key: string; items: unknown[] | Record<string, unknown> };
type TProblem = { field: string; reason: string };

export class XesScanner {
  /** Set once the header is read (at the first trace or event, or at the end). */
  columns: string[] | undefined;
  /** `<event>` elements seen so far, in or out of traces (record numbers are 1-based). */
  eventCount = 0;

  private rest = '';
  private state = lex.S_PROLOG;
  private ignoreDepth = 0;
  private readonly composites: TComposite[] = [];
  private readonly ready: TRowBatch[] = [];

  // Header.
  private globalScope: string | undefined;
  private readonly globalKeys = { event: [] as string[], trace: [] as string[] };
  private readonly eventKeys = new KeyTable();
  private readonly traceKeys = new KeyTable();
  private traceColumns: number[] = [];

  // The batch being filled.
  private cols: (string | null)[][] = [];
  private rowExtra: (Record<string, unknown> | undefined)[] = [];
  private len = 0;

  // The trace and event being read.
  private traceStart = 0;
  private traceValues: (string | null)[] = [];
  private traceExtra: Record<string, unknown> | undefined;
  private traceProblem: TProblem | undefined;
  private eventExtra: Record<string, unknown> | undefined;
  private eventProblem: TProblem | undefined;

  // The start tag just parsed.
  private tKind = lex.K_OTHER;
  private tSelf = false;
  private tText = '';
  private tNameStart = 0;
  private tNameEnd = 0;
  private tKeyStart = -1;
  private tKeyEnd = -1;
  private tKeyPlain = true;
  private tValueStart = -1;
  private tValueEnd = -1;
  private tValuePlain = true;
  private tScope: string | undefined;
  // Next '&', line feed, tab, carriage return in the text being scanned (its length: none).
  private ampAt = -1;
  private lfAt = -1;
  private tabAt = -1;
  private crAt = -1;

  constructor(
    private readonly source: string,
    private readonly onError: (err: TRecordError) => void,
  ) {}

  /** Scans one more piece of text; complete batches wait in `take()`. */
  feed(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    const n = s.length;
    let p = 0;
    this.ampAt = this.lfAt = this.tabAt = this.crAt = -1;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (this.state === lex.S_PROLOG) this.checkProlog(s, p, lt === -1 ? n : lt);
      if (lt === -1) {
        p = n;
        break;
      }
      const c = s.charCodeAt(lt + 1);
      let end: number;
      if (c === lex.SLASH) {
        end = s.indexOf('>', lt + 2);
        if (end !== -1) this.closeTag(s, lt + 2, end++);
      } else if (c === lex.BANG) {
        end = skipMarkupDeclaration(s, lt);
      } else if (c === lex.QMARK) {
        end = s.indexOf('?>', lt + 2);
        if (end !== -1) end += 2;
      } else if (c !== c) {
        end = -1; // '<' is the last character: wait for more
      } else {
        end = this.parseStartTag(s, lt + 1);
        if (end !== -1) this.openTag(s);
      }
      if (end === -1) {
        p = lt;
        break;
      }
      p = end;
    }
    this.rest = p < n ? s.slice(p) : '';
    if (this.rest.length > MAX_PENDING_CHARS) {
      throw this.malformed(`unterminated markup of more than ${MAX_PENDING_CHARS} characters`);
    }
  }

  /** Ends the input: throws if it stopped inside the log, else emits the last rows. */
  end(): void {
    if (this.state === lex.S_PROLOG) throw this.notXes('no <log> element');
    if (this.state !== lex.S_DONE) {
      throw new ImportError(
        `${this.source}: the XES text ends inside <${stateElement(this.state)}> after ` +
          `${this.eventCount} events (truncated file?)`,
      );
    }
    this.fixColumns();
    if (this.len > 0) this.flush();
  }

  /** Batches completed so far, oldest first; each is returned once. */
  take(): TRowBatch[] {
    return this.ready.splice(0, this.ready.length);
  }

  private checkProlog(s: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c !== lex.SPACE && c !== lex.LF && c !== lex.CR && c !== lex.TAB && c !== 0xfeff) {
        throw this.notXes('it does not start with XML markup');
      }
    }
  }

  /**
   * Parses the start tag whose name begins at `start`; returns the index after it, or -1 when
   * the text ends first. The hot path (XES attribute tags) is built on `indexOf`, which is
   * several times faster per character than a `charCodeAt` loop.
   */
  private parseStartTag(s: string, start: number): number {
    const n = s.length;
    let i = this.knownTagName(s, start);
    if (i < 0) {
      i = start;
      let d = s.charCodeAt(i);
      while (d > lex.SPACE && d !== lex.SLASH && d !== lex.GT) d = s.charCodeAt(++i);
      if (i >= n) return -1;
      this.tKind = tagKind(s, start, i);
    }
    this.tNameStart = start;
    this.tNameEnd = i;
    let keyStart = -1;
    let keyEnd = -1;
    let keyPlain = true;
    let valueStart = -1;
    let valueEnd = -1;
    let valuePlain = true;
    let scope: string | undefined;
    let c = s.charCodeAt(i);
    for (;;) {
      while (c <= lex.SPACE) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c === lex.GT) {
        this.tSelf = false;
        i++;
        break;
      }
      if (c === lex.SLASH) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) !== lex.GT)
          throw this.malformed('"/" not followed by ">" in a tag');
        this.tSelf = true;
        i += 2;
        break;
      }
      let which: number;
      if (c === 107 && s.charCodeAt(i + 1) === 101 && s.charCodeAt(i + 2) === 121) {
        which = lex.A_KEY; // key
        i += 3;
      } else if (c === 118 && codesAt(s, i, lex.VALUE)) {
        which = lex.A_VALUE;
        i += 5;
      } else {
        which = lex.A_OTHER;
      }
      c = s.charCodeAt(i);
      if (c !== lex.EQ) {
        // Not the usual `key="`: scan the whole name (it may also just be e.g. `keys=`).
        const nameStart = which === lex.A_KEY ? i - 3 : which === lex.A_VALUE ? i - 5 : i;
        while (c > lex.SPACE && c !== lex.EQ && c !== lex.GT && c !== lex.SLASH)
          c = s.charCodeAt(++i);
        const nameEnd = i;
        while (c <= lex.SPACE) c = s.charCodeAt(++i);
        if (i >= n) return -1;
        if (c !== lex.EQ) {
          throw this.malformed(`XML attribute ${s.slice(nameStart, nameEnd)} without "="`);
        }
        which = attributeName(s, nameStart, nameEnd);
      }
      c = s.charCodeAt(++i);
      while (c <= lex.SPACE) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c !== lex.DQ && c !== lex.SQ) throw this.malformed('XML attribute value without quotes');
      const from = i + 1;
      i = s.indexOf(c === lex.DQ ? '"' : "'", from);
      if (i === -1) return -1;
      if (which === lex.A_KEY) {
        keyStart = from;
        keyEnd = i;
        keyPlain = this.plain(s, from, i);
      } else if (which === lex.A_VALUE) {
        valueStart = from;
        valueEnd = i;
        valuePlain = this.plain(s, from, i);
      } else if (which === lex.A_SCOPE) {
        scope = s.slice(from, i);
      }
      c = s.charCodeAt(++i);
    }
    this.tText = s;
    this.tKeyStart = keyStart;
    this.tKeyEnd = keyEnd;
    this.tKeyPlain = keyPlain;
    this.tValueStart = valueStart;
    this.tValueEnd = valueEnd;
    this.tValuePlain = valuePlain;
    this.tScope = scope;
    return i;
  }

  /** End of the tag name at `start` if it is a common XES one (setting `tKind`), else -1. */
  private knownTagName(s: string, start: number): number {
    let name: readonly number[];
    let kind = lex.K_ATTR;
    switch (s.charCodeAt(start)) {
      case 115:
        name = lex.STRING;
        break;
      case 100:
        name = lex.DATE;
        break;
      case 105:
        name = s.charCodeAt(start + 1) === 100 ? lex.ID : lex.INT;
        break;
      case 102:
        name = lex.FLOAT;
        break;
      case 98:
        name = lex.BOOLEAN;
        break;
      case 101:
        name = lex.EVENT;
        kind = lex.K_EVENT;
        break;
      case 116:
        name = lex.TRACE;
        kind = lex.K_TRACE;
        break;
      default:
        return -1;
    }
    const end = start + name.length;
    const c = s.charCodeAt(end);
    if (!(c <= lex.SPACE || c === lex.SLASH || c === lex.GT) || !codesAt(s, start, name)) return -1;
    this.tKind = kind;
    return end;
  }

  /**
   * Whether s[from, end) needs no decoding: no `&`, no literal tab or line break. Each special
   * character is found once per chunk with `indexOf`, not looked for character by character;
   * this relies on being asked about positions in increasing order within one chunk.
   */
  private plain(s: string, from: number, end: number): boolean {
    let at = this.ampAt;
    if (at < from) this.ampAt = at = indexOrEnd(s, '&', from);
    if (at < end) return false;
    at = this.lfAt;
    if (at < from) this.lfAt = at = indexOrEnd(s, '\n', from);
    if (at < end) return false;
    at = this.tabAt;
    if (at < from) this.tabAt = at = indexOrEnd(s, '\t', from);
    if (at < end) return false;
    at = this.crAt;
    if (at < from) this.crAt = at = indexOrEnd(s, '\r', from);
    return at >= end;
  }

  /** The `key` of the tag just parsed. */
  private tKey(): string | undefined {
    if (this.tKeyStart < 0) return undefined;
    const raw = this.tText.slice(this.tKeyStart, this.tKeyEnd);
    return this.tKeyPlain ? raw : xmlValue(raw);
  }

  /** The `value` of the tag just parsed. */
  private tValue(): string | undefined {
    if (this.tValueStart < 0) return undefined;
    const raw = this.tText.slice(this.tValueStart, this.tValueEnd);
    return this.tValuePlain ? raw : xmlValue(raw);
  }

  /** The column of the tag's key in `table`, or -1; compares in place, without a new string. */
  private column(table: KeyTable): number {
    if (!this.tKeyPlain) return table.byKey.get(this.tKey() ?? '') ?? -1;
    const start = this.tKeyStart;
    const length = this.tKeyEnd - start;
    const s = this.tText;
    const keys = table.codes;
    const count = keys.length;
    let h = table.follow[table.last] ?? 0;
    for (let tried = 0; tried < count; tried++) {
      const key = keys[h] as readonly number[];
      if (key.length === length && codesAt(s, start, key)) {
        table.follow[table.last] = h;
        table.last = h;
        return table.columns[h] as number;
      }
      h = h + 1 === count ? 0 : h + 1;
    }
    return -1;
  }

  /** Acts on the start tag just parsed. */
  private openTag(s: string): void {
    const self = this.tSelf;
    if (this.ignoreDepth > 0) {
      if (!self) this.ignoreDepth++;
      return;
    }
    const kind = this.tKind;
    if (this.composites.length > 0) {
      this.openInComposite(kind, self);
      return;
    }
    switch (this.state) {
      case lex.S_EVENT:
        if (kind === lex.K_ATTR) this.eventAttribute();
        else if (kind === lex.K_LIST || kind === lex.K_CONTAINER) this.openComposite(kind, self);
        else if (!self) this.ignoreDepth = 1;
        return;
      case lex.S_TRACE:
        if (kind === lex.K_EVENT) {
          this.startEvent();
          if (self) this.endEvent();
        } else if (kind === lex.K_ATTR) this.traceAttribute();
        else if (kind === lex.K_LIST || kind === lex.K_CONTAINER) this.openComposite(kind, self);
        else if (!self) this.ignoreDepth = 1;
        return;
      case lex.S_LOG:
        if (kind === lex.K_TRACE) {
          this.fixColumns();
          this.startTrace();
          if (self) this.endTrace();
        } else if (kind === lex.K_EVENT) {
          this.eventCount++;
          this.onError({
            record: this.eventCount,
            field: WHOLE_RECORD,
            reason: 'event outside any trace (it has no case)',
          });
          if (!self) this.ignoreDepth = 1;
        } else if (kind === lex.K_GLOBAL && this.columns === undefined) {
          if (!self) {
            this.state = lex.S_GLOBAL;
            this.globalScope = this.tScope;
          }
        } else if (!self) this.ignoreDepth = 1;
        return;
      case lex.S_GLOBAL: {
        const keys = this.globalScope === 'trace' ? this.globalKeys.trace : this.globalKeys.event;
        const key = this.tKey();
        if (kind === lex.K_ATTR && key !== undefined && !keys.includes(key)) keys.push(key);
        if (!self) this.ignoreDepth = 1;
        return;
      }
      case lex.S_PROLOG:
        if (kind !== lex.K_LOG) {
          throw this.notXes(`its root element is <${s.slice(this.tNameStart, this.tNameEnd)}>`);
        }
        this.state = self ? lex.S_DONE : lex.S_LOG;
        return;
      default:
        if (!self) this.ignoreDepth = 1; // after </log>
    }
  }

  private closeTag(s: string, start: number, end: number): void {
    if (this.ignoreDepth > 0) {
      this.ignoreDepth--;
      return;
    }
    let nameEnd = end;
    while (nameEnd > start && s.charCodeAt(nameEnd - 1) <= lex.SPACE) nameEnd--;
    const kind = tagKind(s, start, nameEnd);
    if (this.composites.length > 0) {
      if (kind === lex.K_LIST || kind === lex.K_CONTAINER) this.closeComposite();
      return;
    }
    // Lenient about a missing </event> or </trace>: a closing parent closes its children.
    if (kind === lex.K_EVENT) {
      if (this.state === lex.S_EVENT) this.endEvent();
    } else if (kind === lex.K_TRACE) {
      if (this.state === lex.S_EVENT) this.endEvent();
      if (this.state === lex.S_TRACE) this.endTrace();
    } else if (kind === lex.K_GLOBAL) {
      if (this.state === lex.S_GLOBAL) this.state = lex.S_LOG;
    } else if (kind === lex.K_LOG) {
      if (this.state === lex.S_EVENT) this.endEvent();
      if (this.state === lex.S_TRACE) this.endTrace();
      if (this.state !== lex.S_PROLOG) this.state = lex.S_DONE;
    }
  }

  private fixColumns(): void {
    if (this.columns !== undefined) return;
    const columns: string[] = [...XES_FIXED_COLUMNS];
    const taken = new ColumnNames();
    for (const name of [...columns, EXTRA_COLUMN]) taken.add(name);
    this.traceKeys.add('concept:name', 0);
    for (let c = 1; c < XES_FIXED_COLUMNS.length; c++) this.eventKeys.add(columns[c] ?? '', c);
    // A key whose column name is taken (ignoring case) stays in _extra.
    for (const key of this.globalKeys.event) {
      if (this.eventKeys.byKey.has(key) || !taken.add(key)) continue;
      this.eventKeys.add(key, columns.length);
      columns.push(key);
    }
    for (const key of this.globalKeys.trace) {
      const name = CASE_PREFIX + key;
      if (this.traceKeys.byKey.has(key) || !taken.add(name)) continue;
      this.traceKeys.add(key, columns.length);
      columns.push(name);
    }
    columns.push(EXTRA_COLUMN);
    this.columns = columns;
    this.traceColumns = [...this.traceKeys.columns];
    this.traceValues = new Array<string | null>(columns.length).fill(null);
    this.cols = emptyColumns(columns.length, MAX_BATCH_ROWS);
  }

  private startTrace(): void {
    this.state = lex.S_TRACE;
    for (const c of this.traceColumns) this.traceValues[c] = null;
    this.traceExtra = undefined;
    this.traceProblem = undefined;
    this.traceStart = this.len;
    this.traceKeys.restart();
  }

  private endTrace(): void {
    this.state = lex.S_LOG;
    this.completeTraceRows();
    if (this.len >= BATCH_ROWS) this.flush();
  }

  private startEvent(): void {
    this.state = lex.S_EVENT;
    this.eventCount++;
    this.eventExtra = undefined;
    this.eventProblem = undefined;
    this.eventKeys.restart();
  }

  private endEvent(): void {
    this.state = lex.S_TRACE;
    const problem = this.eventProblem ?? this.traceProblem;
    const row = this.len;
    if (problem !== undefined) {
      for (const column of this.cols) column[row] = null;
      this.onError({ record: this.eventCount, ...problem });
      return;
    }
    this.rowExtra[row] = this.eventExtra;
    this.len = row + 1;
    if (this.len >= MAX_BATCH_ROWS) {
      this.completeTraceRows();
      this.flush();
    }
  }

  private eventAttribute(): void {
    if (!this.tSelf) this.ignoreDepth = 1; // meta-attributes are skipped
    if (this.tKeyStart < 0) {
      this.eventProblem ??= { field: WHOLE_RECORD, reason: `<${this.tagName()}> without a key` };
      return;
    }
    const value = this.tValue();
    if (value === undefined) {
      const field = this.tKey() ?? '';
      this.eventProblem ??= { field, reason: `<${this.tagName()}> without a value` };
      return;
    }
    const c = this.column(this.eventKeys);
    if (c >= 0) (this.cols[c] as (string | null)[])[this.len] = value;
    else (this.eventExtra ??= newRecord())[this.tKey() ?? ''] = value;
  }

  private traceAttribute(): void {
    if (!this.tSelf) this.ignoreDepth = 1;
    if (this.tKeyStart < 0) {
      const reason = `trace attribute <${this.tagName()}> without a key`;
      this.traceProblem ??= { field: WHOLE_RECORD, reason };
      return;
    }
    const value = this.tValue();
    if (value === undefined) {
      const field = CASE_PREFIX + (this.tKey() ?? '');
      this.traceProblem ??= {
        field,
        reason: `trace attribute <${this.tagName()}> without a value`,
      };
      return;
    }
    const c = this.column(this.traceKeys);
    if (c >= 0) this.traceValues[c] = value;
    else (this.traceExtra ??= newRecord())[CASE_PREFIX + (this.tKey() ?? '')] = value;
  }

  private setEventValue(key: string, text: string, json: unknown): void {
    const c = this.eventKeys.byKey.get(key);
    if (c !== undefined) (this.cols[c] as (string | null)[])[this.len] = text;
    else (this.eventExtra ??= newRecord())[key] = json;
  }

  private setTraceValue(key: string, text: string, json: unknown): void {
    const c = this.traceKeys.byKey.get(key);
    if (c !== undefined) this.traceValues[c] = text;
    else (this.traceExtra ??= newRecord())[CASE_PREFIX + key] = json;
  }

  /** Copies the trace's values into its rows of this batch and writes their `_extra`. */
  private completeTraceRows(): void {
    const from = this.traceStart;
    const to = this.len;
    this.traceStart = to;
    if (from === to) return;
    for (const c of this.traceColumns) {
      const value = this.traceValues[c];
      if (value == null) continue;
      (this.cols[c] as (string | null)[]).fill(value, from, to);
    }
    const extraColumn = this.cols[this.cols.length - 1] as (string | null)[];
    const traceExtra = this.traceExtra;
    const traceJson = traceExtra === undefined ? null : JSON.stringify(traceExtra);
    for (let r = from; r < to; r++) {
      const own = this.rowExtra[r];
      if (own === undefined) extraColumn[r] = traceJson;
      else
        extraColumn[r] = JSON.stringify(traceExtra === undefined ? own : { ...traceExtra, ...own });
    }
  }

  private flush(): void {
    const columns = this.columns as string[];
    this.ready.push(toBatch(this.cols, this.len));
    this.cols = emptyColumns(columns.length, MAX_BATCH_ROWS);
    this.rowExtra = [];
    this.len = 0;
    this.traceStart = 0;
  }

  private openComposite(kind: number, self: boolean): void {
    const key = this.tKey() ?? '';
    const items = kind === lex.K_LIST ? [] : newRecord();
    if (self) this.deliverComposite(key, items);
    else this.composites.push({ key, items });
  }

  private openInComposite(kind: number, self: boolean): void {
    if (kind === lex.K_ATTR) {
      this.addToComposite(this.tKey() ?? '', this.tValue() ?? null);
      if (!self) this.ignoreDepth = 1;
    } else if (kind === lex.K_LIST || kind === lex.K_CONTAINER) {
      const items = kind === lex.K_LIST ? [] : newRecord();
      const key = this.tKey() ?? '';
      if (self) this.addToComposite(key, items);
      else this.composites.push({ key, items });
    } else if (kind !== lex.K_VALUES && !self) {
      this.ignoreDepth = 1; // <values> only wraps a list's items
    }
  }

  private addToComposite(key: string, value: unknown): void {
    const top = this.composites[this.composites.length - 1];
    if (top === undefined) return;
    if (Array.isArray(top.items)) top.items.push(value);
    else top.items[key] = value;
  }

  private closeComposite(): void {
    const done = this.composites.pop();
    if (done === undefined) return;
    if (this.composites.length > 0) this.addToComposite(done.key, done.items);
    else this.deliverComposite(done.key, done.items);
  }

  private deliverComposite(key: string, items: unknown): void {
    if (this.state === lex.S_EVENT) this.setEventValue(key, JSON.stringify(items), items);
    else if (this.state === lex.S_TRACE) this.setTraceValue(key, JSON.stringify(items), items);
  }

  private tagName(): string {
    return this.tText.slice(this.tNameStart, this.tNameEnd);
  }

  private malformed(what: string): ImportError {
    return new ImportError(`${this.source}: malformed XML after event ${this.eventCount}: ${what}`);
  }

  private notXes(why: string): ImportError {
    return new ImportError(`${this.source} is not an XES event log: ${why}`);
  }
}
