// Documents of about 1 MB in the shapes that once made the importer slow (a super-linear pass shows on them first),
// shared by the robustness tests (which check the answer) and bench/import-size.ts (which times it).
import { readFileSync } from "node:fs";
import path from "node:path";

export const referenceDocument = () => readFileSync(path.join(import.meta.dirname, "fixtures/rollout-plan-batch-patches.md"), "utf8");

/** The reference plan repeated (headings renamed) to 1 MB. */
export function repeatedReference(reference = referenceDocument()): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const copy = reference.replace(/^## /gm, `## Part ${i} `);
    parts.push(copy);
    size += copy.length;
  }
  return parts.join("\n");
}

export const LARGE_SHAPES: [name: string, make: () => string][] = [
  ["the reference plan repeated", () => repeatedReference()],
  ["one line without a break", () => "Error rate > 10% for 5min â†’ ".repeat(40_000)],
  ["one checklist of 25k items", () => `# Plan v1.0\n## Pre-Deployment\n${"- [ ] Owner: check the thing (if applicable)\n".repeat(25_000)}`],
  ["one table of 45k rows", () => `| Metric | Critical |\n|--|--|\n${"| Error rate | > 10% |\n".repeat(45_000)}`],
];
