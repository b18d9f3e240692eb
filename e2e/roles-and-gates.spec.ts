// Who may press what, and the go/no-go gate in the browser: a viewer has no enabled controls; an approver's
// tick shows up live on the commander's board; the commander continues once the gate opens.
import { expect, test } from "./support/test";
import { simplePlan } from "../tests/support/fixtures";
import { apiAs, baseUrl, pageAs } from "./support/helpers";

// A bound for "it arrived live" (without a reload), not a speed claim: a 2 s bound failed when the CI machine was
// busy. How fast a change reaches a board is measured by bench/realtime.ts.
const LIVE_TIMEOUT_MS = 10_000;

test("a viewer sees the board but no enabled controls", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  await page.goto(`${baseUrl()}/releases/${process.env.E2E_DEMO_RELEASE_ID}`);
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  const enabled = page.locator('[data-testid^="action-"]:not([data-testid="action-error"]):enabled');
  await expect(enabled).toHaveCount(0);
  await page.goto(`${baseUrl()}/releases/${process.env.E2E_DEMO_RELEASE_ID}/review`);
  await expect(page.getByTestId("checklist-item").first()).toBeVisible();
  await expect(page.locator('[data-testid^="checklist-"]:is(button):enabled')).toHaveCount(0);
});

test("an approver's tick and sign-off open the gate live on the commander's board, who then continues", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(2, {
    waves: [
      { name: "Canary", trafficPercent: 10, checklist: [{ text: "Dashboards reviewed", ownerRole: "Operations Lead" }], signoffs: ["Product Manager"] },
      { name: "Everyone", trafficPercent: 100 },
    ],
  });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  expect((await (await apiAs("commander")).post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);

  const commander = await pageAs(browser, "commander");
  await commander.goto(`${baseUrl()}/releases/${id}`);
  await expect(commander.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(commander.getByTestId("gate-panel")).toContainText("Dashboards reviewed");
  await expect(commander.getByTestId("gate-panel")).toContainText("Product Manager");

  const approver = await pageAs(browser, "approver");
  await approver.goto(`${baseUrl()}/releases/${id}/review`);
  const item = approver.locator('[data-testid="checklist-item"]', { hasText: "Dashboards reviewed" });
  await item.getByTestId("checklist-met").click();
  await expect(item).toHaveAttribute("data-state", "met");
  await expect(commander.getByTestId("gate-panel")).not.toContainText("Dashboards reviewed", { timeout: LIVE_TIMEOUT_MS });

  const cell = approver.locator('[data-testid="signoff-cell"][data-wave="0"][data-role="Product Manager"]');
  await cell.getByTestId("signoff-approve").click();
  await expect(cell).toHaveAttribute("data-decision", "approve");
  await expect(commander.getByTestId("gate-panel")).toHaveAttribute("data-open", "true", { timeout: LIVE_TIMEOUT_MS });

  await commander.getByTestId("action-continue").click();
  await expect(commander.getByTestId("confirm-dialog")).toContainText("10% -> 100%");
  await commander.getByTestId("confirm-submit").click();
  await expect(commander.getByTestId("current-wave")).toHaveAttribute("data-wave", "2");
});

test("CONTINUE with unmet gates explains them and needs a reason to override", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(2, { waves: [{ name: "Canary", trafficPercent: 10, signoffs: ["Product Manager"] }, { name: "All", trafficPercent: 100 }] });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  expect((await (await apiAs("commander")).post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const commander = await pageAs(browser, "commander");
  await commander.goto(`${baseUrl()}/releases/${id}`);
  await commander.getByTestId("action-continue").click();
  const dialog = commander.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("Product Manager");
  await dialog.getByTestId("confirm-override").check();
  await expect(dialog.getByTestId("confirm-submit")).toBeDisabled();
  await dialog.getByTestId("confirm-reason").fill("PM on leave; approved by the VP in the incident channel");
  await dialog.getByTestId("confirm-submit").click();
  await expect(commander.getByTestId("current-wave")).toHaveAttribute("data-wave", "2");
  await expect(commander.locator('[data-testid="timeline-event"][data-type="override"]')).toContainText("approved by the VP");
});

test("ownership is a rule: an approver cannot tick another owner's item or sign off a wave in advance; the commander ticks on the owner's behalf", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(2, {
    waves: [
      {
        name: "Canary",
        trafficPercent: 10,
        checklist: [{ text: "Pen test passed", ownerRole: "Security" }, { text: "Runbook linked" }, { text: "Dashboards reviewed", ownerRole: "Operations Lead" }],
      },
      { name: "Everyone", trafficPercent: 100, signoffs: ["Product Manager"] },
    ],
  });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  expect((await (await apiAs("commander")).post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);

  const approver = await pageAs(browser, "approver");
  await approver.goto(`${baseUrl()}/releases/${id}/review`);
  const pen = approver.locator('[data-testid="checklist-item"]', { hasText: "Pen test passed" });
  await expect(pen.getByTestId("checklist-met")).toBeDisabled();
  await expect(pen.getByTestId("checklist-owner-lock")).toContainText("Only its owner (Security), the commander (commander@test.local) or an admin");
  const runbook = approver.locator('[data-testid="checklist-item"]', { hasText: "Runbook linked" });
  await expect(runbook).toContainText("Unassigned (commander)");
  await expect(runbook.getByTestId("checklist-met")).toBeDisabled();
  // Their own item stays theirs to tick.
  const own = approver.locator('[data-testid="checklist-item"]', { hasText: "Dashboards reviewed" });
  await own.getByTestId("checklist-met").click();
  await expect(own).toHaveAttribute("data-state", "met");
  // Wave 2's sign-off opens only when wave 2 runs.
  const ahead = approver.locator('[data-testid="signoff-cell"][data-wave="1"][data-role="Product Manager"]');
  await expect(ahead.getByTestId("signoff-approve")).toBeDisabled();
  await expect(ahead.getByTestId("signoff-approve")).toHaveAttribute("title", /open when that wave is running/);

  const commander = await pageAs(browser, "commander");
  await commander.goto(`${baseUrl()}/releases/${id}/review`);
  const penAsCommander = commander.locator('[data-testid="checklist-item"]', { hasText: "Pen test passed" });
  await penAsCommander.getByTestId("checklist-met").click();
  await expect(penAsCommander).toHaveAttribute("data-state", "met");
  const events = (await admin.get(`/api/releases/${id}/events`)).body.events as { type: string; data: Record<string, unknown> }[];
  expect(events.filter((e) => e.type === "checklist_updated").map((e) => [e.data.text, e.data.as, e.data.onBehalfOf])).toEqual([
    ["Dashboards reviewed", "owner", null],
    ["Pen test passed", "commander", "Security"],
  ]);
});
