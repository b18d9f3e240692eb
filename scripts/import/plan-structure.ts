// Reads the shape the scorer compares out of a plan input: tracks (or the one implicit track of a plan without
// them), guardrails with the unit their thresholds are written in, and every checklist item's text.
import { type ActualGuardrail, type ActualTrack, actualUnit } from "./corpus-compare";

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as Obj[]) : []);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function waves(list: unknown): ActualTrack["waves"] {
  return arr(list).map((w) => ({ name: str(w.name), percent: num(w.trafficPercent), durationSeconds: num(w.bakeSeconds) }));
}

function flagKeys(list: unknown): string[] {
  return arr(list)
    .map((f) => str(f.key))
    .filter((k): k is string => k !== null);
}

export function tracksOf(plan: Obj): ActualTrack[] {
  const tracks = arr(plan.tracks);
  if (tracks.length === 0) {
    // A plan without tracks is one ramp: its waves and flags, under the plan's name.
    return [{ name: str(plan.name) ?? "", kind: "ramp", after: null, flags: flagKeys(plan.flags), waves: waves(plan.waves) }];
  }
  const nameOfKey = new Map(tracks.map((t) => [str(t.key), str(t.name) ?? str(t.key) ?? ""]));
  return tracks.map((t) => {
    const after = t.after && typeof t.after === "object" ? str((t.after as Obj).track) : null;
    return {
      name: str(t.name) ?? str(t.key) ?? "",
      kind: t.kind === "step" ? "step" : "ramp",
      after: after === null ? null : (nameOfKey.get(after) ?? after),
      flags: flagKeys(t.flags),
      waves: t.kind === "step" ? [] : waves(t.waves),
    };
  });
}

export function guardrailsOf(plan: Obj): ActualGuardrail[] {
  const declared = new Map(arr(plan.metrics).map((m) => [str(m.key), str(m.unit) ?? undefined]));
  const lists = [plan.guardrails, ...arr(plan.waves).map((w) => w.guardrails), ...arr(plan.tracks).flatMap((t) => [t.guardrails, ...arr(t.waves).map((w) => w.guardrails)])];
  return lists.flatMap((l) =>
    arr(l).flatMap((g) => {
      const metric = str(g.metric);
      const threshold = num(g.critical);
      if (metric === null || threshold === null) return [];
      return [{ metric, comparator: str(g.comparator) ?? "", threshold, unit: actualUnit(metric, declared.get(metric)) }];
    }),
  );
}

export function checklistTextsOf(plan: Obj): string[] {
  const lists: unknown[] = [plan.preChecklist, (plan.hypercare as Obj | undefined)?.checklist];
  for (const w of arr(plan.waves)) lists.push(w.checklist);
  for (const t of arr(plan.tracks)) {
    lists.push(t.checklist);
    for (const w of arr(t.waves)) lists.push(w.checklist);
  }
  const texts = lists.flatMap((l) => arr(l).map((i) => str(i.text) ?? ""));
  // Rollback steps are kept checklist-like items too ("- [ ] revert the flag" under a rollback heading).
  for (const level of arr((plan.rollback as Obj | undefined)?.levels)) for (const s of arr(level.steps)) texts.push(str(s.text) ?? "");
  return texts.filter((t) => t !== "");
}
