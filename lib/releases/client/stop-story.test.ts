import { describe, expect, it } from "vitest";
import { stopHeadline, stopStory } from "./stop-story";
import type { EventView } from "./types";

const waves = [0, 1, 2, 3].map((i) => ({ name: i === 3 ? "Full" : `Wave ${i + 1}` })) as never;
const view = (status: string, extra: Partial<{ unmet: unknown[] }> = {}) =>
  ({ status, currentWaveIndex: 3, waves, trafficPercent: status === "paused" ? 100 : 0, breachGate: { open: true, unmet: extra.unmet ?? [] }, run: 1 }) as never;

let seq = 0;
const event = (type: string, over: Partial<EventView> = {}): EventView => ({
  releaseId: "r",
  seq: ++seq,
  version: seq,
  type,
  actor: "commander@example.com",
  actorRole: "commander",
  reason: null,
  at: "2026-11-29T10:00:00.000Z",
  before: null,
  after: null,
  data: {},
  ...over,
});

describe("stopStory", () => {
  it("tells a guardrail rollback with its evidence, the wave it left and what comes next", () => {
    const events = [
      event("started"),
      event("breach", { actor: "guardrail", reason: "error_rate 31% > 10%" }),
      event("rolled_back", {
        actor: "guardrail",
        reason: "error_rate 31.2% > critical 10% for 20s",
        before: { status: "running", currentWaveIndex: 3, trafficPercent: 100 },
        data: { fromTraffic: 100, wave: "Full", metric: "error_rate", automatic: true },
      }),
      event("episode_closed", { actor: "guardrail" }),
    ];
    const story = stopStory(view("rolled_back"), events)!;
    expect(story).toMatchObject({ kind: "rolled_back", wave: 4, automatic: true, metric: "error_rate", fromTraffic: 100 });
    expect(story.reason).toBe("error_rate 31.2% > critical 10% for 20s");
    expect(stopHeadline(story)).toBe('Rolled back from wave 4/4 "Full" by the error_rate guardrail');
    expect(story.next).toContain("RETRY from wave 1");
  });

  it("tells a commander's pause with the typed reason and that the bake clock keeps running", () => {
    const events = [event("started"), event("paused", { reason: "Customer report", before: { currentWaveIndex: 1 } })];
    const story = stopStory(view("paused"), events)!;
    expect(stopHeadline(story)).toBe("Paused in wave 2/4 by commander@example.com");
    expect(story.reason).toBe("Customer report");
    expect(story.next).toContain("bake clock keeps running");
  });

  it("says what blocks RETRY, and ignores a stop from an earlier run", () => {
    const events = [event("rolled_back", { reason: "old run" }), event("retried"), event("rolled_back", { reason: "this run" })];
    expect(stopStory(view("rolled_back", { unmet: [{}] }), events)!.next).toContain("1 open critical breach");
    expect(stopStory(view("rolled_back"), events)!.reason).toBe("this run");
    expect(stopStory(view("rolled_back"), [event("rolled_back", { reason: "old" }), event("retried")])!.reason).toBeNull();
  });

  it("has nothing to say about a running release", () => {
    expect(stopStory(view("running"), [])).toBeNull();
  });
});
