// The import's promise: the plan it returns, every proposal filled in, is valid as it is (POST /api/releases takes
// it). Checked over every document we have, over variants of them (lines dropped, sections cut, stages reordered)
// and over random Markdown-like text; programmes are checked against the tracks contract as well.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pick, prng } from "../../guardrails/core/test-prng";
import { importMarkdownPlan } from "./import-plan";
import { programmeProblems } from "./programme-contract.test-support";

const dir = path.join(import.meta.dirname, "fixtures");
const documents = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), "utf8") }));

function variant(text: string, rand: () => number): string {
  const lines = text.split("\n");
  const r = rand();
  if (r < 0.3) return lines.filter(() => rand() > 0.15).join("\n");
  if (r < 0.5) {
    const from = Math.floor(rand() * lines.length);
    return [...lines.slice(0, from), ...lines.slice(from + Math.floor(rand() * 40))].join("\n");
  }
  if (r < 0.7) {
    // Two lines swapped: stages out of order, a percentage under the wrong heading.
    const a = Math.floor(rand() * lines.length);
    const b = Math.floor(rand() * lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join("\n");
  }
  if (r < 0.85) return lines.map((l) => l.replace(/\d+(?=\s*%)/g, (n) => (rand() < 0.3 ? String(Math.floor(rand() * 200)) : n))).join("\n");
  // Two documents run together.
  return `${text}\n${pick(rand, documents).text}`;
}

describe("every import's proposed plan is valid", () => {
  it("for each document we have", () => {
    expect(documents.length).toBeGreaterThanOrEqual(5);
    for (const doc of documents) expect(programmeProblems(importMarkdownPlan(doc.text).plan), doc.name).toEqual([]);
  });

  it("for 400 variants of them", { timeout: 120_000 }, () => {
    const rand = prng(22);
    const failures: string[] = [];
    for (let k = 0; k < 400; k++) {
      const doc = pick(rand, documents);
      const text = variant(doc.text, rand);
      const problems = programmeProblems(importMarkdownPlan(text).plan);
      if (problems.length) failures.push(`${doc.name} variant ${k}: ${problems.join("; ")}`);
    }
    expect(failures).toEqual([]);
  });
});
