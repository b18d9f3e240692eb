// A web page using @openfeature/web-sdk + @openfeature/ofrep-web-provider shows the feature, then loses it within
// 1 s of a guardrail rollback, with no reload: Tidegate's SSE eventStreams tell the provider to re-fetch.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/test";
import { inRollout } from "../lib/flags/core/bucketing";
import { simplePlan } from "../tests/support/fixtures";
import { flagPageHtml } from "./support/flag-page-html";
import { apiAs, baseUrl, pageAs } from "./support/helpers";


test("the browser provider loses the flag within 1 s of a guardrail rollback, without a reload", async ({ page, browser }) => {
  const flag = `web-checkout-${Math.random().toString(36).slice(2, 8)}`;
  const admin = await apiAs("admin");
  const plan = {
    ...simplePlan(),
    guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" }],
    flags: [{ key: flag }],
  };
  const created = await admin.post("/api/releases", plan);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const sdkKey = (await admin.post("/api/tokens", { name: "web app", kind: "sdk", releaseId: id })).body.token as string;
  const metricsToken = (await admin.post("/api/tokens", { name: "web app metrics", releaseId: id })).body.token as string;

  // A user inside the first wave's cohort (the plan's first wave is 25 %).
  let n = 0;
  while (!inRollout(`shopper-${n}`, flag, 25)) n++;
  const targetingKey = `shopper-${n}`;

  const config = { baseUrl: baseUrl(), sdkKey, flag, targetingKey };
  const html = flagPageHtml(config);
  const consoleLines: string[] = [];
  page.on("console", (m) => consoleLines.push(m.text()));
  page.on("requestfailed", (r) => consoleLines.push(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  // The app is served by its own server on another origin than Tidegate's, so CORS is exercised for real (on
  // loopback: Chromium refuses calls from a public origin into loopback).
  const app = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  test.info().annotations.push({ type: "app", description: `http://127.0.0.1:${(app.address() as AddressInfo).port}` });
  try {
    await runScenario(`http://127.0.0.1:${(app.address() as AddressInfo).port}/checkout`);
  } finally {
    app.close();
  }

  async function runScenario(appUrl: string) {
  await page.goto(appUrl);
  try {
    await expect(page.locator("#feature")).toHaveAttribute("data-value", "true", { timeout: 15_000 });
  } catch (e) {
    console.log(consoleLines.join("\n"));
    throw e;
  }
  const loadedAt = await page.evaluate(() => window.pageLoadedAt);

  // Let the provider open its event stream before the incident.
  await page.waitForTimeout(500);
  const res = await fetch(`${baseUrl()}/api/releases/${id}/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${metricsToken}`, "content-type": "application/json" },
    body: JSON.stringify({ samples: [{ metric: "error_rate", value: 0.6, ts: new Date().toISOString(), cohort: "canary" }] }),
  });
  expect(res.status).toBe(202);

  await expect(page.locator("#feature")).toHaveAttribute("data-value", "false", { timeout: 5_000 });
  const events = (await admin.get(`/api/releases/${id}/events`)).body.events as { type: string; actor: string; at: string }[];
  const rollback = events.find((e) => e.type === "rolled_back");
  expect(rollback?.actor).toBe("guardrail");
  const changes = await page.evaluate(() => window.flagChanges);
  // Before the provider is ready the page shows the default (off); what counts is on -> off after that.
  const shownAt = changes.findIndex((c) => c.value);
  const lostAt = changes.slice(shownAt).find((c) => !c.value)!.at;
  const latency = lostAt - new Date(rollback!.at).getTime();
  console.log(`guardrail rollback -> browser provider shows the flag off: ${latency} ms`);
  expect(latency).toBeLessThan(1000);
  // Same page, never reloaded.
  expect(await page.evaluate(() => window.pageLoadedAt)).toBe(loadedAt);
  expect(changes.slice(shownAt).map((c) => c.value)).toEqual([true, false]);

  // The board's flags panel shows the flag back at 0 % next to what the page was told.
  const board = await pageAs(browser, "viewer");
  await board.goto(`${baseUrl()}/releases/${id}`);
  const row = board.locator(`[data-testid="flag-row"][data-flag="${flag}"]`);
  await expect(row.getByTestId("flag-planned")).toHaveText("0%");
  await expect(board.getByTestId("flags-sdks")).toContainText("OFREP");
  await board.screenshot({ path: test.info().outputPath("board-flags.png"), fullPage: true });
  }
});
