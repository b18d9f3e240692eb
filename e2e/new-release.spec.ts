// An admin creates a release from a plan in the browser; a broken plan is explained before anything is sent.
import { expect, test } from "@playwright/test";
import { baseUrl, pageAs } from "./support/helpers";

test("an admin writes a plan, sees what is wrong, fixes it and creates the release", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await page.goto(`${baseUrl()}/`);
  await page.getByTestId("new-release-link").click();
  await expect(page).toHaveURL(/\/releases\/new$/);
  const editor = page.getByTestId("plan-json");
  const good = await editor.inputValue();
  const plan = JSON.parse(good);
  plan.waves[plan.waves.length - 1].trafficPercent = 90;
  await editor.fill(JSON.stringify(plan, null, 2));
  await expect(page.getByTestId("plan-errors")).toContainText("100%");
  await expect(page.getByTestId("create-release")).toBeDisabled();
  await editor.fill(good);
  await page.getByTestId("create-release").click();
  await expect(page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "draft");
});

test("people who are not admins get no plan editor", async ({ browser }) => {
  const page = await pageAs(browser, "commander");
  await page.goto(`${baseUrl()}/`);
  await expect(page.getByTestId("release-row").first()).toBeVisible();
  await expect(page.getByTestId("new-release-link")).toHaveCount(0);
  await page.goto(`${baseUrl()}/releases/new`);
  await expect(page.getByText("Admins only")).toBeVisible();
  await expect(page.getByTestId("plan-json")).toHaveCount(0);
});
