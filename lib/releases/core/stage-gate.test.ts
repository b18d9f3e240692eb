// Issue 25, stages: staging -> eu -> us as given-commands / when-command / then-events sequences through the one
// machine, with the facts a stage opens on (soak breaches, environment approvals) given beside the state.
import { describe, expect, it } from "vitest";
import type { GateInputs, StageFacts } from "./gates";
import { decide, initialState, type Command, type Decision, type ReleaseState } from "./machine";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import { NO_STAGE_FACTS, downstreamOf, spokenDuration, stageGate, upstreamStagesOf } from "./stage-gate";
import { trackLine, trackNames } from "./track-line";

const T0 = new Date("2030-03-01T09:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const stage = (key: string, name: string, percents: number[], extra: Record<string, unknown> = {}) => ({
  key,
  name,
  environment: key,
  waves: percents.map((trafficPercent) => ({ name: `${name} ${trafficPercent}%`, trafficPercent })),
  ...extra,
});

function plan(extra: Record<string, unknown> = {}, eu: Record<string, unknown> = {}, us: Record<string, unknown> = {}): Plan {
  return PlanSchema.parse({
    name: "Checkout 3.1",
    service: "checkout",
    version: "3.1",
    tracks: [
      stage("staging", "Staging", [100], { soakSeconds: 60 }),
      stage("eu", "EU", [50, 100], { after: { track: "staging" }, soakSeconds: 3600, ...eu }),
      stage("us", "US", [100], { after: { track: "eu" }, ...us }),
    ],
    ...extra,
  });
}

const gatesAt = (now: Date, stages: StageFacts = NO_STAGE_FACTS, extra: Partial<GateInputs> = {}): GateInputs => ({
  now,
  waveStartedAt: null,
  checklist: [],
  signoffs: [],
  criticalBreaches: [],
  stages,
  ...extra,
});

/** Replays `commands` (type, track, second) from draft; each must be accepted. */
function given(p: Plan, commands: [Command["type"], string | undefined, number][], facts: StageFacts = NO_STAGE_FACTS): ReleaseState {
  let state = initialState();
  for (const [type, track, second] of commands) {
    const d = decide(p, state, { type, actor: "ann", track }, gatesAt(at(second), facts));
    if (!d.ok) throw new Error(`given ${type} ${track}: ${d.refusal.message}`);
    state = d.state;
  }
  return state;
}

const when = (p: Plan, state: ReleaseState, command: Omit<Command, "actor">, second: number, facts: StageFacts = NO_STAGE_FACTS): Decision =>
  decide(p, state, { actor: "ann", ...command }, gatesAt(at(second), facts));

/** staging done at 10 s, its 60 s soak over at 70 s; eu done at 200 s (soak 1 h, until 3800 s). */
const throughEu: [Command["type"], string | undefined, number][] = [
  ["start", "staging", 0],
  ["continue", "staging", 10],
  ["start", "eu", 100],
  ["continue", "eu", 150],
  ["continue", "eu", 200],
];

describe("stage gate: staging -> eu -> us", () => {
  it("eu cannot open before staging completed and soaked; then it can", () => {
    const p = plan();
    const draft = initialState();
    const early = when(p, draft, { type: "start", track: "eu" }, 0);
    expect(early).toMatchObject({ ok: false, refusal: { code: "track_waiting", message: "EU starts after Staging completes" } });
    const stagingDone = given(p, throughEu.slice(0, 2));
    const soaking = when(p, stagingDone, { type: "start", track: "eu" }, 40);
    expect(soaking).toMatchObject({ ok: false, refusal: { code: "track_waiting", message: "EU: waiting for Staging soak (30 s)", details: { readyAt: at(70).toISOString() } } });
    const opened = when(p, stagingDone, { type: "start", track: "eu" }, 70);
    expect(opened.ok && opened.events.map((e) => [e.type, (e.data as { track?: string }).track])).toEqual([["started", "eu"]]);
  });

  it("us waits for eu's soak, and the wall line says so", () => {
    const p = plan();
    const euDone = given(p, throughEu);
    expect(when(p, euDone, { type: "start", track: "us" }, 3799)).toMatchObject({ ok: false, refusal: { code: "track_waiting", details: { readyAt: at(3800).toISOString() } } });
    expect(stageGate(p, p.tracks![2], euDone.tracks!, NO_STAGE_FACTS, at(200 + 48 * 60)).kind).toBe("waiting");
    // 48 min into eu's 1 h soak, 12 min remain.
    const line = stageGate(p, p.tracks![2], euDone.tracks!, NO_STAGE_FACTS, at(200 + 48 * 60));
    expect(line).toMatchObject({ kind: "waiting", message: "US: waiting for EU soak (12 min)" });
    const names = trackNames(p.tracks!);
    expect(trackLine({ name: "US", kind: "ramp", status: "draft", trafficPercent: 0, waitingFor: (line as { message: string }).message, after: { track: "eu" } }, names)).toBe("US: waiting for EU soak (12 min)");
    expect(when(p, euDone, { type: "start", track: "us" }, 3800).ok).toBe(true);
  });

  it("a critical breach during eu's soak blocks promotion to us, until a person overrides with a reason", () => {
    const p = plan();
    const euDone = given(p, throughEu);
    const breach: StageFacts = { ...NO_STAGE_FACTS, criticalAlerts: [{ metric: "error_rate", detail: "error_rate 0.09 > 0.05", openedAt: at(900) }] };
    const refused = when(p, euDone, { type: "start", track: "us" }, 4000, breach);
    expect(refused).toMatchObject({
      ok: false,
      refusal: { code: "promotion_blocked", message: "A critical breach of error_rate during EU's soak: promotion to US is paused (error_rate 0.09 > 0.05)" },
    });
    // A breach that ended before eu completed (while it ramped) is eu's own business, not its soak's.
    const earlier: StageFacts = { ...NO_STAGE_FACTS, criticalAlerts: [{ metric: "error_rate", detail: "x", openedAt: at(120), closedAt: at(150) }] };
    expect(when(p, euDone, { type: "start", track: "us" }, 4000, earlier).ok).toBe(true);
    // One still open when the soak began (opened inconclusive during the ramp, critical since) breaks the soak.
    const lasting: StageFacts = { ...NO_STAGE_FACTS, criticalAlerts: [{ metric: "error_rate", detail: "x", openedAt: at(120), closedAt: null }] };
    expect(when(p, euDone, { type: "start", track: "us" }, 4000, lasting)).toMatchObject({ ok: false, refusal: { code: "promotion_blocked" } });
    // One after the soak ended is the next stage's business.
    const later: StageFacts = { ...NO_STAGE_FACTS, criticalAlerts: [{ metric: "error_rate", detail: "x", openedAt: at(3900), closedAt: null }] };
    expect(when(p, euDone, { type: "start", track: "us" }, 4000, later).ok).toBe(true);
    const overridden = decide(p, euDone, { type: "start", track: "us", actor: "ann", override: true, reason: "breach was a probe, see INC-12" }, gatesAt(at(4000), breach));
    if (!overridden.ok) throw new Error(overridden.refusal.message);
    expect(overridden.events[0]).toMatchObject({ type: "override", reason: "breach was a probe, see INC-12", data: { action: "start", track: "us" } });
    expect(overridden.events.some((e) => e.type === "started")).toBe(true);
  });

  it("an environment with approvers needs its approvals before its stage opens", () => {
    const p = plan();
    const euDone = given(p, throughEu);
    const env: StageFacts = { ...NO_STAGE_FACTS, environments: { us: { approverRoles: ["release-manager"], requiredApprovals: 2 } } };
    const waiting = when(p, euDone, { type: "start", track: "us" }, 3800, env);
    expect(waiting).toMatchObject({ ok: false, refusal: { code: "track_waiting", message: "US: waiting for promotion approval into us (0 of 2, by release-manager)" } });
    const one = { ...env, approvals: [{ stage: "us", by: "ann", role: "admin", at: at(3000) }, { stage: "us", by: "ann", role: "admin", at: at(3001) }] };
    expect(when(p, euDone, { type: "start", track: "us" }, 3800, one).ok).toBe(false);
    const two = { ...one, approvals: [...one.approvals, { stage: "us", by: "bob", role: "release-manager", at: at(3002) }] };
    expect(when(p, euDone, { type: "start", track: "us" }, 3800, two).ok).toBe(true);
  });

  it("the promotion gate is the stage's checklist and sign-offs, with a quorum", () => {
    const p = plan({}, {}, { signoffs: ["sre", "product", "security"], quorum: 2 });
    const euDone = given(p, throughEu);
    const phase = 1000 + 100 * 2 + 99;
    const signed = (roles: string[]) => roles.map((role) => ({ waveIndex: phase, role, decision: "approve" as const, by: role, comment: null }));
    const refused = decide(p, euDone, { type: "start", track: "us", actor: "ann" }, gatesAt(at(3800), NO_STAGE_FACTS, { signoffs: signed(["sre"]) }));
    expect(refused).toMatchObject({ ok: false, refusal: { code: "gates_unmet" } });
    const ok = decide(p, euDone, { type: "start", track: "us", actor: "ann" }, gatesAt(at(3800), NO_STAGE_FACTS, { signoffs: signed(["sre", "security"]) }));
    expect(ok.ok).toBe(true);
  });

  it("a rollback in eu pauses us, holds its promotion and asks about staging (default rollbackUpstream: ask)", () => {
    const p = plan();
    const usRunning = given(p, [...throughEu, ["start", "us", 3800]]);
    const rolled = when(p, usRunning, { type: "rollback", track: "eu", reason: "EU errors" }, 3900);
    if (!rolled.ok) throw new Error(rolled.refusal.message);
    expect(rolled.events.map((e) => [e.type, (e.data as { track?: string }).track ?? null])).toEqual([
      ["rolled_back", "eu"],
      ["paused", "us"],
      ["promotion_paused", null],
    ]);
    expect(rolled.events[2]!.data).toEqual({ stage: "eu", environment: "eu", downstream: ["us"], paused: ["us"], upstream: ["staging"], rollbackUpstream: "ask" });
    expect(rolled.state.tracks!.staging!.status).toBe("completed");
    expect(rolled.state.tracks!.us!.status).toBe("paused");
  });

  it("rollbackUpstream: yes takes the stages before it down too", () => {
    const p = plan({ rollbackUpstream: "yes" });
    const euRunning = given(p, throughEu.slice(0, 4));
    const rolled = when(p, euRunning, { type: "rollback", track: "eu", reason: "EU errors" }, 300);
    if (!rolled.ok) throw new Error(rolled.refusal.message);
    expect(rolled.events.filter((e) => e.type === "rolled_back").map((e) => (e.data as { track?: string }).track)).toEqual(["staging", "eu"]);
    // us can no longer open: its upstream was rolled back.
    expect(when(p, rolled.state, { type: "start", track: "us" }, 9000)).toMatchObject({ ok: false, refusal: { code: "promotion_blocked", message: "EU was rolled back: promotion to US is paused" } });
  });

  it("after: several upstream stages, all or any", () => {
    const base = {
      name: "Fan in",
      service: "checkout",
      version: "3.1",
    };
    const make = (mode: "all" | "any") =>
      PlanSchema.parse({
        ...base,
        tracks: [stage("eu", "EU", [100]), stage("apac", "APAC", [100]), stage("us", "US", [100], { after: { tracks: ["eu", "apac"], mode } })],
      });
    const euOnly: [Command["type"], string | undefined, number][] = [
      ["start", "eu", 0],
      ["continue", "eu", 1],
    ];
    expect(when(make("all"), given(make("all"), euOnly), { type: "start", track: "us" }, 10)).toMatchObject({ ok: false, refusal: { message: "US starts after APAC completes" } });
    expect(when(make("any"), given(make("any"), euOnly), { type: "start", track: "us" }, 10).ok).toBe(true);
    expect(downstreamOf(make("all"), "eu")).toEqual(["us"]);
    expect([30, 60, 720, 4320, 7200].map(spokenDuration)).toEqual(["30 s", "1 min", "12 min", "1 h 12 min", "2 h"]);
    expect(upstreamStagesOf(plan(), "us")).toEqual(["eu", "staging"]);
  });

  it("the plan refuses stage fields without an environment, and after naming both track and tracks", () => {
    const bad = PlanSchema.safeParse({
      name: "x",
      service: "s",
      version: "1",
      tracks: [
        { key: "a", name: "A", waves: [{ name: "all", trafficPercent: 100 }], soakSeconds: 5 },
        { key: "b", name: "B", waves: [{ name: "all", trafficPercent: 100 }], after: { track: "a", tracks: ["a"] } },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain("tracks.0.soakSeconds: soakSeconds and autoPromote are for stages: give the track an environment");
    expect(messages.some((m) => m.startsWith("tracks.1.after.track: name one upstream"))).toBe(true);
  });
});

describe("stage map", () => {
  it("says where each stage stands and what holds the next one", async () => {
    const { stageMapOf } = await import("./stage-map");
    const map = stageMapOf([
      { key: "staging", name: "Staging", environment: "staging", status: "completed", trafficPercent: 100 },
      { key: "eu", name: "EU", environment: "eu", status: "running", trafficPercent: 50 },
      { key: "us", name: "US", environment: "us", status: "draft", trafficPercent: 0, waitingFor: "US: waiting for EU soak (1 h 12 min)" },
    ]);
    expect(map?.stages.map((s) => `${s.name}: ${s.label}`)).toEqual(["Staging: done", "EU: 50 %", "US: waiting"]);
    expect(map?.next).toEqual({ name: "US", reason: "waiting for EU soak (1 h 12 min)" });
    expect(map?.current?.name).toBe("EU");
    const plain = stageMapOf([{ key: "us", name: "US", environment: "us", status: "draft", trafficPercent: 0, waitingFor: "US starts after EU completes" }]);
    expect(plain?.next?.reason).toBe("starts after EU completes");
    expect(stageMapOf([{ key: "a", name: "A", status: "draft", trafficPercent: 0 }])).toBeNull();
  });
});
