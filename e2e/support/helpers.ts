// Shared steps for end-to-end specs: sign in through the real login page, API calls as a given role.
import { expect, type Browser, type Page } from "@playwright/test";
import { SessionClient } from "../../tests/support/session-client";
import { TEST_PASSWORD, TEST_USERS, type TestRole } from "../../tests/support/test-users";

export const baseUrl = () => process.env.E2E_BASE_URL!;

export async function signIn(page: Page, role: TestRole | { email: string; password: string }) {
  const creds = typeof role === "string" ? { email: TEST_USERS[role].email, password: TEST_PASSWORD } : role;
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function pageAs(browser: Browser, role: TestRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

export async function apiAs(role: TestRole): Promise<SessionClient> {
  const client = new SessionClient(baseUrl());
  expect(await client.signIn(TEST_USERS[role].email, TEST_PASSWORD)).toBe(true);
  return client;
}
