// Screenshots of issue 26's screens for a person to look at (SCREENSHOTS=1 npx playwright test e2e/identity-screens.spec.ts):
// the admin's release policies, the board's applied policies and the review page saying why a sign-off does not
// count, at 1280x800 and 390x844, light and dark. PNGs go to screenshots/ (gitignored). The login page with its
// "Sign in with <name>" button is captured by e2e/oidc-groups.spec.ts (it needs the OIDC server).
import { expect, test } from "./support/test";
import { simplePlan } from "../tests/support/fixtures";
import { TEST_USERS } from "../tests/support/test-users";
import { apiAs, baseUrl, signIn } from "./support/helpers";

test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to capture screens");

const sizes = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

test("policies, applied policies and a sign-off that does not count", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await apiAs("admin");
  const service = `screens-payments-${Math.random().toString(36).slice(2, 6)}`;
  const policy = await admin.post("/api/policies", {
    name: "payments-production",
    description: "Every production release of payments",
    match: { service, environment: "prod*" },
    requiredGuardrails: [{ metric: "error_rate", maxThreshold: 0.05, action: "rollback" }],
    requiredPreChecklist: ["Security review"],
    requiredSignoffs: [{ role: "Product Manager" }],
    minBakeSeconds: 0,
    separateApprover: true,
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
  const users = (await admin.get("/api/users")).body.users as { id: string; email: string }[];
  const me = users.find((u) => u.email === TEST_USERS.admin.email)!;
  await admin.patch(`/api/users/${me.id}`, { signoffRoles: ["Product Manager"] });
  try {
    const plan = simplePlan(2, {
      name: "Payments 2.4",
      service,
      environment: "production",
      preChecklist: [{ text: "Security review done (SEC-118)" }],
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.02, onCritical: "rollback" }],
      waves: [
        { name: "Canary", trafficPercent: 10, signoffs: ["Product Manager"] },
        { name: "Everyone", trafficPercent: 100 },
      ],
    });
    const refused = await admin.post("/api/releases", { ...plan, guardrails: [] });
    expect(refused.status).toBe(422);
    const id = (await admin.post("/api/releases", plan)).body.id as string;
    const item = (await admin.get(`/api/releases/${id}`)).body.preChecklist[0].id as string;
    const commander = await apiAs("commander");
    expect((await commander.patch(`/api/releases/${id}/checklist/${item}`, { state: "met" })).status).toBe(200);
    expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
    expect((await admin.post(`/api/releases/${id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);

    for (const size of sizes) {
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
        const page = await context.newPage();
        await signIn(page, "admin");
        await page.goto(`${baseUrl()}/admin`);
        const panel = page.locator("section", { has: page.locator("#policies-title") });
        await expect(panel.getByTestId("policy-row").first()).toBeVisible();
        await panel.locator("summary").click();
        await panel.scrollIntoViewIfNeeded();
        await panel.screenshot({ path: `screenshots/admin-policies-${size.name}-${scheme}.png` });
        await page.goto(`${baseUrl()}/releases/${id}`);
        await expect(page.getByTestId("applied-policies")).toBeVisible();
        await page.screenshot({ path: `screenshots/board-policies-${size.name}-${scheme}.png` });
        await page.goto(`${baseUrl()}/releases/${id}/review`);
        const cell = page.getByTestId("signoff-does-not-count").first();
        await expect(cell).toContainText("Does not count because");
        await cell.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `screenshots/review-does-not-count-${size.name}-${scheme}.png` });
        await context.close();
      }
    }
  } finally {
    await admin.patch(`/api/users/${me.id}`, { signoffRoles: [] });
    await admin.delete(`/api/policies/${policy.body.id}`);
  }
});
