// Heavy work off the request loop (issue 27): a 1.8 MB Markdown import used to block the event loop for seconds
// (health answered in up to 1.6 s, flag evaluations too). It now runs in the import pool's worker thread: during
// the import, /api/health keeps a p99 under 100 ms and a flag evaluation on the main port keeps answering.
// A reproduction test: it measures and prints, and asserts only the 100 ms target.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { as } from "./support/fixtures";
import { workerTargets } from "./support/targets";

const { baseUrl } = workerTargets().find((t) => t.name === "sqlite")!;
const reference = readFileSync(path.join(import.meta.dirname, "../lib/plans/import/fixtures/rollout-plan-batch-patches.md"), "utf8");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

describe("a large Markdown import does not stall the server", () => {
  it("health p99 stays under 100 ms and flags keep answering during a 1.8 MB import", async () => {
    const admin = await as("admin", baseUrl);
    const sdk = (await admin.post("/api/tokens", { name: "import load sdk", kind: "sdk" })).body.token as string;
    const markdown = reference.repeat(Math.floor(1_820_000 / Buffer.byteLength(reference)));
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(1_700_000);
    expect(Buffer.byteLength(markdown)).toBeLessThan(1_900_000);

    let done = false;
    const started = performance.now();
    const importing = admin.post("/api/plans/import", { markdown }).finally(() => (done = true));
    const health: number[] = [];
    const flags: { status: number; ms: number }[] = [];
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${baseUrl}/api/health`);
      await res.arrayBuffer();
      health.push(performance.now() - t);
      const f = performance.now();
      const flag = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags/no-such-flag`, {
        method: "POST",
        headers: { authorization: `Bearer ${sdk}`, "content-type": "application/json" },
        body: JSON.stringify({ context: { targetingKey: "u1" } }),
      });
      await flag.json();
      flags.push({ status: flag.status, ms: performance.now() - f });
      await sleep(20);
    }
    const answer = await importing;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `import of ${(Buffer.byteLength(markdown) / 1e6).toFixed(2)} MB answered ${answer.status} ${answer.status === 200 ? "" : answer.body.error?.code} in ${seconds.toFixed(1)} s; ` +
        `health n=${health.length} p50 ${p99(health.slice().sort((a, b) => a - b).slice(0, Math.ceil(health.length / 2))).toFixed(0)} ms p99 ${p99(health).toFixed(0)} ms max ${Math.max(...health).toFixed(0)} ms; ` +
        `flag evaluations n=${flags.length} p99 ${p99(flags.map((f) => f.ms)).toFixed(0)} ms`,
    );
    // The import finished, or hit its time limit with a clear answer (on a starved machine): never a stall.
    expect([200, 422]).toContain(answer.status);
    if (answer.status === 422) expect(answer.body.error.code).toBe("import_too_slow");
    expect(health.length).toBeGreaterThan(5);
    expect(p99(health)).toBeLessThan(100);
    // Every flag evaluation was answered (an unknown flag: OFREP's 404 FLAG_NOT_FOUND, from memory).
    expect(flags.every((f) => f.status === 404)).toBe(true);
  }, 120_000);

  it("refuses a lone surrogate in the JSON body with 400, naming where it is", async () => {
    const admin = await as("admin", baseUrl);
    const res = await admin.raw("/api/plans/import", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken! },
      body: '{"markdown":"# Plan\\n\\nline two \\ud800 here"}',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "invalid_unicode", details: { issues: [{ path: "markdown", line: 3, column: 10 }] } });
    expect(body.error.message).toContain("line 3, column 10");
    // A well-formed pair (an emoji escaped as two halves) is fine.
    const pair = await admin.raw("/api/plans/import", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken! },
      body: '{"markdown":"# Plan \\ud83d\\ude80\\n\\n## Waves\\n"}',
    });
    expect(pair.status).toBe(200);
  });
});
