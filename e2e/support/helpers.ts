// Shared steps for end-to-end specs: sign in through the real login page, API calls as a given role.
import { expect, type Browser, type Page } from "@playwright/test";
import { SessionClient } from "../../tests/support/session-client";
import { TEST_PASSWORD, TEST_USERS, type TestRole } from "../../tests/support/test-users";

export const baseUrl = () => process.env.E2E_BASE_URL!;

/** Signs in through the login page's form, as a person does (the demo spec keeps this path covered in Chromium). */
export async function signInWithForm(page: Page, role: TestRole | { email: string; password: string }) {
  const creds = typeof role === "string" ? { email: TEST_USERS[role].email, password: TEST_PASSWORD } : role;
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Signs the page's browser context in as a role through next-auth's credentials endpoint (as a script does) and hands
 * the session cookies to the browser. Every spec then opens the screen it tests: going through the login form each
 * time cost two page renders (the form, then the overview it lands on) per sign-in, about a minute of the suite on
 * two cores, while the form itself is covered by signInWithForm's spec.
 */
export async function signIn(page: Page, role: TestRole) {
  const client = await apiAs(role);
  await page.context().addCookies(client.cookies().map(({ name, value }) => ({ name, value, url: baseUrl() })));
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

export type Scheme = "light" | "dark";

/**
 * Runs a loaded screen's checks (and its screenshots) in the light scheme, then in the dark one, on the same page: the
 * scheme is CSS only (prefers-color-scheme), so loading the screen again per scheme would ask the server the same
 * question twice. Every check still runs in both schemes.
 */
export async function inBothSchemes(page: Page, check: (scheme: Scheme) => Promise<void>) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await check(scheme);
  }
}
