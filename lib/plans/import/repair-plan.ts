// What keeps the draft a valid plan with every proposal filled in: ramps that do not rise or stop short of 100 %
// get a proposal and a blocking question; guardrails that could never fire (the plan check's errors) leave the
// draft and become questions; whatever the schema still refuses is asked at its field.
import { findIneffectiveGuardrails } from "../core/check-guardrails";
import { PlanSchema } from "../core/plan";
import type { Draft, DraftWave, Guardrail } from "./draft";

type Path = (string | number)[];

/** The plan as PlanSchema sees it: itself, or, for a programme, one plain plan per ramp track (its waves and flags). */
export function validationViews(plan: Record<string, unknown>): { view: Record<string, unknown>; toPlanPath: (p: Path) => Path }[] {
  const tracks = plan.tracks as { kind: string; waves?: unknown[]; flags?: unknown[] }[] | undefined;
  if (!tracks) return [{ view: plan, toPlanPath: (p) => p }];
  const { tracks: _, ...rest } = plan;
  // Steps only: the plan's own fields are still checked, around a stand-in wave the schema needs.
  if (!tracks.some((t) => t.kind === "ramp")) return [{ view: { ...rest, waves: [{ name: "steps", trafficPercent: 100 }] }, toPlanPath: (p: Path) => p }];
  return tracks.flatMap((t, k) =>
    t.kind === "ramp"
      ? [{
          view: { ...rest, waves: t.waves ?? [], ...(t.flags ? { flags: t.flags } : {}) },
          toPlanPath: (p: Path) => (p[0] === "waves" || p[0] === "flags" ? ["tracks", k, ...p] : p),
        }]
      : [],
  );
}

export function repairRamps(d: Draft) {
  if (d.tracks) {
    for (const [k, t] of d.tracks.entries()) if (t.kind === "ramp") repairRamp(d, t.waves, `tracks[${k}].waves`);
  }
  else repairRamp(d, d.waves, "waves");
}

/** The longest a wave may bake or wait for its decision in a plan (the schema's bound). */
const MAX_WAVE_SECONDS = 90 * 86400;

function repairRamp(d: Draft, waves: DraftWave[], path: string) {
  for (let i = 0; i < waves.length; i++) {
    const w = waves[i];
    if (w.bakeSeconds > MAX_WAVE_SECONDS) {
      // "From this date to that one, two years later": longer than a wave may last; the longest is proposed.
      const days = Math.round(w.bakeSeconds / 86400);
      w.bakeSeconds = MAX_WAVE_SECONDS;
      d.ask({
        field: `${path}[${i}].bakeSeconds`,
        question: `Stage "${w.name}" lasts about ${days} days; a wave bakes at most 90 days. The draft proposes 90 days; confirm it or split the stage.`,
        proposed: MAX_WAVE_SECONDS,
        blocking: true,
        source: { fromLine: w.line, toLine: w.line },
      });
    }
    if (w.maxSeconds !== undefined && w.maxSeconds > MAX_WAVE_SECONDS) w.maxSeconds = MAX_WAVE_SECONDS;
    const prev = waves.slice(0, i).reverse().find((p) => (p.unit ?? null) === (w.unit ?? null));
    const floor = prev?.trafficPercent ?? 0;
    const possible = w.trafficPercent > 0 && w.trafficPercent <= 100;
    if ((possible && w.trafficPercent > floor) || floor >= 100) continue;
    const left = waves.length - i;
    let v = floor + (100 - floor) / left;
    v = v >= 1 ? Math.round(v) : Math.round(v * 1000) / 1000;
    if (v <= floor) v = Math.min(100, floor + 0.001);
    const written = w.trafficPercent;
    w.trafficPercent = Math.round(v * 1000) / 1000;
    d.ask({
      field: `${path}[${i}].trafficPercent`,
      question: possible
        ? `Stage "${w.name}" reaches ${written}%, no more than "${prev?.name}" before it (${floor}%); shares must rise. Which share is meant?`
        : `Stage "${w.name}" reaches ${written}%, which no share can be (0 to 100 %). Which share is meant?`,
      proposed: w.trafficPercent,
      blocking: true,
      source: { fromLine: w.line, toLine: w.line },
    });
  }
  // Stages after one that already reaches everyone cannot rise: they leave the ramp, and the question says so.
  const full = waves.findIndex((w) => w.trafficPercent >= 100);
  if (full >= 0 && full < waves.length - 1) {
    const dropped = waves.splice(full + 1);
    d.ask({
      field: path,
      targets: [],
      question: `${dropped.length} stage(s) after "${waves[full].name}" (100%) cannot rise further and were left out: ${dropped.map((w) => `"${w.name}"`).join(", ").slice(0, 300)}. Should they be separate steps?`,
      proposed: null,
      blocking: false,
      source: { fromLine: dropped[0].line, toLine: dropped[dropped.length - 1].line },
    });
  }
  const last = waves[waves.length - 1];
  if (last && last.trafficPercent !== 100) {
    if (waves.length < 20) {
      const wave: DraftWave = { name: "Full rollout", trafficPercent: 100, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], ...(last.unit ? { unit: last.unit } : {}), line: last.line, percentKnown: false };
      waves.push(wave);
      d.ask({
        field: `${path}[${waves.length - 1}]`,
        question: `The stages end at ${last.trafficPercent}% ("${last.name}"); a ramp ends at 100%. The draft adds a last stage at 100%; keep it, or say how the rollout finishes.`,
        proposed: { name: wave.name, trafficPercent: 100, bakeSeconds: 0 },
        blocking: true,
        source: { fromLine: last.line, toLine: last.line },
      });
    } else {
      last.trafficPercent = 100;
      d.ask({ field: `${path}[${waves.length - 1}].trafficPercent`, question: `The last stage "${last.name}" must reach 100%.`, proposed: 100, blocking: true, source: { fromLine: last.line, toLine: last.line } });
    }
  }
}

/**
 * Levels that contradict each other ("warning 0.4, critical 0.09" for ">") cannot all be meant: the critical
 * threshold stays, the warning or target leaves the draft, and a question says so.
 */
export function repairGuardrailLevels(d: Draft) {
  const lists: [Guardrail[], string][] = [[d.guardrails, "guardrails"]];
  for (const [i, w] of d.waves.entries()) lists.push([w.guardrails, `waves[${i}].guardrails`]);
  for (const [k, t] of (d.tracks ?? []).entries()) for (const [i, w] of t.waves.entries()) lists.push([w.guardrails, `tracks[${k}].waves[${i}].guardrails`]);
  for (const [list, path] of lists) {
    list.forEach((g, j) => {
      const worse = g.comparator.startsWith(">") ? (a: number, b: number) => a <= b : (a: number, b: number) => a >= b;
      const drop = (field: "warning" | "target", value: number, against: string) => {
        delete g[field];
        d.ask({
          field: `${path}[${j}].${field}`,
          question: `The ${field} ${value} for ${g.metric} is not on the healthy side of ${against}, so both cannot hold; the draft keeps the critical threshold ${g.critical} and leaves the ${field} out. What is meant?`,
          proposed: null,
          blocking: false,
          source: d.sources[`${path}[${j}]`] ?? { fromLine: 1, toLine: 1 },
        });
      };
      if (g.warning !== undefined && !worse(g.warning, g.critical)) drop("warning", g.warning, `the critical ${g.critical}`);
      const bound = g.warning ?? g.critical;
      if (g.target !== undefined && !worse(g.target, bound)) drop("target", g.target, `${bound}`);
    });
  }
}

/**
 * Guardrails the plan check says can never fire ("error_rate > 5" as a ratio, a latency beyond what a request can
 * take) are taken out of the draft: a question names them, and nothing impossible is proposed.
 */
export function removeIneffectiveGuardrails(d: Draft, plan: Record<string, unknown>): boolean {
  const doomed: { list: Guardrail[]; g: Guardrail; path: string; message: string }[] = [];
  for (const { view, toPlanPath } of validationViews(plan)) {
    let findings: ReturnType<typeof findIneffectiveGuardrails>;
    try {
      findings = findIneffectiveGuardrails(view as never);
    } catch {
      continue;
    }
    for (const f of findings) {
      if (f.severity !== "error") continue;
      const p = toPlanPath(f.path);
      const wavePath = p[0] === "tracks" ? p.slice(0, 4) : p.slice(0, 2);
      const list = guardrailList(d, p);
      const j = Number(p[p.indexOf("guardrails") + 1]);
      const g = list?.[j];
      if (!list || !g || doomed.some((x) => x.g === g)) continue;
      doomed.push({ list, g, path: wavePath.join("."), message: f.message });
    }
  }
  for (const { list, g, message } of doomed) {
    list.splice(list.indexOf(g), 1);
    d.ask({
      field: "guardrails",
      targets: [],
      question: `A ${g.metric} rule ${g.comparator} ${g.critical} can never fire (${message}). It is left out of the draft; which threshold is meant?`,
      proposed: null,
      blocking: true,
      source: { fromLine: 1, toLine: 1 },
    });
  }
  return doomed.length > 0;
}

function guardrailList(d: Draft, p: Path): Guardrail[] | undefined {
  if (p[0] === "guardrails") return d.guardrails;
  if (p[0] === "waves") return d.waves[p[1] as number]?.guardrails;
  if (p[0] === "tracks") return d.tracks?.[p[1] as number]?.waves[p[3] as number]?.guardrails;
  return undefined;
}

export function schemaIssues(plan: Record<string, unknown>): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  const seen = new Set<string>();
  for (const { view, toPlanPath } of validationViews(plan)) {
    const parsed = PlanSchema.safeParse(view);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const path = toPlanPath(issue.path as Path);
      const key = `${path.join(".")}|${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ path, message: issue.message });
    }
  }
  return out;
}
