// A visitor signs in with a demo login through the login form and sees the demo release, on the overview and on its
// board. Other specs sign in over HTTP (support/helpers.ts signIn); these two keep the form itself covered.
import { expect, test } from "./support/test";
import { TEST_PASSWORD, TEST_USERS } from "../tests/support/test-users";
import { baseUrl, signInWithForm } from "./support/helpers";

test("the demo release is on the overview and its board", async ({ page }) => {
  await signInWithForm(page, { email: "commander@tidegate.local", password: "tidegate-commander" });
  // The form lands on the overview.
  await expect(page).toHaveURL(new RegExp(`^${baseUrl()}/$`));
  const row = page.getByRole("link", { name: /Batch patches/ }).first();
  await expect(row).toBeVisible();
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/releases/${process.env.E2E_DEMO_RELEASE_ID}$`));
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("current-wave")).toContainText("1/4");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
});

test("signed-out visitors are sent to the login page, and the form brings them back where they were going", async ({ page }) => {
  const board = `/releases/${process.env.E2E_DEMO_RELEASE_ID}`;
  await page.goto(baseUrl() + board);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(TEST_USERS.viewer.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(new RegExp(`${board}$`));
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "running");
});
