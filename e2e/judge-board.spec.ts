// The sequential judge on the board: a judged metric's verdict in words (effect, interval, requests counted, the
// evidence still needed), photographed on a laptop and a phone.
import { expect, test } from "./support/test";
import { simplePlan } from "../tests/support/fixtures";
import { apiAs, baseUrl, signIn } from "./support/helpers";

test("a sequentially judged metric shows its verdict in words on the board and the wall screen", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await apiAs("admin");
  const plan = simplePlan(3, {
    guardrails: [
      { metric: "error_rate", comparator: ">", critical: 0.05, judge: "sequential", minCount: 100, forSeconds: 30, onCritical: "rollback" },
      { metric: "latency_p95_ms", comparator: ">", critical: 800, judge: "sequential", minSamples: 3, forSeconds: 30, onCritical: "pause" },
    ],
  });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const token = (await admin.post("/api/tokens", { name: "e2e judge board", releaseId: id })).body.token as string;
  let step = 0;
  const push = async () => {
    step++;
    const ts = new Date().toISOString();
    const noise = (step % 3) - 1;
    const res = await fetch(`${baseUrl()}/api/releases/${id}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        samples: [
          { metric: "error_rate", value: 0.011 + noise * 0.001, count: 1200, ts, cohort: "canary" },
          { metric: "error_rate", value: 0.01, count: 1200, ts, cohort: "baseline" },
          { metric: "latency_p95_ms", value: 252 + noise * 6, ts, cohort: "canary" },
          { metric: "latency_p95_ms", value: 248 - noise * 4, ts, cohort: "baseline" },
        ],
      }),
    });
    expect(res.status).toBe(202);
  };
  const pusher = setInterval(() => void push().catch(() => {}), 5000);
  try {
    await push();
    const sizes = [
      { name: "laptop", viewport: { width: 1280, height: 800 } },
      { name: "phone", viewport: { width: 390, height: 844 } },
    ];
    for (const size of sizes) {
      const context = await browser.newContext({ viewport: size.viewport });
      const page = await context.newPage();
      await signIn(page, "commander");
      await page.goto(`${baseUrl()}/releases/${id}`);
      const verdict = page.locator('[data-testid="metric-tile"][data-metric="error_rate"] [data-testid="tile-verdict"]');
      await expect(verdict).toContainText(/error_rate: [+-][\d.]+ pp \([\d.]+ % CI .* to .*\), [\d,]+ canary requests/, { timeout: 120_000 });
      const latency = page.locator('[data-testid="metric-tile"][data-metric="latency_p95_ms"] [data-testid="tile-verdict"]');
      await expect(latency).toContainText(/paired 10 s buckets/, { timeout: 60_000 });
      await page.locator('[data-testid="metric-tile"][data-metric="error_rate"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `screenshots/judge-board-${size.name}.png` });
      await context.close();
    }
    const wall = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await wall.newPage();
    await signIn(page, "viewer");
    await page.goto(`${baseUrl()}/releases/${id}/status`);
    await expect(page.locator('[data-testid="wall-metric"][data-metric="error_rate"] [data-testid="wall-verdict"]')).toContainText(/canary requests/, { timeout: 60_000 });
    await page.screenshot({ path: "screenshots/judge-wall-laptop.png" });
    await wall.close();
  } finally {
    clearInterval(pusher);
  }
});
