// Issue 22: a plan of several tracks (a programme). The shape is the agreed contract (TRACKS.md).
import { describe, expect, it } from "vitest";
import { planJsonSchema } from "./plan-json-schema";
import { PlanSchema } from "./plan";

const ramp = (key: string, percents: number[], extra: Record<string, unknown> = {}) => ({
  key,
  name: key,
  waves: percents.map((trafficPercent, i) => ({ name: `${key} ${i + 1}`, trafficPercent })),
  ...extra,
});

const programme = (tracks: unknown[], extra: Record<string, unknown> = {}) => ({ name: "Search programme", service: "search", version: "2.0", tracks, ...extra });

function issues(input: unknown) {
  const parsed = PlanSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("PlanSchema: tracks", () => {
  it("accepts a step track, then ramps ordered by after, with flags on each ramp", () => {
    const plan = PlanSchema.parse(
      programme([
        { key: "dark-deploy", name: "Dark deploy", kind: "step", checklist: [{ text: "Deployed dark", ownerRole: "SRE" }], signoffs: ["Release manager"], bakeSeconds: 3600 },
        ramp("search", [10, 25, 50, 100], { after: { track: "dark-deploy", when: "completed" }, flags: [{ key: "search-v2" }] }),
        ramp("installation", [10, 50, 75, 100], { after: { track: "search", when: { wave: 2 } }, delaySeconds: 600, flags: [{ key: "install-v2" }] }),
      ]),
    );
    expect(plan.waves).toEqual([]);
    expect(plan.tracks?.map((t) => [t.key, t.kind])).toEqual([["dark-deploy", "step"], ["search", "ramp"], ["installation", "ramp"]]);
    // WaveSchema's defaults apply inside tracks too.
    expect(plan.tracks?.[1].waves?.[0].bakeSeconds).toBe(0);
  });

  it("a plan without tracks is today's plan, and a plan needs waves or tracks", () => {
    expect(PlanSchema.parse({ name: "a", service: "b", version: "1", waves: [{ name: "All", trafficPercent: 100 }] }).tracks).toBeUndefined();
    expect(issues({ name: "a", service: "b", version: "1" })).toEqual([{ path: "waves", message: "a plan needs waves or tracks" }]);
  });

  it("refuses top-level waves or flags beside tracks", () => {
    const found = issues(programme([ramp("a", [100])], { waves: [{ name: "All", trafficPercent: 100 }], flags: [{ key: "x" }] }));
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining(["waves", "flags"]));
  });

  it("refuses a duplicate key, an after naming a later or unknown track, and a wave that does not exist", () => {
    expect(issues(programme([ramp("a", [100]), ramp("a", [100])]))).toContainEqual({ path: "tracks.1.key", message: 'track "a" is listed twice' });
    expect(issues(programme([ramp("a", [100], { after: { track: "b", when: "completed" } }), ramp("b", [100])]))).toContainEqual({
      path: "tracks.0.after.track",
      message: '"after" must name an earlier track ("b" comes later or is this track)',
    });
    expect(issues(programme([ramp("a", [100], { after: { track: "a", when: "completed" } })]))[0].path).toBe("tracks.0.after.track");
    expect(issues(programme([ramp("a", [100], { after: { track: "zz", when: "completed" } })]))[0].message).toMatch(/does not have/);
    expect(issues(programme([ramp("a", [50, 100]), ramp("b", [100], { after: { track: "a", when: { wave: 3 } } })]))).toContainEqual({
      path: "tracks.1.after.when.wave",
      message: 'track "a" has no wave 3 (it has 2)',
    });
  });

  it("a step track has no waves and no flags; a ramp has waves that rise and end at 100 %", () => {
    const step = issues(programme([{ key: "s", name: "S", kind: "step", waves: [{ name: "x", trafficPercent: 100 }], flags: [{ key: "f" }] }]));
    expect(step.map((i) => i.path)).toEqual(["tracks.0.waves", "tracks.0.flags"]);
    expect(issues(programme([{ key: "r", name: "R" }]))).toEqual([{ path: "tracks.0.waves", message: "a ramp track needs at least one wave" }]);
    expect(issues(programme([ramp("r", [50, 25, 100])]))[0]).toEqual({ path: "tracks.0.waves.1.trafficPercent", message: "traffic must rise strictly from wave to wave (50% then 25%)" });
    expect(issues(programme([ramp("r", [10, 50])]))[0]).toEqual({ path: "tracks.0.waves.1.trafficPercent", message: "the last wave must reach 100% traffic (it has 50%)" });
  });

  it("flag keys are unique across tracks", () => {
    expect(issues(programme([ramp("a", [100], { flags: [{ key: "f" }] }), ramp("b", [100], { flags: [{ key: "f" }] })]))).toEqual([
      { path: "tracks.1.flags.0.key", message: 'flag "f" is listed twice' },
    ]);
  });

  it("checks each track's guardrails: duplicates, and guardrails that can never fire", () => {
    const g = { metric: "error_rate", comparator: ">", critical: 0.05 };
    expect(issues(programme([ramp("a", [100], { guardrails: [g, g] })]))).toContainEqual({ path: "tracks.0.guardrails.1.metric", message: 'guardrail for "error_rate" is listed twice' });
    const never = issues(programme([{ ...ramp("a", [100]), waves: [{ name: "All", trafficPercent: 100, guardrails: [{ ...g, critical: 5 }] }] }]));
    expect(never.map((i) => i.path)).toContain("tracks.0.waves.0.guardrails.0.critical");
    expect(issues(programme([ramp("a", [100], { guardrails: [{ ...g, critical: 5 }] })])).map((i) => i.path)).toContain("tracks.0.guardrails.0.critical");
  });

  it("rollback levels may name tracks, only tracks the plan has", () => {
    const rollback = (tracks: string[]) => ({ levels: [{ name: "Flags off", tracks }] });
    expect(issues(programme([ramp("a", [100])], { rollback: rollback(["a"]) }))).toEqual([]);
    expect(issues(programme([ramp("a", [100])], { rollback: rollback(["b"]) }))).toEqual([
      { path: "rollback.levels.0.tracks.0", message: 'rollback level names track "b", which the plan does not have' },
    ]);
  });

  it("at most 20 tracks, and delaySeconds needs an after", () => {
    expect(issues(programme(Array.from({ length: 20 }, (_, i) => ramp(`t${i}`, [100]))))).toEqual([]);
    expect(issues(programme(Array.from({ length: 21 }, (_, i) => ramp(`t${i}`, [100]))))[0].path).toBe("tracks");
    expect(issues(programme([ramp("a", [100], { delaySeconds: 60 })]))[0].path).toBe("tracks.0.delaySeconds");
  });

  it("is published in the plan's JSON schema", () => {
    const schema = planJsonSchema() as { properties: Record<string, { items?: { properties: Record<string, unknown> } }> };
    expect(Object.keys(schema.properties.tracks.items!.properties)).toEqual(
      expect.arrayContaining(["key", "name", "kind", "after", "delaySeconds", "flags", "waves", "guardrails", "checklist", "signoffs", "bakeSeconds"]),
    );
  });
});
