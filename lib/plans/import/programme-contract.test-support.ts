// The programme (tracks) rules of TRACKS.md, checked here until PlanSchema learns them on the programmes branch:
// tests use it to hold the importer to the agreed shape. Each ramp track's waves and flags are also checked by
// PlanSchema itself, as a plain plan (see validationViews).
import { FLAG_KEY } from "../../flags/core/flag-spec";
import { schemaIssues } from "./repair-plan";

const TRACK_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Every way a plan breaks the plan schema or the tracks contract, as "path: message" lines (empty: valid). */
export function programmeProblems(plan: Record<string, unknown>): string[] {
  const problems = schemaIssues(plan).map((i) => `${i.path.join(".")}: ${i.message}`);
  const tracks = plan.tracks as Record<string, unknown>[] | undefined;
  if (!tracks) return problems;
  if ("waves" in plan || "flags" in plan) problems.push("a plan with tracks has no top-level waves or flags");
  if (tracks.length < 1 || tracks.length > 10) problems.push(`tracks: ${tracks.length} tracks (1..10)`);
  const keys: string[] = [];
  const flagKeys = new Set<string>();
  tracks.forEach((t, k) => {
    const at = `tracks.${k}`;
    if (typeof t.key !== "string" || !TRACK_KEY.test(t.key)) problems.push(`${at}.key: ${String(t.key)}`);
    if (keys.includes(t.key as string)) problems.push(`${at}.key: "${t.key}" twice`);
    if (typeof t.name !== "string" || t.name.trim().length < 1 || t.name.length > 80) problems.push(`${at}.name`);
    const kind = t.kind ?? "ramp";
    if (kind !== "ramp" && kind !== "step") problems.push(`${at}.kind: ${String(kind)}`);
    const waves = t.waves as unknown[] | undefined;
    if (kind === "step" && (waves || t.flags)) problems.push(`${at}: a step track has no waves and no flags`);
    if (kind === "ramp" && !(waves && waves.length >= 1 && waves.length <= 20)) problems.push(`${at}.waves: a ramp has 1..20 waves`);
    if (kind === "step" && t.bakeSeconds !== undefined && !(Number.isInteger(t.bakeSeconds) && (t.bakeSeconds as number) >= 0)) problems.push(`${at}.bakeSeconds`);
    for (const f of (t.flags as { key: string }[] | undefined) ?? []) {
      if (!FLAG_KEY.test(f.key)) problems.push(`${at}.flags: key "${f.key}"`);
      if (flagKeys.has(f.key)) problems.push(`${at}.flags: "${f.key}" used by two tracks`);
      flagKeys.add(f.key);
    }
    const after = t.after as { track: string; when: "completed" | { wave: number } } | undefined;
    if (after) {
      const earlier = tracks.slice(0, k).find((e) => e.key === after.track);
      if (!earlier) problems.push(`${at}.after.track: "${after.track}" is not an earlier track`);
      else if (after.when !== "completed") {
        const n = (earlier.waves as unknown[] | undefined)?.length ?? 0;
        if (!(typeof after.when === "object" && Number.isInteger(after.when.wave) && after.when.wave >= 1 && after.when.wave <= n)) problems.push(`${at}.after.when`);
      }
    }
    keys.push(t.key as string);
  });
  return problems;
}
