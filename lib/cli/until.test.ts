import { describe, expect, it } from "vitest";
import { EXIT } from "./exit-codes";
import { judge, parseUntil } from "./until";

const at = (status: string, wave: number, waveCount = 4) => ({ status, currentWaveIndex: wave - 1, waveCount });

describe("parseUntil", () => {
  it("reads the three conditions", () => {
    expect(parseUntil("completed")).toEqual({ kind: "completed" });
    expect(parseUntil("rolled_back")).toEqual({ kind: "rolled_back" });
    expect(parseUntil("rolled-back")).toEqual({ kind: "rolled_back" });
    expect(parseUntil("wave:3")).toEqual({ kind: "wave", wave: 3 });
  });
  it("refuses anything else", () => {
    for (const bad of ["", "done", "wave:0", "wave:", "wave:x", "wave3", "paused"]) expect(parseUntil(bad), bad).toBeNull();
  });
});

describe("judge", () => {
  it("waits for completion through pauses, and fails on a rollback", () => {
    const until = { kind: "completed" } as const;
    expect(judge(until, at("draft", 1)).done).toBe(false);
    expect(judge(until, at("running", 2)).done).toBe(false);
    expect(judge(until, at("paused", 3)).done).toBe(false);
    expect(judge(until, at("completed", 4))).toMatchObject({ done: true, exitCode: EXIT.ok });
    expect(judge(until, at("rolled_back", 2))).toMatchObject({ done: true, exitCode: EXIT.rolledBack, message: "rolled back (from wave 2/4)" });
  });

  it("waits for a rollback, and says when it can no longer come", () => {
    const until = { kind: "rolled_back" } as const;
    expect(judge(until, at("running", 1)).done).toBe(false);
    expect(judge(until, at("rolled_back", 1))).toMatchObject({ done: true, exitCode: EXIT.ok });
    expect(judge(until, at("completed", 4))).toMatchObject({ done: true, exitCode: EXIT.unreachable });
  });

  it("waits for a wave, counted from 1 as the screens count", () => {
    const until = { kind: "wave", wave: 2 } as const;
    expect(judge(until, at("draft", 1)).done).toBe(false);
    expect(judge(until, at("running", 1)).done).toBe(false);
    expect(judge(until, at("running", 2))).toMatchObject({ done: true, exitCode: EXIT.ok });
    expect(judge(until, at("paused", 3))).toMatchObject({ done: true, exitCode: EXIT.ok });
    expect(judge(until, at("completed", 4))).toMatchObject({ done: true, exitCode: EXIT.ok });
    expect(judge(until, at("rolled_back", 1))).toMatchObject({ done: true, exitCode: EXIT.rolledBack });
    expect(judge({ kind: "wave", wave: 5 }, at("running", 1))).toMatchObject({ done: true, exitCode: EXIT.usage });
  });
});
