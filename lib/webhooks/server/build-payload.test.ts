import { describe, expect, it } from "vitest";
import { linksFor, MAX_PAYLOAD_BYTES, slackPayload, standardPayload, type ReleaseSummary } from "./build-payload";
import type { EventView } from "../../releases/server/event-view";

const release: ReleaseSummary = { id: "r1", name: "Checkout v2", service: "checkout", version: "2.0.0", status: "rolled_back", waveIndex: 1, waveName: "Wave 2", waveCount: 4, trafficPercent: 0 };
const links = linksFor("https://tidegate.example.com/", "r1");
const rollback: EventView = {
  releaseId: "r1",
  seq: 7,
  version: 7,
  type: "rolled_back",
  actor: "guardrail",
  actorRole: null,
  reason: "error_rate 12.0% > critical 10% for 60 s (canary vs baseline 0.4%)",
  at: "2026-11-30T10:00:00.000Z",
  before: { status: "running", currentWaveIndex: 1, trafficPercent: 25 },
  after: { status: "rolled_back", currentWaveIndex: 1, trafficPercent: 0 },
  data: { fromTraffic: 25, wave: "Wave 2", metric: "error_rate", automatic: true },
};

describe("webhook payloads", () => {
  it("standard: type, timestamp, the event, the release and links", () => {
    const body = JSON.parse(standardPayload(rollback, release, links));
    expect(body).toEqual({ type: "rolled_back", timestamp: rollback.at, data: { event: rollback, release, links } });
    expect(links.board).toBe("https://tidegate.example.com/releases/r1");
  });

  it("stays under 20 kB when a reason is huge", () => {
    const huge = { ...rollback, reason: "x".repeat(50_000), data: { ...rollback.data, wave: "y".repeat(30_000) } };
    const body = standardPayload(huge, release, links);
    expect(body.length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(JSON.parse(body).data).toMatchObject({ truncated: true, event: { seq: 7, type: "rolled_back" } });
  });

  it("slack: who, what, traffic, the guardrail's evidence and link buttons only", () => {
    const msg = JSON.parse(slackPayload(rollback, release, links, true));
    expect(msg.text).toContain("Checkout v2: guardrail rolled back (25% → 0% traffic)");
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain("*Guardrail evidence*\\nerror_rate 12.0% > critical 10%");
    expect(all).toContain("25% → 0%");
    const buttons = msg.blocks.find((b: { type: string }) => b.type === "actions").elements;
    expect(buttons.map((b: { url: string }) => b.url)).toEqual([links.board, links.review]);
  });

  it("slack: a person's reason is 'Why', and no review button without sign-offs to collect", () => {
    const paused = { ...rollback, type: "paused", actor: "alice", actorRole: "commander", reason: "waiting for DBA", data: {} };
    const msg = JSON.parse(slackPayload(paused, { ...release, status: "paused" }, links));
    expect(JSON.stringify(msg.blocks)).toContain("*Why*\\nwaiting for DBA");
    expect(msg.blocks.find((b: { type: string }) => b.type === "actions").elements).toHaveLength(1);
  });
});
