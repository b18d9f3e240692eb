// npm run import:score [-- --dev | --heldout] [--json]
// Imports every corpus document (corpus/import/docs) through the real importer, takes the proposed plan as it
// is (every proposal filled in), and compares it with the hand-written expectation (corpus/import/expect).
// Development documents are those numbered below FIRST_HELD_OUT (corpus-compare.ts); the others are held out.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PlanSchema } from "../../lib/plans/core/plan";
import { importMarkdownPlan } from "../../lib/plans/import/import-plan";
import {
  actualPhases,
  add,
  checkboxLines,
  type Expectation,
  expectedPhases,
  FIRST_HELD_OUT,
  isHeldOut,
  percent,
  type Ratio,
  scoreCheckboxes,
  scoreAsks,
  scoreGuardrails,
  scorePhases,
  scoreTracks,
} from "./corpus-compare";
import { checklistTextsOf, guardrailsOf, tracksOf } from "./plan-structure";

const ROOT = path.resolve(import.meta.dirname, "../../corpus/import");

interface DocScore {
  id: string;
  heldOut: boolean;
  phasesExpected: number;
  phasesActual: number;
  phases: Ratio;
  percentages: Ratio;
  names: Ratio;
  durations: Ratio;
  tracks: Ratio;
  flags: Ratio;
  guardrails: Ratio;
  checkboxes: Ratio;
  /** Every expected phase found and every expected percentage right. */
  allPhasesRight: boolean;
  /** Tracks whose ramp does not fit the format: the importer asked about their waves. */
  asks: Ratio;
  planValid: boolean;
  unitErrors: number;
  extraGuardrails: number;
  questions: number;
}

function scoreDocument(id: string, markdown: string, expect: Expectation): DocScore {
  const result = importMarkdownPlan(markdown);
  const plan = result.plan;
  const tracks = tracksOf(plan);
  const phases = scorePhases(expectedPhases(expect.tracks), actualPhases(tracks));
  const trackScore = scoreTracks(expect.tracks, tracks);
  const wantGuardrails = [...expect.planGuardrails, ...expect.tracks.flatMap((t) => t.waves.flatMap((w) => w.guardrails ?? []))];
  const guardrails = scoreGuardrails(wantGuardrails, guardrailsOf(plan));
  const asks = scoreAsks(expect.tracks, tracks, result.questions.map((q) => q.field));
  const checkboxes = scoreCheckboxes(checkboxLines(result.normalized), checklistTextsOf(plan), result.unmapped, expect.checkboxes);
  return {
    id,
    heldOut: isHeldOut(id),
    phasesExpected: phases.expected,
    phasesActual: phases.actual,
    phases: phases.found,
    percentages: phases.percentages,
    names: phases.names,
    durations: phases.durations,
    tracks: trackScore.right,
    flags: trackScore.flags,
    guardrails: guardrails.right,
    checkboxes,
    allPhasesRight: phases.found.right === phases.found.total && phases.percentages.right === phases.percentages.total,
    asks,
    planValid: PlanSchema.safeParse(plan).success,
    unitErrors: guardrails.unitErrors + phases.durationUnitErrors,
    extraGuardrails: guardrails.extra,
    questions: result.questions.length,
  };
}

const RATIOS = ["phases", "percentages", "names", "durations", "tracks", "flags", "guardrails", "checkboxes", "asks"] as const;

interface Totals {
  documents: number;
  allPhasesRight: number;
  planValid: number;
  unitErrors: number;
  ratios: Record<(typeof RATIOS)[number], Ratio>;
}

function totals(scores: DocScore[]): Totals {
  const zero = (): Ratio => ({ right: 0, total: 0 });
  const t: Totals = { documents: scores.length, allPhasesRight: 0, planValid: 0, unitErrors: 0, ratios: Object.fromEntries(RATIOS.map((k) => [k, zero()])) as Totals["ratios"] };
  for (const s of scores) {
    if (s.planValid) t.planValid++;
    if (s.allPhasesRight) t.allPhasesRight++;
    t.unitErrors += s.unitErrors;
    for (const k of RATIOS) t.ratios[k] = add(t.ratios[k], s[k]);
  }
  return t;
}

const cell = (r: Ratio) => `${`${r.right}/${r.total}`.padStart(7)}`;

function printSection(title: string, scores: DocScore[]) {
  console.log(`\n== ${title} (${scores.length} documents)`);
  console.log(`${"document".padEnd(46)} ${"phases".padStart(7)} ${"got".padStart(4)} ${"pct".padStart(7)} ${"names".padStart(7)} ${"durat.".padStart(7)} ${"tracks".padStart(7)} ${"flags".padStart(7)} ${"guard.".padStart(7)} ${"boxes".padStart(7)} ${"asks".padStart(5)} all valid units`);
  for (const s of scores) {
    console.log(
      `${s.id.slice(0, 46).padEnd(46)} ${cell(s.phases)} ${String(s.phasesActual).padStart(4)} ${cell(s.percentages)} ${cell(s.names)} ${cell(s.durations)} ${cell(s.tracks)} ${cell(s.flags)} ${cell(s.guardrails)} ${cell(s.checkboxes)} ${`${s.asks.right}/${s.asks.total}`.padStart(5)} ${(s.allPhasesRight ? "yes" : "no").padStart(3)} ${(s.planValid ? "yes" : "NO").padStart(5)} ${String(s.unitErrors).padStart(5)}`,
    );
  }
  const t = totals(scores);
  console.log(
    `${"TOTAL".padEnd(46)} every phase and percentage right ${percent({ right: t.allPhasesRight, total: t.documents })} (${t.allPhasesRight}/${t.documents})  ${RATIOS.map((k) => `${k} ${percent(t.ratios[k])} (${t.ratios[k].right}/${t.ratios[k].total})`).join("  ")}  plan valid ${t.planValid}/${t.documents}  unit errors ${t.unitErrors}`,
  );
}

function main(argv: string[]) {
  const onlyDev = argv.includes("--dev");
  const onlyHeldOut = argv.includes("--heldout");
  const json = argv.includes("--json");
  const ids = readdirSync(path.join(ROOT, "expect"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
  const scores = ids
    .filter((id) => (onlyDev ? !isHeldOut(id) : onlyHeldOut ? isHeldOut(id) : true))
    .map((id) => {
      const expect = JSON.parse(readFileSync(path.join(ROOT, "expect", `${id}.json`), "utf8")) as Expectation;
      const markdown = readFileSync(path.join(ROOT, "docs", `${id}.md`), "utf8");
      return scoreDocument(id, markdown, expect);
    });
  const dev = scores.filter((s) => !s.heldOut);
  const held = scores.filter((s) => s.heldOut);
  if (json) {
    console.log(JSON.stringify({ documents: scores, dev: totals(dev), heldOut: totals(held) }, null, 2));
    return;
  }
  if (!onlyHeldOut) printSection(`development (number < ${FIRST_HELD_OUT})`, dev);
  if (!onlyDev) printSection(`held out (number >= ${FIRST_HELD_OUT})`, held);
}

main(process.argv.slice(2));
