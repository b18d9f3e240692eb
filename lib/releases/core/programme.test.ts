// Issue 22: the programme machine as given-events / when-command / then-events sequences. Each `given` is a list of
// commands replayed through `decide` from draft; `when` is the command under test; `then` is what it emits or why
// it is refused.
import { describe, expect, it } from "vitest";
import type { ChecklistItemStatus, GateInputs } from "./gates";
import { decide, describeCommand, initialState, type Command, type Decision, type DomainEvent, type ReleaseState } from "./machine";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import { summarize, trackPhase, tracksFromJson, tracksToJson, waitingFor } from "./tracks";

const T0 = new Date("2030-03-01T09:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const ramp = (key: string, name: string, percents: number[], extra: Record<string, unknown> = {}) => ({
  key,
  name,
  waves: percents.map((trafficPercent) => ({ name: `${name} ${trafficPercent}%`, trafficPercent })),
  flags: [{ key: `${key}-flag` }],
  ...extra,
});

/** search 10 -> 25 -> 50 -> 100, then installation 10 -> 50 -> 75 -> 100 once search completed. */
const twoTracks: Plan = PlanSchema.parse({
  name: "Search and installation",
  service: "search",
  version: "2.0",
  tracks: [
    ramp("search", "Search migration", [10, 25, 50, 100]),
    ramp("installation", "Installation", [10, 50, 75, 100], { after: { track: "search", when: "completed" } }),
  ],
  rollback: { levels: [{ name: "Everything off" }, { name: "Installation flags off", tracks: ["installation"] }] },
});

/** A dark deploy (a step with a checklist) before a ramp that may start 10 min after it. */
const withStep: Plan = PlanSchema.parse({
  name: "Dark deploy then ramp",
  service: "search",
  version: "2.0",
  tracks: [
    { key: "dark-deploy", name: "Dark deploy", kind: "step", checklist: [{ text: "Binary deployed dark", ownerRole: "SRE" }], signoffs: ["Release manager"] },
    ramp("search", "Search migration", [50, 100], { after: { track: "dark-deploy", when: "completed" }, delaySeconds: 600 }),
  ],
});

interface World {
  checklist?: ChecklistItemStatus[];
  signoffs?: GateInputs["signoffs"];
  breaches?: GateInputs["criticalBreaches"];
}

function gatesAt(now: Date, world: World = {}): GateInputs {
  return { now, waveStartedAt: null, checklist: world.checklist ?? [], signoffs: world.signoffs ?? [], criticalBreaches: world.breaches ?? [] };
}

/** Replays `given` from draft; every given command must be accepted. */
function given(plan: Plan, commands: [Command["type"], string | undefined, number?][], world: World = {}): ReleaseState {
  let state = initialState();
  commands.forEach(([type, track, second], i) => {
    const d = decide(plan, state, { type, actor: "ann", track }, gatesAt(at(second ?? i), world));
    if (!d.ok) throw new Error(`given ${type} ${track}: ${d.refusal.message}`);
    state = d.state;
  });
  return state;
}

const when = (plan: Plan, state: ReleaseState, command: Omit<Command, "actor">, second = 100, world: World = {}): Decision =>
  decide(plan, state, { actor: "ann", ...command }, gatesAt(at(second), world));

const accepted = (d: Decision) => {
  if (!d.ok) throw new Error(d.refusal.message);
  return d;
};
/** The track a machine event was for (every machine event's data may carry it). */
const trackOf = (e: DomainEvent) => ("track" in e.data ? e.data.track : undefined);
const emitted = (d: Decision) => accepted(d).events.map((e: DomainEvent) => `${e.type}:${trackOf(e)}:${e.after?.trafficPercent}`);
const track = (state: ReleaseState, key: string) => state.tracks![key];

describe("programme: starting in order", () => {
  it("a track cannot start before its after-condition holds; the refusal says what it waits for", () => {
    const d = when(twoTracks, initialState(), { type: "start", track: "installation" });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.refusal).toMatchObject({ code: "track_waiting", message: "Installation starts after Search migration completes", details: { track: "installation", after: "search" } });
  });

  it("search driven to 100 % completes it; then installation starts, and the release is running throughout", () => {
    const mid = given(twoTracks, [["start", "search"], ["continue", "search"], ["continue", "search"], ["continue", "search"]]);
    expect(track(mid, "search")).toMatchObject({ status: "running", currentWaveIndex: 3, trafficPercent: 100 });
    expect(when(twoTracks, mid, { type: "start", track: "installation" }).ok).toBe(false);
    const done = accepted(when(twoTracks, mid, { type: "continue", track: "search" }));
    expect(emitted(done)).toEqual(["completed:search:100"]);
    expect(done.state.status).toBe("running"); // a track still to start keeps the programme going
    const next = accepted(when(twoTracks, done.state, { type: "start", track: "installation" }, 200));
    expect(emitted(next)).toEqual(["started:installation:10"]);
    expect(next.state).toMatchObject({ status: "running", trafficPercent: 100 });
    expect(track(next.state, "search").status).toBe("completed");
  });

  it("after { wave } holds once the other track reached that wave, and delaySeconds counts from then", () => {
    const plan = PlanSchema.parse({
      ...twoTracks,
      rollback: undefined,
      tracks: [twoTracks.tracks![0], { ...twoTracks.tracks![1], after: { track: "search", when: { wave: 2 } }, delaySeconds: 60 }],
    });
    const atWave1 = given(plan, [["start", "search", 0]]);
    expect(when(plan, atWave1, { type: "start", track: "installation" }, 500).ok).toBe(false);
    const atWave2 = given(plan, [["start", "search", 0], ["continue", "search", 10]]);
    const early = when(plan, atWave2, { type: "start", track: "installation" }, 30);
    expect(!early.ok && early.refusal.message).toBe("Installation starts 1m after Search migration reaches wave 2 (40s to go)");
    expect(emitted(when(plan, atWave2, { type: "start", track: "installation" }, 70))).toEqual(["started:installation:10"]);
  });

  it("a command on a programme names its track: without one, only PAUSE and ROLLBACK are accepted", () => {
    const d = when(twoTracks, initialState(), { type: "start" });
    expect(!d.ok && d.refusal).toMatchObject({ code: "invalid_request", details: { field: "track", track: null, tracks: ["search", "installation"] } });
    const unknown = when(twoTracks, initialState(), { type: "start", track: "nope" });
    expect(!unknown.ok && unknown.refusal.code).toBe("invalid_request");
    const running = given(twoTracks, [["start", "search"]]);
    expect(when(twoTracks, running, { type: "continue" }).ok).toBe(false);
  });
});

describe("programme: stopping one track or all", () => {
  const bothRunning = () =>
    given(twoTracks, [["start", "search"], ["continue", "search"], ["continue", "search"], ["continue", "search"], ["continue", "search"], ["start", "installation"], ["continue", "installation"]]);

  it("PAUSE of one track never touches the other", () => {
    const state = bothRunning();
    const d = accepted(when(twoTracks, state, { type: "pause", track: "installation" }));
    expect(emitted(d)).toEqual(["paused:installation:50"]);
    expect(track(d.state, "search")).toEqual(track(state, "search"));
    expect(d.state.status).toBe("paused"); // nothing runs any more: search is done, installation held
  });

  it("ROLLBACK of one track takes its share to 0 and leaves the other's share", () => {
    const state = given(twoTracks, [["start", "search"], ["continue", "search"]]);
    const plan = PlanSchema.parse({ ...twoTracks, tracks: [twoTracks.tracks![0], { ...twoTracks.tracks![1], after: undefined }] });
    const two = accepted(when(plan, state, { type: "start", track: "installation" }));
    const d = accepted(when(plan, two.state, { type: "rollback", track: "installation" }));
    expect(emitted(d)).toEqual(["rolled_back:installation:0"]);
    // The first level meant for it: level 1 names no tracks.
    expect(d.events[0].data).toMatchObject({ level: 1, track: "installation", trackName: "Installation" });
    expect(track(d.state, "search")).toMatchObject({ status: "running", trafficPercent: 25 });
    expect(d.state).toMatchObject({ status: "running", trafficPercent: 25 });
  });

  it("PAUSE without a track holds every running track, and only those", () => {
    const plan = PlanSchema.parse({ ...twoTracks, tracks: [twoTracks.tracks![0], { ...twoTracks.tracks![1], after: undefined }] });
    const state = given(plan, [["start", "search"], ["start", "installation"], ["pause", "installation"]]);
    const d = accepted(when(plan, state, { type: "pause" }));
    expect(emitted(d)).toEqual(["paused:search:10"]);
    const nothing = when(plan, d.state, { type: "pause" });
    expect(!nothing.ok && nothing.refusal).toMatchObject({ code: "invalid_transition", message: "No track is running: nothing to pause" });
  });

  it("ROLLBACK without a track rolls back the whole programme, completed tracks included", () => {
    const state = bothRunning();
    const d = accepted(when(twoTracks, state, { type: "rollback" }));
    expect(emitted(d)).toEqual(["rolled_back:search:0", "rolled_back:installation:0"]);
    expect(d.events[0].before?.status).toBe("completed");
    expect(d.state).toMatchObject({ status: "rolled_back", trafficPercent: 0 });
  });

  it("once every track completed the programme has ended: ROLLBACK is refused, with or without a track", () => {
    const done = given(twoTracks, [
      ["start", "search"], ["continue", "search"], ["continue", "search"], ["continue", "search"], ["continue", "search"],
      ["start", "installation"], ["continue", "installation"], ["continue", "installation"], ["continue", "installation"], ["continue", "installation"],
    ]);
    expect(done.status).toBe("completed");
    const all = when(twoTracks, done, { type: "rollback" });
    expect(!all.ok && all.refusal.code).toBe("invalid_transition");
    const one = when(twoTracks, done, { type: "rollback", track: "search" });
    expect(!one.ok && one.refusal.message).toMatch(/^Search migration: Cannot rollback a track that is completed/);
  });

  it("a rollback level that names tracks takes down only those", () => {
    const state = bothRunning();
    const d = accepted(when(twoTracks, state, { type: "rollback", level: 2 }));
    expect(emitted(d)).toEqual(["rolled_back:installation:0"]);
    expect(track(d.state, "search").status).toBe("completed");
  });

  it("RETRY of a rolled-back track starts it again at its first wave, checked against its after-condition", () => {
    const state = bothRunning();
    const back = accepted(when(twoTracks, state, { type: "rollback", track: "installation" }));
    expect(emitted(accepted(when(twoTracks, back.state, { type: "retry", track: "installation" })))).toEqual(["retried:installation:10"]);
    const all = accepted(when(twoTracks, state, { type: "rollback" }));
    const refused = when(twoTracks, all.state, { type: "retry", track: "installation" });
    expect(!refused.ok && refused.refusal.code).toBe("track_waiting");
    expect(emitted(accepted(when(twoTracks, all.state, { type: "retry", track: "search" })))).toEqual(["retried:search:10"]);
  });

  it("a critical breach (the release's) blocks a track's CONTINUE", () => {
    const state = bothRunning();
    const breach = { breaches: [{ metric: "error_rate", detail: "error_rate 0.2 > 0.05" }] };
    const held = when(twoTracks, state, { type: "continue", track: "installation" }, 100, breach);
    expect(!held.ok && held.refusal.code).toBe("gates_unmet");
  });
});

describe("programme: a step track", () => {
  const item = (state: ChecklistItemStatus["state"]): ChecklistItemStatus => ({
    id: "i1",
    waveIndex: trackPhase(0, 0),
    text: "Binary deployed dark",
    ownerRole: "SRE",
    required: true,
    state,
  });
  const signed = [{ waveIndex: trackPhase(0, 0), role: "Release manager", decision: "approve" as const, by: "rm", comment: null }];

  it("START, then its checklist and sign-offs gate COMPLETE; CONTINUE completes it", () => {
    const started = given(withStep, [["start", "dark-deploy", 0]]);
    const blocked = when(withStep, started, { type: "continue", track: "dark-deploy" }, 10, { checklist: [item("open")] });
    expect(!blocked.ok && blocked.refusal.message).toMatch(/^Dark deploy: 2 gates are unmet: Checklist: "Binary deployed dark" is open .*Sign-off: waiting for Release manager/);
    const done = accepted(when(withStep, started, { type: "continue", track: "dark-deploy" }, 10, { checklist: [item("met")], signoffs: signed }));
    expect(done.events.map((e) => `${e.type}:${trackOf(e)}`)).toEqual(["completed:dark-deploy"]);
    expect(track(done.state, "dark-deploy").completedAt).toEqual(at(10));
    // The ramp after it waits 10 minutes from its completion.
    const early = when(withStep, done.state, { type: "start", track: "search" }, 300);
    expect(!early.ok && early.refusal.message).toBe("Search migration starts 10m after Dark deploy completes (5m 10s to go)");
    expect(emitted(when(withStep, done.state, { type: "start", track: "search" }, 610))).toEqual(["started:search:50"]);
  });

  it("another track's items never gate this one", () => {
    const started = given(withStep, [["start", "dark-deploy", 0]]);
    const other = { ...item("open"), waveIndex: trackPhase(1, 0) };
    expect(when(withStep, started, { type: "continue", track: "dark-deploy" }, 10, { checklist: [other], signoffs: signed }).ok).toBe(true);
  });

  it("a step track adds no traffic to the programme's share", () => {
    const started = given(withStep, [["start", "dark-deploy", 0]]);
    expect(started).toMatchObject({ status: "running", trafficPercent: 0 });
  });
});

describe("programme state", () => {
  it("round-trips through JSON and sums up", () => {
    const state = given(twoTracks, [["start", "search", 0], ["continue", "search", 5]]);
    expect(tracksFromJson(tracksToJson(state.tracks!))).toEqual(state.tracks);
    expect(summarize(twoTracks, state.tracks!)).toMatchObject({ status: "running", trafficPercent: 25, waveStartedAt: at(5) });
    expect(waitingFor(twoTracks, twoTracks.tracks![1], state.tracks!, at(10))?.message).toBe("Installation starts after Search migration completes");
  });

  it("describes only the programme-wide commands", () => {
    expect(describeCommand(twoTracks, initialState(), "rollback")).toMatch(/every running track/);
  });
});
