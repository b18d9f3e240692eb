import { describe, expect, it } from "vitest";
import {
  comparePositions,
  cursorAfter,
  isAfter,
  MAX_POSITION,
  OUTBOX_START,
  signalledPosition,
  startingPosition,
  takeFromMemory,
  type OutboxPosition,
} from "./outbox-position";

const at = (txid: number, position: number): OutboxPosition => ({ txid: BigInt(txid), position });

describe("outbox positions", () => {
  it("order by transaction id first, then position", () => {
    expect(comparePositions(at(5, 9), at(6, 1))).toBeLessThan(0);
    expect(comparePositions(at(6, 1), at(5, 9))).toBeGreaterThan(0);
    expect(comparePositions(at(6, 2), at(6, 3))).toBeLessThan(0);
    expect(comparePositions(at(6, 3), at(6, 3))).toBe(0);
    expect([at(7, 1), at(5, 9), at(5, 2), at(0, 40)].sort(comparePositions)).toEqual([at(0, 40), at(5, 2), at(5, 9), at(7, 1)]);
  });

  it("a new consumer starts after every finished transaction and before every running one (PostgreSQL)", () => {
    const start = startingPosition(100n, 0);
    expect(isAfter(start, at(99, MAX_POSITION))).toBe(false);
    expect(isAfter(start, at(99, 5))).toBe(true); // finished: history, not replayed
    expect(isAfter(at(100, 1), start)).toBe(true); // running at start: delivered when it commits
  });

  it("a new consumer starts after the last position on SQLite", () => {
    expect(startingPosition(null, 42)).toEqual(at(0, 42));
  });

  it("takes committed messages from memory only on SQLite and only when they are exactly the next positions", () => {
    const msgs = [at(0, 11), at(0, 12)];
    expect(takeFromMemory(true, at(0, 10), msgs)).toEqual(msgs);
    expect(takeFromMemory(true, at(0, 9), msgs)).toBeNull(); // a hole before them: read
    expect(takeFromMemory(true, at(0, 10), [at(0, 11), at(0, 13)])).toBeNull();
    expect(takeFromMemory(true, null, msgs)).toBeNull(); // cursor not loaded yet
    expect(takeFromMemory(false, at(0, 10), msgs)).toBeNull(); // PostgreSQL always reads (visibility)
    expect(takeFromMemory(true, at(0, 10), [])).toBeNull();
  });

  it("moves the cursor to the end of an ordered batch and refuses a batch that goes back", () => {
    expect(cursorAfter(at(5, 3), [at(5, 4), at(7, 1), at(7, 2)])).toEqual(at(7, 2));
    expect(cursorAfter(at(5, 3), [])).toEqual(at(5, 3));
    expect(() => cursorAfter(at(5, 3), [at(5, 3)])).toThrow(/out of order/);
    expect(() => cursorAfter(at(5, 3), [at(6, 1), at(5, 9)])).toThrow(/out of order/);
  });

  it("reads the transaction id a cluster signal announces", () => {
    expect(signalledPosition("A|812")).toEqual(at(812, 0));
    expect(signalledPosition("A")).toBeUndefined();
    expect(signalledPosition("A|x1")).toBeUndefined();
  });
});

/**
 * The visibility rule against a model of PostgreSQL: transactions take ids when they first write, take positions
 * from a sequence when they insert, and commit or roll back in any order. A reader sees committed rows only, and
 * (as readOutbox's SQL) only those whose transaction id is below the oldest running one. Whatever the interleaving,
 * the consumer hands over every committed message exactly once, each release's in seq order, and nothing rolled back.
 */
describe("the visibility rule over random interleavings", () => {
  type Row = OutboxPosition & { release: string; seq: number };
  function simulate(seed: number) {
    let state = seed;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let nextXid = 100;
    let nextPosition = 1;
    const running = new Map<number, Row[]>(); // xid -> rows written, not committed
    const committed: Row[] = [];
    const seqOf = new Map<string, number>();
    const locked = new Set<string>(); // a release row is locked by its writer until it ends (as the version check)
    let cursor = OUTBOX_START;
    const delivered: Row[] = [];
    const read = () => {
      const horizon = running.size > 0 ? Math.min(...running.keys()) : nextXid;
      const visible = committed.filter((r) => r.txid < BigInt(horizon) && isAfter(r, cursor)).sort(comparePositions).slice(0, 3);
      cursor = cursorAfter(cursor, visible);
      delivered.push(...visible);
    };
    for (let step = 0; step < 400; step++) {
      const r = random();
      if (r < 0.3) {
        const release = `r${Math.floor(random() * 3)}`;
        if (locked.has(release)) continue;
        locked.add(release);
        const xid = nextXid++;
        const seq = (seqOf.get(release) ?? 0) + 1;
        const rows = Array.from({ length: 1 + Math.floor(random() * 2) }, (_, i) => ({ txid: BigInt(xid), position: nextPosition++, release, seq: seq + i }));
        running.set(xid, rows);
      } else if (r < 0.6 && running.size > 0) {
        const xids = [...running.keys()];
        const xid = xids[Math.floor(random() * xids.length)]!;
        const rows = running.get(xid)!;
        running.delete(xid);
        locked.delete(rows[0]!.release);
        if (random() < 0.85) {
          committed.push(...rows);
          seqOf.set(rows[0]!.release, rows.at(-1)!.seq);
        }
      } else read();
    }
    for (const [xid, rows] of running) {
      running.delete(xid);
      committed.push(...rows);
    }
    for (let i = 0; i < 200; i++) read();
    return { committed, delivered };
  }

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))("seed %i: every committed message once, in order per release", (seed) => {
    const { committed, delivered } = simulate(seed);
    const key = (r: Row) => `${r.release}:${r.seq}:${r.position}`;
    expect(delivered.map(key).sort()).toEqual(committed.map(key).sort());
    for (const release of ["r0", "r1", "r2"]) {
      const seqs = delivered.filter((r) => r.release === release).map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });
});
