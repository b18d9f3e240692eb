// Freezes and quarantines on screen (issue 25): the board's banner and gate line during a freeze, the quarantine
// notice on a held draft, and the overview's calendar with declare/end and lift for admins; 1280x800 and 390x844,
// light and dark. Every freeze names a service of its own, so other specs on this server are never held.
import { expect, test } from "./support/test";
import { simplePlan } from "../tests/support/fixtures";
import { apiAs, baseUrl, signIn } from "./support/helpers";

const SIZES = [
  { name: "1280", width: 1280, height: 800 },
  { name: "390", width: 390, height: 844 },
] as const;
const unique = () => Math.random().toString(36).slice(2, 7);

test("a freeze and a quarantine: board banners, the gate line, the overview calendar; end and lift with a reason", async ({ browser }) => {
  // Twelve screenshots on a shared machine: one sign-in, reused by every context.
  test.setTimeout(300_000);
  const admin = await apiAs("admin");
  const commander = await apiAs("commander");
  const frozenService = `storefront-${unique()}`;
  const freeze = await admin.post("/api/freezes", {
    from: new Date(Date.now() - 60_000).toISOString(),
    to: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    reason: "Black Friday",
    services: [frozenService],
  });
  expect(freeze.status, JSON.stringify(freeze.body)).toBe(201);
  const upcoming = await admin.post("/api/freezes", {
    from: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    to: new Date(Date.now() + 22 * 86_400_000).toISOString(),
    reason: "Year-end change freeze",
    services: [frozenService],
  });
  expect(upcoming.status).toBe(201);
  const frozenId = (await admin.post("/api/releases", simplePlan(3, { name: "Storefront 5.2", service: frozenService }))).body.id as string;

  const qService = `payments-${unique()}`;
  const first = (await admin.post("/api/releases", simplePlan(3, { name: "Payments 7.0 (first try)", service: qService, version: "7.0.0" }))).body.id as string;
  expect((await commander.post(`/api/releases/${first}/actions`, { action: "start" })).status).toBe(200);
  expect((await commander.post(`/api/releases/${first}/actions`, { action: "rollback", reason: "card declines doubled" })).status).toBe(200);
  const heldId = (await admin.post("/api/releases", simplePlan(3, { name: "Payments 7.0 (again)", service: qService, version: "7.0.0" }))).body.id as string;

  const signedIn = await browser.newContext();
  await signIn(await signedIn.newPage(), "admin");
  const storageState = await signedIn.storageState();
  await signedIn.close();
  // Both sizes always (the phone layout is behaviour too); dark and the PNGs only with SCREENSHOTS=1.
  for (const scheme of process.env.SCREENSHOTS ? (["light", "dark"] as const) : (["light"] as const)) {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme: scheme, storageState });
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/releases/${frozenId}`);
      await expect(page.getByTestId("freeze-banner")).toContainText("Frozen until");
      await expect(page.getByTestId("freeze-banner")).toContainText("Black Friday (admin@test.local)");
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/freezes-board-${size.name}-${scheme}.png`, fullPage: false });
      await page.goto(`${baseUrl()}/releases/${heldId}`);
      await expect(page.getByTestId("quarantine-banner")).toContainText("Payments 7.0 (first try)");
      await expect(page.getByTestId("quarantine-banner")).toContainText("card declines doubled");
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/freezes-quarantine-board-${size.name}-${scheme}.png`, fullPage: false });
      await page.goto(`${baseUrl()}/`);
      await expect(page.getByTestId("freeze-calendar")).toContainText("Black Friday");
      await expect(page.getByTestId("freeze-calendar")).toContainText("Year-end change freeze");
      await expect(page.getByTestId("quarantine-list")).toContainText(`${qService} 7.0.0`);
      await page.getByTestId("freeze-calendar").scrollIntoViewIfNeeded();
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/freezes-overview-${size.name}-${scheme}.png`, fullPage: false });
      await context.close();
    }
  }

  // The board's gate line names the freeze like any other blocker.
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState })).newPage();
  await page.goto(`${baseUrl()}/releases/${frozenId}`);
  await expect(page.locator("body")).toContainText("Freeze");

  // End the freeze from the calendar, with a reason; lift the quarantine the same way.
  await page.goto(`${baseUrl()}/`);
  const row = page.getByTestId("freeze-row").filter({ hasText: "Black Friday" });
  await row.getByTestId("end-freeze").click();
  await page.getByTestId("end-freeze-dialog-reason").fill("sale traffic is over");
  await page.getByTestId("end-freeze-dialog-confirm").click();
  await expect(page.getByTestId("freeze-row").filter({ hasText: "Black Friday" })).toHaveCount(0);
  const qrow = page.getByTestId("quarantine-row").filter({ hasText: `${qService} 7.0.0` });
  await qrow.getByTestId("lift-quarantine").click();
  await page.getByTestId("lift-quarantine-dialog-reason").fill("the acquirer was at fault");
  await page.getByTestId("lift-quarantine-dialog-confirm").click();
  await expect(page.getByTestId("quarantine-row").filter({ hasText: `${qService} 7.0.0` })).toHaveCount(0);
  expect((await commander.post(`/api/releases/${frozenId}/actions`, { action: "start" })).status).toBe(200);
  expect((await commander.post(`/api/releases/${heldId}/actions`, { action: "start" })).status).toBe(200);
  // Leave nothing held for the specs after this one.
  await admin.request("DELETE", `/api/freezes/${upcoming.body.id}`, { reason: "e2e cleanup" });
});
