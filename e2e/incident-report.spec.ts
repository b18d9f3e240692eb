// The incident record and the post-rollout report in Chromium: a guardrail rollback opens the incident by itself
// (board, wall screen, overview), its timeline is the log and its Markdown is what the API exports; the reports of
// a completed demo rollout and of a rolled-back one render and print to PDF with nothing cut off.
// SCREENSHOTS=1 also writes PNGs to screenshots/ (desktop and 390x844, light and dark).
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { startSimulator } from "../scripts/simulator/runner";
import { simplePlan } from "../tests/support/fixtures";
import type { SessionClient } from "../tests/support/session-client";
import { apiAs, baseUrl, signIn } from "./support/helpers";

const TIMELINE_TYPES = new Set(["breach", "escalated", "alert_acknowledged", "paused", "rolled_back", "resumed", "recovery", "episode_closed", "incident_opened", "incident_updated"]);

async function tokenFor(admin: SessionClient, releaseId: string) {
  return (await admin.post("/api/tokens", { name: `e2e ${Math.random().toString(36).slice(2, 8)}`, releaseId })).body.token as string;
}

/** Pushes a bad error rate until the guardrail has rolled the release back. */
async function breakUntilRolledBack(api: SessionClient, releaseId: string, token: string) {
  for (let i = 0; i < 80; i++) {
    await fetch(`${baseUrl()}/api/releases/${releaseId}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ samples: [{ metric: "error_rate", value: 0.5, ts: new Date().toISOString() }, { metric: "error_rate", value: 0.01, ts: new Date().toISOString(), cohort: "baseline" }] }),
    });
    if ((await api.get(`/api/releases/${releaseId}`)).body.status === "rolled_back") return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the guardrail did not roll back");
}

test("a guardrail rollback opens the incident by itself; its timeline is the log and its Markdown is exported", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(4, {
    guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" }],
  });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);

  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });
  const page = await context.newPage();
  await signIn(page, "commander");
  await page.goto(`${baseUrl()}/releases/${id}`);
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("incident")).toHaveCount(0);

  await breakUntilRolledBack(commander, id, await tokenFor(admin, id));

  // Nobody clicked: the incident arrives with the rollback, live.
  const incident = page.getByTestId("incident");
  await expect(incident).toBeVisible({ timeout: 15_000 });
  await expect(incident).toHaveAttribute("data-status", "investigating");
  await expect(incident).toHaveAttribute("data-severity", "P1");
  await expect(page.getByTestId("incident-title")).toContainText("error_rate critical breach, rolled back at 25% traffic");
  await expect(page.getByTestId("incident-contact")).toHaveText("commander@test.local");

  if (process.env.SCREENSHOTS) {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(viewport);
        await incident.screenshot({ path: `screenshots/incident-panel-${viewport.width}-${scheme}.png` });
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // The timeline is the log: the same events, in the same order.
  const events = (await commander.get(`/api/releases/${id}/events`)).body.events as { seq: number; type: string }[];
  const fromLog = events.filter((e) => TIMELINE_TYPES.has(e.type) && e.seq >= events.find((x) => x.type === "breach" || x.type === "escalated")!.seq).map((e) => String(e.seq));
  expect(fromLog.length).toBeGreaterThanOrEqual(4);
  const entries = page.getByTestId("incident-timeline-entry");
  await expect(entries).toHaveCount(fromLog.length);
  expect(await entries.evaluateAll((els) => els.map((el) => el.getAttribute("data-seq")))).toEqual(fromLog);
  expect(await entries.evaluateAll((els) => els.map((el) => el.getAttribute("data-kind")))).toEqual(expect.arrayContaining(["detected", "mitigated", "closed_by_rollback", "opened"]));
  await expect(entries.filter({ hasText: "closed by rollback" }).first()).toBeVisible();

  // Copy as Markdown puts exactly the API's export on the clipboard.
  const incidentId = (await incident.getAttribute("data-incident-id"))!;
  const markdownOf = async () => (await commander.raw(`/api/releases/${id}/incidents/${incidentId}?format=markdown`)).text();
  await page.getByTestId("incident-copy-markdown").click();
  await expect(page.getByTestId("incident-copy-markdown")).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await markdownOf());
  expect(copied).toContain("**Status:** Investigating");
  expect(copied).toContain("**Severity:** P1");
  expect(copied).toContain("**Affected users:** up to 25% of traffic");
  expect(copied).toContain("**Point of contact:** commander@test.local");
  expect(copied).toMatch(/\*\*mitigated\*\*: guardrail rolled back \(25% → 0% traffic\): error\\_rate/);

  // The overview and the wall screen show it (the wall: title and status only).
  const overview = await context.newPage();
  await overview.goto(`${baseUrl()}/`);
  await expect(overview.locator(`[data-testid="release-row"][data-release-id="${id}"] [data-testid="row-incident"]`)).toContainText("P1 · investigating");
  const wall = await context.newPage();
  await wall.goto(`${baseUrl()}/releases/${id}/status`);
  await expect(wall.getByTestId("wall-incident")).toHaveAttribute("data-status", "investigating");
  await expect(wall.getByTestId("wall-incident-title")).toContainText("rolled back at 25% traffic");
  await expect(wall.getByTestId("wall-incident")).not.toContainText("Up to 25%");
  if (process.env.SCREENSHOTS) {
    for (const scheme of ["light", "dark"] as const) {
      await wall.emulateMedia({ colorScheme: scheme });
      await wall.setViewportSize({ width: 390, height: 844 });
      await wall.screenshot({ path: `screenshots/wall-incident-390-${scheme}.png` });
    }
  }

  // A commander resolves it; the edit is audited and reaches the wall screen live.
  await page.getByTestId("incident-edit").click();
  await page.getByTestId("incident-status-select").selectOption("resolved");
  await page.getByTestId("incident-save").click();
  await expect(incident).toHaveAttribute("data-status", "resolved");
  await expect(page.locator('[data-testid="incident-timeline-entry"][data-kind="resolved"]')).toHaveCount(1);
  await expect(wall.getByTestId("wall-incident")).toHaveAttribute("data-status", "resolved");
  expect(await markdownOf()).toContain("**Status:** Resolved");
  const updated = (await commander.get(`/api/releases/${id}/events`)).body.events.filter((e: { type: string }) => e.type === "incident_updated");
  expect(updated).toEqual([expect.objectContaining({ actor: "commander@test.local", data: expect.objectContaining({ changes: [{ field: "status", from: "investigating", to: "resolved" }] }) })]);
  await context.close();
});

/** The demo plan, with bake times dropped so the test walks it in seconds. */
function demoPlan() {
  const plan = JSON.parse(readFileSync("prisma/demo-plan.json", "utf8"));
  plan.name = `Demo report ${Math.random().toString(36).slice(2, 7)}`;
  for (const wave of plan.waves) wave.bakeSeconds = 0;
  return plan;
}

const SIGNERS: Record<string, "approver" | "commander"> = { "Product Manager": "approver", "Development Lead": "approver", "Operations Lead": "approver", "Incident Commander": "commander" };

async function walkToCompletion(id: string) {
  const admin = await apiAs("admin");
  const commander = await apiAs("commander");
  const approver = await apiAs("approver");
  const tickAll = async (waveIndex: number | null) => {
    const items = (await admin.get(`/api/releases/${id}/checklist`)).body.items;
    for (const item of items.filter((c: { waveIndex: number | null; metric: unknown }) => c.waveIndex === waveIndex && !c.metric)) {
      expect((await admin.request("PATCH", `/api/releases/${id}/checklist/${item.id}`, { state: "met", reason: "checked in e2e" })).status).toBe(200);
    }
  };
  await tickAll(null);
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start", reason: "go for wave 1" })).status).toBe(200);
  const plan = (await admin.get(`/api/releases/${id}`)).body.plan;
  for (let wave = 0; wave < plan.waves.length; wave++) {
    await new Promise((r) => setTimeout(r, 4000)); // a few simulator ticks in each wave
    await tickAll(wave);
    for (const role of plan.waves[wave].signoffs as string[]) {
      const who = SIGNERS[role] === "commander" ? commander : approver;
      expect((await who.post(`/api/releases/${id}/waves/${wave}/signoffs`, { role, decision: "approve", comment: `${role} ok` })).status).toBe(201);
    }
    let res = await commander.post(`/api/releases/${id}/actions`, { action: "continue", reason: `wave ${wave + 1} healthy` });
    if (res.status === 422) res = await commander.post(`/api/releases/${id}/actions`, { action: "continue", override: true, reason: `wave ${wave + 1}: ${res.body.error.message}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  expect((await admin.get(`/api/releases/${id}`)).body.status).toBe("completed");
}

/** Print layout at A4 width: nothing wider than the page, no element cutting its own content off. */
async function expectNothingClipped(page: Page) {
  await page.emulateMedia({ media: "print" });
  const clipped = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid="report"] *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const style = getComputedStyle(el);
      const name = `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} "${(el.textContent ?? "").slice(0, 40)}"`;
      if (r.right > limit + 1 || r.left < -1) out.push(`outside the page: ${name}`);
      if (el instanceof SVGElement) continue;
      if ((style.overflowX !== "visible" || style.textOverflow === "ellipsis") && el.scrollWidth > el.clientWidth + 1) out.push(`cut off: ${name}`);
    }
    return out;
  });
  expect(clipped).toEqual([]);
  const pdf = await page.pdf({ format: "A4", margin: { top: "10mm", bottom: "10mm", left: "10mm", right: "10mm" }, printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  await page.emulateMedia({ media: "screen" });
  return pdf;
}

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

async function screenshots(browser: import("@playwright/test").Browser, path: string, name: string, ready: (page: Page) => Promise<void>) {
  if (!process.env.SCREENSHOTS) return;
  const login = await browser.newContext();
  const loginPage = await login.newPage();
  await signIn(loginPage, "commander");
  const storageState = await login.storageState();
  await login.close();
  for (const size of SIZES) {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme, storageState });
      const page = await context.newPage();
      await page.goto(`${baseUrl()}${path}`);
      await ready(page);
      await page.screenshot({ path: `screenshots/${name}-${size.name}-${scheme}.png`, fullPage: true });
      await context.close();
    }
  }
}

test("the reports of a completed demo rollout and of a rolled-back one render and print without clipping", async ({ browser }) => {
  test.setTimeout(process.env.SCREENSHOTS ? 420_000 : 180_000);
  const admin = await apiAs("admin");
  const completedId = (await admin.post("/api/releases", demoPlan())).body.id as string;
  const sim = startSimulator({ baseUrl: baseUrl(), releaseId: completedId, token: await tokenFor(admin, completedId), intervalMs: 500, log: () => {} });
  try {
    await walkToCompletion(completedId);
  } finally {
    sim.stop();
    await sim.done;
  }
  const approverApi = await apiAs("approver");
  expect((await approverApi.request("PUT", `/api/releases/${completedId}/report/lessons`, { text: "Skipping bake times made every wave an override-free sprint; keep them in real runs.", expectedVersion: 0 })).status).toBe(200);
  expect((await approverApi.post(`/api/releases/${completedId}/report/action-items`, { text: "Add a p99 latency dashboard to the runbook", owner: "ops@tidegate.local", dueDate: "2026-12-15" })).status).toBe(201);

  const context = await browser.newContext({ viewport: { width: 718, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, "approver");
  await page.goto(`${baseUrl()}/releases/${completedId}/report`);
  await expect(page.getByTestId("report")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("report-outcome")).toContainText("reached 100% of traffic through 4 waves");
  await expect(page.getByTestId("report-wave")).toHaveCount(4);
  await expect(page.locator('[data-testid="report-wave"][data-wave="1"] [data-testid="wave-left"]')).toContainText("wave 1 healthy");
  await expect(page.locator('[data-testid="report-metric"][data-metric="error_rate"]').first()).toHaveAttribute("data-level", "ok");
  await expect(page.locator('[data-testid="report-signoff"][data-decision="approve"]').first()).toBeVisible();
  await expect(page.getByTestId("action-item")).toHaveCount(1);
  // People fill in the action items on the page too.
  await page.getByTestId("action-text").fill("Rehearse the rollback on staging");
  await page.getByTestId("action-owner").fill("commander@test.local");
  await page.getByTestId("action-due").fill("2026-12-20");
  await page.getByTestId("action-add").click();
  await expect(page.getByTestId("action-item")).toHaveCount(2);
  await expectNothingClipped(page);

  // A rolled-back one: data, a breach, the guardrail's rollback and its incident.
  const plan = simplePlan(4, {
    guardrails: [
      { metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" },
      { metric: "latency_p95_ms", comparator: ">", warning: 600, critical: 1000, forSeconds: 30, windowSeconds: 20, onCritical: "pause" },
    ],
  });
  const rolledId = (await admin.post("/api/releases", plan)).body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${rolledId}/actions`, { action: "start", reason: "ship it" })).status).toBe(200);
  const token = await tokenFor(admin, rolledId);
  const healthy = startSimulator({ baseUrl: baseUrl(), releaseId: rolledId, token, intervalMs: 500, scenario: "healthy", log: () => {} });
  await new Promise((r) => setTimeout(r, 4000));
  healthy.stop();
  await healthy.done;
  await breakUntilRolledBack(commander, rolledId, token);
  await page.goto(`${baseUrl()}/releases/${rolledId}/report`);
  await expect(page.getByTestId("report")).toHaveAttribute("data-status", "rolled_back", { timeout: 30_000 });
  await expect(page.getByTestId("report-outcome")).toContainText("was rolled back by the guardrail (error_rate) from wave 1 of 4");
  await expect(page.getByTestId("report-breach")).toContainText("guardrail rolled back");
  await expect(page.getByTestId("report-incident")).toContainText("P1");
  await expect(page.locator('[data-testid="score-line"][data-met="false"]').first()).toContainText("Rollbacks");
  await expectNothingClipped(page);
  await context.close();

  await screenshots(browser, `/releases/${completedId}/report`, "report-completed", async (p) => {
    await expect(p.getByTestId("report-wave")).toHaveCount(4);
  });
  await screenshots(browser, `/releases/${rolledId}/report`, "report-rolled-back", async (p) => {
    await expect(p.getByTestId("report-incident")).toBeVisible();
  });
  await screenshots(browser, `/releases/${rolledId}`, "board-incident", async (p) => {
    await expect(p.getByTestId("incident")).toBeVisible();
  });
  await screenshots(browser, `/releases/${rolledId}/status`, "wall-incident", async (p) => {
    await expect(p.getByTestId("wall-incident")).toBeVisible();
  });
});
