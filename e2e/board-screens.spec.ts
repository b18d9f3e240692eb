// What every screen says in the first hour of real use: a rolled-back release is safe and says why (board, wall
// screen, overview), no data is not HEALTHY, CONTINUE reads GO or NO-GO, and the board works on a phone.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { simplePlan } from "../tests/support/fixtures";
import { apiAs, baseUrl, pageAs, signIn } from "./support/helpers";

async function pushErrorRate(id: string, token: string, value: number) {
  const res = await fetch(`${baseUrl()}/api/releases/${id}/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      samples: [
        { metric: "error_rate", value, ts: new Date().toISOString(), cohort: "canary" },
        { metric: "error_rate", value: 0.01, ts: new Date().toISOString(), cohort: "baseline" },
      ],
    }),
  });
  expect(res.status).toBe(202);
}

test("a guardrail rollback: the countdown, then every screen says safe, why, and what is next (never CRITICAL)", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(4, {
    guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 8, windowSeconds: 10, onCritical: "rollback" }],
  });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const token = (await admin.post("/api/tokens", { name: "e2e rollback screens", releaseId: id })).body.token as string;
  // No evidence, no GO: the first wave needs canary data before CONTINUE.
  await pushErrorRate(id, token, 0.01);
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "continue" })).status).toBe(200);

  const board = await pageAs(browser, "commander");
  await board.goto(`${baseUrl()}/releases/${id}`);
  await expect(board.getByTestId("release-status")).toHaveAttribute("data-status", "running");

  // Between CRITICAL and the automatic rollback the board counts down.
  let counted = false;
  for (let i = 0; i < 80; i++) {
    await pushErrorRate(id, token, 0.5);
    if (await board.getByTestId("auto-action-countdown").isVisible()) counted = true;
    const status = await board.getByTestId("release-status").getAttribute("data-status");
    if (status === "rolled_back") break;
    await board.waitForTimeout(250);
  }
  expect(counted).toBe(true);
  await expect(board.getByTestId("release-status")).toHaveAttribute("data-status", "rolled_back", { timeout: 15_000 });
  await expect(board.getByTestId("auto-action-countdown")).toHaveCount(0);

  // Board: safe, rolled back from wave 2, the guardrail's evidence, what next; no CRITICAL once the episode closed.
  await expect(board.locator('[data-testid="timeline-event"][data-type="episode_closed"]').first()).toBeVisible();
  await expect(board.getByTestId("health-badge")).toHaveAttribute("data-shown", "SAFE");
  await expect(board.getByTestId("health-badge")).not.toContainText("CRITICAL");
  await expect(board.getByTestId("current-wave")).toHaveText("Rolled back from wave 2/4");
  await expect(board.getByTestId("stop-headline")).toContainText("Rolled back from wave 2/4");
  await expect(board.getByTestId("stop-headline")).toContainText("error_rate guardrail");
  await expect(board.getByTestId("stop-reason")).toContainText("error_rate");
  await expect(board.getByTestId("stop-next")).toContainText("RETRY from wave 1");
  await expect(board.getByTestId("incident-critical")).toHaveAttribute("data-count", "0");

  // Wall screen: the same story, large, with the evidence from the log.
  const wall = await pageAs(browser, "viewer");
  await wall.goto(`${baseUrl()}/releases/${id}/status`);
  await expect(wall.getByTestId("release-status")).toHaveAttribute("data-status", "rolled_back");
  await expect(wall.getByTestId("current-wave")).toHaveText("Rolled back from wave 2/4");
  await expect(wall.getByTestId("health-badge")).toHaveAttribute("data-shown", "SAFE");
  await expect(wall.getByTestId("stop-reason")).toContainText("error_rate");
  await expect(wall.getByTestId("stop-next")).toContainText("No traffic reaches the new version");
  await expect(wall.locator("body")).not.toContainText("CRITICAL");

  // Overview: rolled back from wave 2, not critical.
  await wall.goto(`${baseUrl()}/`);
  const row = wall.locator(`[data-testid="release-row"][data-release-id="${id}"]`);
  await expect(row).toContainText("Rolled back from wave 2/4");
  await expect(row).not.toContainText("CRITICAL");
});

test("a commander's rollback with a one-click reason, sent while the socket is down; the wall screen shows the reason", async ({ browser }) => {
  const admin = await apiAs("admin");
  const id = (await admin.post("/api/releases", simplePlan(3))).body.id as string;
  const api = await apiAs("commander");
  expect((await api.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);

  const commander = await pageAs(browser, "commander");
  await commander.goto(`${baseUrl()}/releases/${id}`);
  await expect(commander.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  // The live connection drops: forward steps wait, the stop button does not.
  await commander.evaluate(() => (window as unknown as { __tidegateSocket: { disconnect(): void } }).__tidegateSocket.disconnect());
  await expect(commander.getByTestId("stale-banner")).toBeVisible();
  await expect(commander.getByTestId("action-continue")).toBeDisabled();
  await commander.getByTestId("action-rollback").click();
  const dialog = commander.getByTestId("confirm-dialog");
  await expect(dialog.getByTestId("confirm-not-live")).toBeVisible();
  await expect(dialog.getByTestId("confirm-submit")).toBeDisabled();
  await dialog.getByTestId("quick-reason").filter({ hasText: "Customer reports" }).click();
  await expect(dialog.getByTestId("confirm-reason")).toHaveValue("Customer reports");
  await dialog.getByTestId("confirm-reason").fill("Customer reports: checkout totals wrong for EU carts");
  await dialog.getByTestId("confirm-submit").click();
  await expect(commander.getByTestId("release-status")).toHaveAttribute("data-status", "rolled_back");

  const wall = await pageAs(browser, "viewer");
  await wall.goto(`${baseUrl()}/releases/${id}/status`);
  await expect(wall.getByTestId("stop-headline")).toContainText("Rolled back from wave 1/3 by commander@test.local");
  await expect(wall.getByTestId("stop-reason")).toHaveText("Customer reports: checkout totals wrong for EU carts");
});

test("CONTINUE reads NO-GO with the reason beside it, and its dialog cannot send without an override; GO once the gate opens", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(2, {
    waves: [
      { name: "Canary", trafficPercent: 10, checklist: [{ text: "Dashboards reviewed", ownerRole: "Operations Lead" }] },
      { name: "Everyone", trafficPercent: 100 },
    ],
  });
  const created = (await admin.post("/api/releases", plan)).body;
  const id = created.id as string;
  expect((await (await apiAs("commander")).post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);

  const commander = await pageAs(browser, "commander");
  await commander.goto(`${baseUrl()}/releases/${id}`);
  const cont = commander.getByTestId("action-continue");
  await expect(cont).toHaveAttribute("data-gate", "no-go");
  await expect(cont).toContainText("NO-GO");
  await expect(commander.getByTestId("gate-line")).toHaveAttribute("data-open", "false");
  await expect(commander.getByTestId("gate-line")).toContainText("Dashboards reviewed");
  const noGoLook = await cont.evaluate((el) => getComputedStyle(el).backgroundColor);

  await cont.click();
  const dialog = commander.getByTestId("confirm-dialog");
  await expect(dialog.getByTestId("confirm-unmet")).toContainText("Dashboards reviewed");
  await expect(dialog.getByTestId("confirm-submit")).toBeDisabled();
  await expect(dialog.getByTestId("confirm-submit")).toContainText("NO-GO");
  await dialog.getByTestId("confirm-override").check();
  await expect(dialog.getByTestId("confirm-submit")).toBeDisabled();
  await dialog.getByTestId("confirm-reason").fill("Dashboards were reviewed in the war room");
  await expect(dialog.getByTestId("confirm-submit")).toBeEnabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const items = (await admin.get(`/api/releases/${id}/checklist`)).body.items as { id: string; text: string }[];
  const item = items.find((i) => i.text === "Dashboards reviewed")!;
  expect((await (await apiAs("approver")).request("PATCH", `/api/releases/${id}/checklist/${item.id}`, { state: "met" })).status).toBe(200);
  await expect(cont).toHaveAttribute("data-gate", "go");
  await expect(cont).toContainText("GO");
  await expect(commander.getByTestId("gate-line")).toHaveAttribute("data-open", "true");
  expect(await cont.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(noGoLook);
  await cont.click();
  await expect(dialog.getByTestId("confirm-submit")).toBeEnabled();
  // The status badge is a label: not a button, and not drawn like one.
  expect(await commander.getByTestId("release-status").evaluate((el) => el.tagName)).toBe("SPAN");
});

test("a draft with no data is NO DATA on the board, the overview and the wall screen, never HEALTHY", async ({ page }) => {
  const admin = await apiAs("admin");
  const id = (await admin.post("/api/releases", simplePlan(2))).body.id as string;
  expect((await admin.get(`/api/releases/${id}`)).body.health).toBe("NO_DATA");
  await signIn(page, "viewer");
  await page.goto(`${baseUrl()}/releases/${id}`);
  await expect(page.getByTestId("health-badge")).toHaveAttribute("data-health", "NO_DATA");
  await expect(page.getByTestId("health-badge")).toHaveText("NO DATA");
  await page.goto(`${baseUrl()}/releases/${id}/status`);
  await expect(page.getByTestId("health-badge")).toHaveText("NO DATA");
  await page.goto(`${baseUrl()}/`);
  const row = page.locator(`[data-testid="release-row"][data-release-id="${id}"]`);
  await expect(row).toContainText("NO DATA");
  await expect(row).not.toContainText("HEALTHY");
});

test("a signed-out visit is redirected by the server: no screen renders and no API call fails first", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 401) failed.push(r.url());
  });
  const res = await page.goto(`${baseUrl()}/`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2F$/);
  expect(res?.request().redirectedFrom()?.url()).toBe(`${baseUrl()}/`);
  expect(failed).toEqual([]);
});

async function inViewport(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  const size = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + Math.min(box.height, 40) <= size.height;
}

test("on a phone: the go/no-go reason sits under CONTINUE, and the dialog opens at its title with a readable gate list", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(2, {
    waves: [
      {
        name: "Canary",
        trafficPercent: 10,
        bakeSeconds: 3600,
        checklist: [
          { text: "Dashboards reviewed by the on-call SRE", ownerRole: "Operations Lead" },
          { text: "Support briefed on the new checkout flow", ownerRole: "Product Manager" },
        ],
        signoffs: ["Product Manager"],
      },
      { name: "Everyone", trafficPercent: 100 },
    ],
  });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  expect((await (await apiAs("commander")).post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "commander");
  await page.goto(`${baseUrl()}/releases/${id}`);
  const cont = page.getByTestId("action-continue");
  await cont.scrollIntoViewIfNeeded();
  const button = (await cont.boundingBox())!;
  const line = (await page.getByTestId("gate-line").boundingBox())!;
  // The reason is right under the buttons, not screens below.
  expect(line.y - (button.y + button.height)).toBeLessThan(160);
  expect(line.width).toBeGreaterThan(300);

  await cont.click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((el) => el.scrollTop)).toBe(0);
  expect(await inViewport(page, "confirm-dialog")).toBe(true);
  await expect(dialog.getByRole("heading", { name: "Continue to the next wave?" })).toBeInViewport();
  for (const li of await dialog.locator('[data-testid="confirm-unmet"] li').all()) {
    expect((await li.boundingBox())!.width).toBeGreaterThan(250);
  }
  await context.close();
});
