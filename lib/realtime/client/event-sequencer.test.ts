import { describe, expect, it } from "vitest";
import { EventSequencer } from "./event-sequencer";

const ev = (seq: number) => ({ seq });
const seqs = (list: { seq: number }[]) => list.map((e) => e.seq);

describe("EventSequencer", () => {
  it("applies events in seq order and drops anything already applied", () => {
    const s = new EventSequencer(0);
    expect(seqs(s.accept([ev(1), ev(2)]))).toEqual([1, 2]);
    expect(seqs(s.accept([ev(2), ev(1), ev(3)]))).toEqual([3]);
    expect(s.lastSeq).toBe(3);
    expect(s.hasGap()).toBe(false);
  });

  it("holds an early event, reports the gap, and releases both once the gap is filled", () => {
    const s = new EventSequencer(5);
    expect(s.accept([ev(8)])).toEqual([]);
    expect(s.hasGap()).toBe(true);
    expect(seqs(s.accept([ev(6)]))).toEqual([6]);
    expect(s.hasGap()).toBe(true);
    expect(seqs(s.accept([ev(7), ev(8)]))).toEqual([7, 8]);
    expect(s.hasGap()).toBe(false);
    expect(s.lastSeq).toBe(8);
  });

  it("sorts a shuffled backlog and never applies a seq twice", () => {
    const s = new EventSequencer(0);
    const applied = [...s.accept([ev(3), ev(1), ev(2), ev(3)]), ...s.accept([ev(1), ev(4)])];
    expect(seqs(applied)).toEqual([1, 2, 3, 4]);
  });

  it("starts from a known seq and ignores older events", () => {
    const s = new EventSequencer(10);
    expect(s.accept([ev(9), ev(10)])).toEqual([]);
    expect(s.hasGap()).toBe(false);
  });

  it("treats a hint of newer events as a gap until they arrive", () => {
    const s = new EventSequencer(2);
    s.noteLatest(4);
    expect(s.hasGap()).toBe(true);
    s.accept([ev(3), ev(4)]);
    expect(s.hasGap()).toBe(false);
    s.noteLatest(3);
    expect(s.hasGap()).toBe(false);
  });
});
