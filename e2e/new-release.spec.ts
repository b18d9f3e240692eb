// An admin creates a release from a plan in the browser: edits it in the form, sees the change in the JSON view,
// gets inline errors there, cannot switch to the form with broken JSON, fixes it and creates the release.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { apiAs, baseUrl, pageAs } from "./support/helpers";

/** The JSON view's line holding `text` (CodeMirror renders one .cm-line per line). */
const jsonLine = (page: Page, text: string) => page.getByTestId("plan-json").locator(".cm-line", { hasText: text });

/** CodeMirror renders only the lines in view: scroll the editor until the line holding `text` is there. */
async function revealLine(page: Page, text: string) {
  const line = jsonLine(page, text);
  const scroller = page.getByTestId("plan-json").locator(".cm-scroller");
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  for (let i = 0; i < 80 && (await line.count()) === 0; i++) {
    await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight / 2));
    await page.waitForTimeout(50);
  }
  await line.first().scrollIntoViewIfNeeded();
  return line;
}

test("an admin edits the plan in the form and the JSON view, fixes an inline error and creates the release", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await page.goto(`${baseUrl()}/`);
  await page.getByTestId("new-release-link").click();
  // The plan editor is the heaviest page (CodeMirror): on a busy two-core machine its navigation took over 10 s.
  await expect(page).toHaveURL(/\/releases\/new$/, { timeout: 30_000 });

  // Form: the second wave goes from 25% to 30%; the preview follows.
  await expect(page.getByTestId("plan-form")).toBeVisible();
  const traffic = page.getByTestId("field-waves.1.trafficPercent");
  await expect(traffic).toHaveValue("25");
  await traffic.fill("30");
  await expect(page.getByTestId("wave-preview-row").nth(1)).toContainText("30%");
  await expect(page.getByTestId("timeline-wave")).toHaveCount(4);

  // JSON: the same plan, with the new percentage.
  await page.getByTestId("plan-tab-json").click();
  await expect(await revealLine(page, '"trafficPercent": 30')).toHaveCount(1);

  // Out of range: an inline error on the value, and the release cannot be created.
  await jsonLine(page, '"trafficPercent": 30').locator("span", { hasText: /^30$/ }).first().dblclick();
  await page.keyboard.insertText("300");
  const error = page.getByTestId("plan-json").locator(".cm-lintRange-error");
  await expect(error.first()).toBeVisible();
  await expect(page.getByTestId("plan-errors")).toContainText("waves.1.trafficPercent");
  await expect(page.getByTestId("create-release")).toBeDisabled();
  await error.first().hover();
  await expect(page.locator(".cm-tooltip-lint").first()).toContainText("100");

  // Broken JSON cannot be shown as a form: switching is refused and the text stays.
  await jsonLine(page, '"trafficPercent": 300').click();
  await page.keyboard.press("End");
  await page.keyboard.insertText(" oops");
  await page.getByTestId("plan-tab-form").click();
  await expect(page.getByTestId("plan-tab-blocked")).toContainText("valid JSON");
  await expect(page.getByTestId("plan-tab-json")).toHaveAttribute("aria-selected", "true");
  await expect(jsonLine(page, "oops")).toHaveCount(1);

  // Fixed in JSON, the form shows it again.
  await jsonLine(page, "oops").click();
  await page.keyboard.press("End");
  for (let i = 0; i < " oops".length; i++) await page.keyboard.press("Backspace");
  await jsonLine(page, '"trafficPercent": 300').locator("span", { hasText: /^300$/ }).first().dblclick();
  await page.keyboard.insertText("30");
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId("plan-check")).toContainText("Valid plan");
  await page.getByTestId("plan-tab-form").click();
  await expect(page.getByTestId("plan-tab-blocked")).toHaveCount(0);
  await expect(page.getByTestId("field-waves.1.trafficPercent")).toHaveValue("30");

  await page.getByTestId("create-release").click();
  await expect(page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "draft");
  const id = page.url().split("/").pop()!;
  const plan = (await (await apiAs("admin")).get(`/api/releases/${id}`)).body.plan;
  expect(plan.waves.map((w: { trafficPercent: number }) => w.trafficPercent)).toEqual([10, 30, 50, 100]);
  expect(plan.description).toBe("Example plan: edit it, or load the demo plan.");
});

test("people who are not admins get no plan editor", async ({ browser }) => {
  const page = await pageAs(browser, "commander");
  await page.goto(`${baseUrl()}/`);
  await expect(page.getByTestId("release-row").first()).toBeVisible();
  await expect(page.getByTestId("new-release-link")).toHaveCount(0);
  await page.goto(`${baseUrl()}/releases/new`);
  await expect(page.getByText("Admins only")).toBeVisible();
  await expect(page.getByTestId("plan-form")).toHaveCount(0);
  await expect(page.getByTestId("plan-json")).toHaveCount(0);
});
