// A visitor signs in with a demo login and sees the demo release, on the overview and on its board.
import { expect, test } from "@playwright/test";
import { baseUrl, signIn } from "./support/helpers";

test("the demo release is on the overview and its board", async ({ page }) => {
  await signIn(page, { email: "commander@tidegate.local", password: "tidegate-commander" });
  await page.goto(baseUrl() + "/");
  const row = page.getByRole("link", { name: /Batch patches/ }).first();
  await expect(row).toBeVisible();
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/releases/${process.env.E2E_DEMO_RELEASE_ID}$`));
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("current-wave")).toContainText("1/4");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
});

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto(baseUrl() + `/releases/${process.env.E2E_DEMO_RELEASE_ID}`);
  await expect(page).toHaveURL(/\/login/);
});
