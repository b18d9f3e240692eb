// Debug aid: npx tsx scripts/import/show-import.ts <corpus id> prints the tracks, waves, questions and unmapped
// sections the importer proposes for one corpus document.
import { readFileSync } from "node:fs";
import path from "node:path";
import { importMarkdownPlan } from "../../lib/plans/import/import-plan";
import { tracksOf } from "./plan-structure";

const id = process.argv[2] ?? "";
const root = path.resolve(import.meta.dirname, "../../corpus/import");
const result = importMarkdownPlan(readFileSync(path.join(root, "docs", `${id}.md`), "utf8"));
for (const t of tracksOf(result.plan)) {
  console.log(`${t.kind} "${t.name}" after=${t.after} flags=${t.flags.join(",")}`);
  for (const w of t.waves) console.log(`    wave "${w.name}" ${w.percent}% ${w.durationSeconds}s`);
}
console.log("questions:", result.questions.map((q) => q.field).join(" | "));
console.log("unmapped:", JSON.stringify(result.unmapped).slice(0, 600));
