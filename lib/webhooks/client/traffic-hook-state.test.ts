import { describe, expect, it } from "vitest";
import { trafficHookFailure } from "./traffic-hook-state";
import type { EventView } from "../../releases/client/types";

const ev = (seq: number, type: string): EventView => ({ releaseId: "r", seq, version: seq, type, actor: "traffic-hook", actorRole: null, reason: null, at: "", before: null, after: null, data: {} });

describe("traffic hook state", () => {
  it("warns after a failure until the hook answers again", () => {
    expect(trafficHookFailure([])).toBeNull();
    expect(trafficHookFailure([ev(1, "traffic_hook_applied")])).toBeNull();
    expect(trafficHookFailure([ev(1, "traffic_hook_applied"), ev(2, "traffic_hook_failed"), ev(3, "paused")])?.seq).toBe(2);
    expect(trafficHookFailure([ev(1, "traffic_hook_failed"), ev(2, "traffic_hook_applied")])).toBeNull();
  });
});
