import { describe, expect, it } from 'vitest';
import { LiveFeed } from './live-feed.js';

describe('LiveFeed', () => {
  it('gives each listener what is published while it listens, and ends them all on close', () => {
    const feed = new LiveFeed<number>();
    const a: number[] = [];
    const b: number[] = [];
    let ended = 0;
    const stopA = feed.subscribe({ item: (n) => a.push(n), close: () => ended++ });
    feed.publish(1);
    feed.subscribe({ item: (n) => b.push(n), close: () => ended++ });
    feed.publish(2);
    stopA();
    feed.publish(3);
    expect([a, b, feed.listening]).toEqual([[1, 2], [2, 3], 1]);
    feed.close();
    expect([ended, feed.listening]).toEqual([1, 0]);
    feed.subscribe({ item: (n) => a.push(n), close: () => ended++ });
    feed.publish(4);
    expect([a, ended, feed.listening]).toEqual([[1, 2], 2, 0]);
  });
});
