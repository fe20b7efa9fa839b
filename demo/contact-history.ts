/**
 * One customer's assisted contacts per contact reason, as the generator makes them. When a
 * contact is made, the customer's earlier contacts about the same reason decide whether it is
 * a repeat contact (within the repeat window) and a channel switch (the previous one, within
 * the switch window, was on another channel). Most of these are an episode's own retries; the
 * rest are two episodes about the same thing close together, which only this customer-level
 * memory can know. Episodes can overlap in time, so a new contact may land before one made
 * earlier: that later contact then gets a new predecessor and is judged again.
 */
import { DAY } from './calendar.js';
import { FRICTION } from './company.js';
import type { TSeed } from './seeds.js';
import type { TSimEvent } from './simulation.js';

const REPEAT_WINDOW = FRICTION.repeatContact.withinDays * DAY;
const SWITCH_WINDOW = FRICTION.channelSwitch.withinDays * DAY;

type TEntry = { event: TSimEvent; repeat: boolean; switchedFrom: string | null };

export class ContactHistory {
  // The demo counts repeats per reason (sameReason: true), so one timeline per reason suffices.
  private readonly byReason = new Map<string, TEntry[]>();

  /** Records a contact (an event with a reason) and judges it and the contact after it. */
  add(event: TSimEvent): void {
    let list = this.byReason.get(event.reason);
    if (list === undefined) this.byReason.set(event.reason, (list = []));
    // In the extract, equal timestamps keep generation order: the new one goes after them.
    let at = list.length;
    while (at > 0 && (list[at - 1]?.event.t ?? 0) > event.t) at--;
    list.splice(at, 0, { event, repeat: false, switchedFrom: null });
    let first = at;
    while (first > 0 && list[first - 1]?.event.t === event.t) first--;
    for (let k = first; k < list.length; k++) {
      const entry = list[k] as TEntry;
      if (entry.event.t - event.t > REPEAT_WINDOW) break;
      // The count-th contact within the window up to and including it (equal times included).
      const inWindow = list.filter(
        (o) => o.event.t <= entry.event.t && entry.event.t - o.event.t <= REPEAT_WINDOW,
      ).length;
      entry.repeat = inWindow >= FRICTION.repeatContact.count;
    }
    for (const k of [at, at + 1]) {
      const entry = list[k];
      const previous = list[k - 1];
      if (entry === undefined) continue;
      entry.switchedFrom =
        previous !== undefined &&
        entry.event.t - previous.event.t <= SWITCH_WINDOW &&
        previous.event.channel !== entry.event.channel
          ? previous.event.channel
          : null;
    }
  }

  /** The repeat contacts and channel switches of the customer's contacts. */
  seeds(): TSeed[] {
    const out: TSeed[] = [];
    for (const list of this.byReason.values()) {
      for (const { event, repeat, switchedFrom } of list) {
        if (repeat) out.push({ type: 'repeat_contact', event, pair: '' });
        if (switchedFrom !== null) {
          out.push({ type: 'channel_switch', event, pair: `${switchedFrom}>${event.channel}` });
        }
      }
    }
    return out;
  }
}
