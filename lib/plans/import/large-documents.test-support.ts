// Documents of about 1 MB in the shapes that once made the importer slow (a super-linear pass shows on them first),
// shared by the robustness tests (which check the answer) and bench/import-size.ts (which times it).
// Pure (the folder is): the reference document is read by the caller (fixtures/rollout-plan-batch-patches.md).

/** The reference plan repeated (headings renamed) to 1 MB. */
export function repeatedReference(reference: string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const copy = reference.replace(/^## /gm, `## Part ${i} `);
    parts.push(copy);
    size += copy.length;
  }
  return parts.join("\n");
}

/** Documents made from nothing; the reference plan repeated is the fifth shape (repeatedReference). */
export const LARGE_SHAPES: [name: string, make: () => string][] = [
  ["one line without a break", () => "Error rate > 10% for 5min â†’ ".repeat(40_000)],
  ["one checklist of 25k items", () => `# Plan v1.0\n## Pre-Deployment\n${"- [ ] Owner: check the thing (if applicable)\n".repeat(25_000)}`],
  ["one table of 45k rows", () => `| Metric | Critical |\n|--|--|\n${"| Error rate | > 10% |\n".repeat(45_000)}`],
];
