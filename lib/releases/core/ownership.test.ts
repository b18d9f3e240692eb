// Ownership rules (issue 15): who may tick an item, when sign-offs are open, what RETRY and STEP BACK reopen.
import { describe, expect, it } from "vitest";
import { HYPERCARE_PHASE, PRE_START_PHASE, type ChecklistItemStatus, type SignoffStatus } from "./gates";
import type { ReleaseState } from "./machine";
import { mayTick, signoffOpen, type Person } from "./ownership";
import { reopenedBy } from "./reopen";

const person = (over: Partial<Person>): Person => ({ name: "ann@x", role: "approver", signoffRoles: [], mayCommand: false, ...over });

describe("mayTick", () => {
  it("owners tick their own items", () => {
    expect(mayTick(person({ signoffRoles: ["Security"] }), "Security", "ic@x")).toEqual({ ok: true, as: "owner", onBehalfOf: null });
  });

  it("the release's commander and admins tick on the owner's behalf; other commanders do not", () => {
    expect(mayTick(person({ name: "ic@x", role: "commander", mayCommand: true }), "Security", "ic@x")).toEqual({ ok: true, as: "commander", onBehalfOf: "Security" });
    expect(mayTick(person({ role: "admin", mayCommand: true }), "Security", "ic@x")).toEqual({ ok: true, as: "admin", onBehalfOf: "Security" });
    expect(mayTick(person({ name: "other@x", role: "commander", mayCommand: true }), "Security", "ic@x")).toEqual({
      ok: false,
      message: "Only its owner (Security), the commander (ic@x) or an admin may change this item",
    });
  });

  it("an unowned item belongs to the commander; before anyone commands, anyone who may command stands in", () => {
    expect(mayTick(person({ signoffRoles: ["Security"] }), null, "ic@x")).toEqual({
      ok: false,
      message: "This item has no owner: only the release's commander (ic@x) or an admin may change it",
    });
    expect(mayTick(person({ name: "ic@x", mayCommand: true }), null, "ic@x")).toEqual({ ok: true, as: "commander", onBehalfOf: null });
    expect(mayTick(person({ name: "x@x", role: "commander", mayCommand: true }), null, null)).toEqual({ ok: true, as: "commander", onBehalfOf: null });
    expect(mayTick(person({}), null, null).ok).toBe(false);
  });
});

describe("signoffOpen", () => {
  const s = (status: ReleaseState["status"], currentWaveIndex = 0): ReleaseState => ({ status, currentWaveIndex, trafficPercent: 10, waveStartedAt: null });
  it("a wave's sign-offs are open while it runs or is paused, not before and not after", () => {
    expect(signoffOpen(s("running", 1), 1)).toEqual({ ok: true });
    expect(signoffOpen(s("paused", 1), 1)).toEqual({ ok: true });
    expect(signoffOpen(s("draft"), 0).ok).toBe(false);
    expect(signoffOpen(s("running", 0), 1)).toEqual({ ok: false, message: "Sign-offs for wave 2 open when that wave is running (they decide whether to leave it)" });
    expect(signoffOpen(s("running", 2), 1).ok).toBe(false);
    expect(signoffOpen(s("rolled_back", 1), 1).ok).toBe(false);
    expect(signoffOpen(s("completed", 3), 3).ok).toBe(false);
  });
  it("pre-start sign-offs while a draft, hypercare's while in hypercare", () => {
    expect(signoffOpen(s("draft"), PRE_START_PHASE)).toEqual({ ok: true });
    expect(signoffOpen(s("running"), PRE_START_PHASE).ok).toBe(false);
    expect(signoffOpen(s("hypercare", 2), HYPERCARE_PHASE)).toEqual({ ok: true });
    expect(signoffOpen(s("running", 2), HYPERCARE_PHASE).ok).toBe(false);
  });
});

describe("reopenedBy: RETRY and STEP BACK reopen the decisions of the waves run again", () => {
  const item = (id: string, waveIndex: number | null, over: Partial<ChecklistItemStatus & { bound: boolean }> = {}) => ({
    id,
    waveIndex,
    text: id,
    ownerRole: "Ops",
    required: true,
    state: "met" as const,
    gate: "exit" as const,
    bound: false,
    ...over,
  });
  const sign = (waveIndex: number): SignoffStatus => ({ waveIndex, role: "PM", decision: "approve", by: "pm", comment: null });
  const items = [
    item("pre", null),
    item("w0", 0),
    item("w0-entry", 0, { gate: "entry" }),
    item("w1", 1),
    item("w1-entry", 1, { gate: "entry" }),
    item("w1-bound", 1, { bound: true }),
    item("w1-open", 1, { state: "open" }),
    item("step", null, { gate: "rollback" }),
    item("hc", null, { gate: "hypercare" }),
  ];
  const signoffs = [sign(PRE_START_PHASE), sign(0), sign(1)];

  it("RETRY: every wave's manual items (not the first wave's entry list, not metric-bound ones) and every wave sign-off", () => {
    const r = reopenedBy(
      { status: "rolled_back", currentWaveIndex: 1, trafficPercent: 0, waveStartedAt: null },
      { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: null },
      items,
      signoffs,
      2,
    );
    expect(r).toEqual({ itemIds: ["w0", "w1", "w1-entry", "hc"], signoffWaves: [0, 1] });
  });

  it("STEP BACK: the wave returned to and the ones after it", () => {
    const r = reopenedBy(
      { status: "running", currentWaveIndex: 2, trafficPercent: 50, waveStartedAt: null },
      { status: "paused", currentWaveIndex: 1, trafficPercent: 25, waveStartedAt: null },
      items,
      signoffs,
      3,
    );
    expect(r).toEqual({ itemIds: ["w1", "hc"], signoffWaves: [1] });
  });

  it("anything else reopens nothing", () => {
    const r = reopenedBy(
      { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: null },
      { status: "running", currentWaveIndex: 1, trafficPercent: 50, waveStartedAt: null },
      items,
      signoffs,
      2,
    );
    expect(r).toEqual({ itemIds: [], signoffWaves: [] });
  });
});
