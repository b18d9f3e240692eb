// Orders release events by seq: applies each exactly once, holds early arrivals, and says when a gap needs filling.
export class EventSequencer<E extends { seq: number }> {
  private readonly pending = new Map<number, E>();
  /** The highest seq known to exist (from events seen or hints); above lastSeq means a gap to fetch. */
  private latestKnown: number;

  constructor(private applied = 0) {
    this.latestKnown = applied;
  }

  get lastSeq(): number {
    return this.applied;
  }

  /** Takes events in any order, returns the ones now applicable in seq order. Duplicates and old seqs are dropped. */
  accept(events: readonly E[]): E[] {
    for (const e of events) {
      if (e.seq <= this.applied) continue;
      if (e.seq > this.latestKnown) this.latestKnown = e.seq;
      if (!this.pending.has(e.seq)) this.pending.set(e.seq, e);
    }
    const ready: E[] = [];
    for (let next = this.pending.get(this.applied + 1); next; next = this.pending.get(this.applied + 1)) {
      this.pending.delete(next.seq);
      ready.push(next);
      this.applied = next.seq;
    }
    return ready;
  }

  /** Records that events up to `seq` exist (e.g. the release view's lastSeq), so a fetch can fill the gap. */
  noteLatest(seq: number): void {
    if (seq > this.latestKnown) this.latestKnown = seq;
  }

  hasGap(): boolean {
    return this.latestKnown > this.applied;
  }
}
