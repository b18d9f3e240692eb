// An admin imports the reference rollout plan through the screen, answers the questions, creates the release and
// starts it. Screenshots of the review (desktop and phone, light and dark) go to E2E_SCREENSHOT_DIR when it is set.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { apiAs, baseUrl, pageAs, signIn } from "./support/helpers";

const reference = readFileSync(path.resolve("lib/plans/import/fixtures/rollout-plan-batch-patches.md"), "utf8");

async function shoot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

test("an admin imports the reference plan, answers the questions, creates the release and starts it", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await page.goto(`${baseUrl()}/`);
  await page.getByTestId("import-plan-link").click();
  await expect(page).toHaveURL(/\/releases\/import$/);
  await page.getByTestId("markdown-input").fill(reference);
  await page.getByTestId("read-plan").click();

  const review = page.getByTestId("import-review");
  await expect(review).toBeVisible();
  await expect(page.getByTestId("draft-wave")).toHaveCount(4);
  await expect(page.getByTestId("draft-waves")).toContainText("Internal Testing");
  await expect(page.getByTestId("draft-guardrails").locator("li")).toHaveCount(7);
  await expect(page.getByTestId("unmapped").locator("li")).toHaveCount(14);
  await expect(page.getByTestId("question")).toHaveCount(16);
  // Nothing blocks: the owners the document does not name are asked, never invented (the commander answers for them).
  await expect(page.locator('[data-testid="question"][data-blocking]')).toHaveCount(0);
  await expect(page.getByTestId("import-status")).toContainText("Ready: 4 waves, 7 guardrails");

  // Pointing at a field highlights the lines it came from: wave 2's bake time is "**Duration:** 48 hours" on line 115.
  await page.locator('[data-field="waves[1].bakeSeconds"]').hover();
  await expect(page.locator('[data-line="115"]')).toHaveAttribute("data-highlighted", "true");
  await shoot(page, "import-desktop-light");

  // The pre-deployment checklist's owner is answered; the other questions keep their proposals.
  const owners = page.getByTestId("question").filter({ hasText: "pre-deployment checklist name no owner" });
  await owners.getByTestId("answer-input").fill("Operations Lead");
  await owners.getByTestId("confirm-answer").click();
  await expect(owners).toHaveAttribute("data-answered", "true");
  await expect(page.getByTestId("import-status")).toContainText("Ready: 4 waves, 7 guardrails");

  // The draft, with the answer, opens in the plan editor; the release is created from what the editor holds.
  await page.getByTestId("edit-draft").click();
  await expect(page.getByTestId("back-to-questions")).toBeVisible();
  await expect(page.getByTestId("question")).toHaveCount(0);
  await expect(page.getByTestId("import-status")).toContainText("Ready: 4 waves, 7 guardrails");

  await page.getByTestId("create-release").click();
  await expect(page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "draft");
  const id = page.url().split("/").pop()!;
  // The board links to the document the plan came from, with what did not go into the plan.
  await page.getByTestId("link-source").click();
  await expect(page).toHaveURL(new RegExp(`/releases/${id}/source$`));
  await expect(page.getByTestId("source-unmapped").locator("li")).toHaveCount(14);
  await page.getByTestId("source-unmapped").getByText("Cost-Benefit").click();
  await expect(page.locator('[data-line="386"]')).toHaveAttribute("data-highlighted", "true");

  // The document was kept with the release; the pre-deployment checklist gates START, so the team ticks it.
  const admin = await apiAs("admin");
  const source = await admin.get(`/api/releases/${id}/source`);
  expect(source.body.unmapped).toHaveLength(14);
  const release = await admin.get(`/api/releases/${id}`);
  expect(release.body.preChecklist.find((i: { text: string }) => i.text.startsWith("Code review")).ownerRole).toBe("Operations Lead");
  for (const item of release.body.preChecklist as { id: string; required: boolean }[]) {
    const res = await admin.patch(`/api/releases/${id}/checklist/${item.id}`, { state: item.required ? "met" : "waived", reason: "checked before the rollout" });
    expect(res.status).toBe(200);
  }
  // The document's sign-off roles are pre-start sign-offs (plan v2): START waits for all four.
  const approver = await apiAs("approver");
  for (const role of ["Development Lead", "Operations Lead", "Product Manager"]) {
    expect((await approver.post(`/api/releases/${id}/waves/pre/signoffs`, { role, decision: "approve" })).status).toBe(201);
  }
  expect((await (await apiAs("commander")).post(`/api/releases/${id}/waves/pre/signoffs`, { role: "Incident Commander", decision: "approve" })).status).toBe(201);
  const commander = await pageAs(browser, "commander");
  await commander.goto(`${baseUrl()}/releases/${id}`);
  await commander.getByTestId("action-start").click();
  await commander.getByTestId("confirm-submit").click();
  await expect(commander.getByTestId("release-status")).toHaveAttribute("data-status", "running");
  // The team's rollback procedure and wave 1's triggers sit beside the controls.
  await expect(commander.getByTestId("rollback-plan")).toContainText("Level 1: Instant Rollback");
  await expect(commander.getByTestId("rollback-plan")).toContainText("./deploy_tools/disable-feature-flag.sh batch-patches-v1");
  await expect(commander.getByTestId("rollback-triggers")).toContainText("Memory leak detected");
  await shoot(commander, "board-rollback-plan");
});

test("the import screen refuses a document that is not Markdown, and is for admins only", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await page.goto(`${baseUrl()}/releases/import`);
  await page.getByTestId("markdown-input").fill('{"name": "a JSON plan"}');
  await page.getByTestId("read-plan").click();
  await expect(page.getByTestId("import-error")).toContainText("JSON");
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto(`${baseUrl()}/releases/import`);
  await expect(viewer.getByText("Admins only")).toBeVisible();
  await expect(viewer.getByTestId("markdown-input")).toHaveCount(0);
});

for (const [name, viewport] of [
  ["desktop", { width: 1440, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test(`the review screen renders on ${name} in ${scheme} mode`, async ({ browser }) => {
      test.skip(!process.env.E2E_SCREENSHOT_DIR, "screenshots only when E2E_SCREENSHOT_DIR is set");
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, "admin");
      await page.goto(`${baseUrl()}/releases/import`);
      await page.getByTestId("markdown-input").fill(reference);
      await shoot(page, `import-input-${name}-${scheme}`);
      await page.getByTestId("read-plan").click();
      await expect(page.getByTestId("import-review")).toBeVisible();
      await page.locator('[data-field="waves[0].trafficPercent"], [data-field="waves[0]"]').first().hover();
      await shoot(page, `import-review-${name}-${scheme}`);
      await page.getByTestId("questions").scrollIntoViewIfNeeded();
      await shoot(page, `import-questions-${name}-${scheme}`);
    });
  }
}
