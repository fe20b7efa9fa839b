/**
 * The listeners of a live, in-memory feed (the alert and moment-of-truth streams behind the
 * server-sent-event routes): each gets every item published while it listens; closing the feed
 * (the server stops) ends every listener, and one that comes after the close is ended at once.
 */
export type TFeedListener<T> = {
  item(item: T): void;
  /** The feed is closing: end the response. */
  close(): void;
};

export class LiveFeed<T> {
  private readonly listeners = new Set<TFeedListener<T>>();
  private closed = false;

  publish(item: T): void {
    for (const l of this.listeners) l.item(item);
  }

  /** Listens from now on; returns the function that stops listening. */
  subscribe(listener: TFeedListener<T>): () => void {
    if (this.closed) {
      listener.close();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many listen now. */
  get listening(): number {
    return this.listeners.size;
  }

  /** Ends every listener; later subscribers end at once. */
  close(): void {
    this.closed = true;
    for (const l of this.listeners) l.close();
    this.listeners.clear();
  }
}
