import { describe, expect, it } from "vitest";
import { cellOf, signoffChangedAt, signoffRolesOf, waveSignoffProgress } from "./signoff-matrix";
import type { EventView, ReleaseView, WaveView } from "./types";

const wave = (index: number, requiredSignoffs: string[], signoffs: Partial<WaveView["signoffs"][number]>[] = []) =>
  ({
    index,
    requiredSignoffs,
    signoffs: signoffs.map((s) => ({ waveIndex: index, by: "pat", comment: null, decision: "approve", role: "", ...s })),
  }) as unknown as WaveView;

describe("signoff matrix", () => {
  it("lists each required role once, in the order the plan first asks for it", () => {
    const view = { waves: [wave(0, ["Dev"]), wave(1, ["PM", "Dev"]), wave(2, ["Ops", "PM"])] } as unknown as ReleaseView;
    expect(signoffRolesOf(view)).toEqual(["Dev", "PM", "Ops"]);
  });

  it("tells approved, rejected, waiting and not required apart", () => {
    const w = wave(1, ["PM", "Dev", "Ops"], [{ role: "PM" }, { role: "Dev", decision: "reject", comment: "not yet" }]);
    expect(cellOf(w, "PM").decision).toBe("approve");
    expect(cellOf(w, "Dev")).toMatchObject({ decision: "reject", signoff: { comment: "not yet" } });
    expect(cellOf(w, "Ops")).toMatchObject({ decision: "pending", signoff: null, signoffs: [], approvals: 0, needed: 1 });
    expect(cellOf(w, "Security").decision).toBe("none");
    expect(waveSignoffProgress(w)).toEqual({ approved: 1, required: 3 });
  });

  it("finds when a cell last changed from the newest matching sign-off event", () => {
    const ev = (seq: number, data: Record<string, unknown>, type = "signoff") => ({ seq, type, at: `t${seq}`, data }) as unknown as EventView;
    const events = [ev(1, { waveIndex: 1, role: "PM" }), ev(2, { waveIndex: 0, role: "PM" }), ev(3, { waveIndex: 1, role: "PM" }), ev(4, {}, "paused")];
    expect(signoffChangedAt(events, 1, "PM")).toBe("t3");
    expect(signoffChangedAt(events, 2, "PM")).toBeNull();
  });
});
