// Issue 25: a release through staging -> eu -> us on the overview (the stage map and what holds the next stage), the
// board (the map above the stage lanes, the approval button), the wall screen ("EU: done", "US: waiting for EU soak
// (1 h)"), the report (one section per stage) and /admin's environments, at 1280x800 and 390x844, light and dark.
// With SCREENSHOTS=1 the PNGs go to screenshots/ for a person to look at.
import { expect, test } from "./support/test";
import { apiAs, baseUrl, inBothSchemes, type Scheme, signIn } from "./support/helpers";

const sizes = [
  { name: "1280x800", viewport: { width: 1280, height: 800 } },
  { name: "390x844", viewport: { width: 390, height: 844 } },
] as const;

const stage = (key: string, name: string, environment: string, percents: number[], extra: Record<string, unknown> = {}) => ({
  key,
  name,
  environment,
  waves: percents.map((trafficPercent) => ({ name: `${name} ${trafficPercent}%`, trafficPercent })),
  ...extra,
});

async function createStaged() {
  const admin = await apiAs("admin");
  const uniq = Math.random().toString(36).slice(2, 8);
  const envs = { staging: `staging-${uniq}`, eu: `eu-${uniq}`, us: `us-${uniq}` };
  for (const [i, name] of Object.values(envs).entries()) {
    const res = await admin.post("/api/environments", { name, region: name.split("-")[0], order: i, router: `haproxy-${name.split("-")[0]}`, ...(i === 2 ? { approverRoles: ["Release manager"] } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const res = await admin.post("/api/releases", {
    name: `Checkout 3.1 across regions ${uniq}`,
    service: "checkout",
    version: "3.1.0",
    tracks: [
      stage("staging", "Staging", envs.staging, [100]),
      stage("eu", "EU", envs.eu, [25, 50, 100], { after: { track: "staging" }, soakSeconds: 3600 }),
      stage("us", "US", envs.us, [50, 100], { after: { track: "eu" } }),
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  const commander = await apiAs("commander");
  const steps: [string, string][] = [
    ["start", "staging"],
    ["continue", "staging"],
    ["start", "eu"],
    ["continue", "eu"],
  ];
  for (const [action, track] of steps) {
    const moved = await commander.post(`/api/releases/${id}/actions`, { action, track });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  return { id, envs, commander };
}

for (const size of sizes) {
  test(`stages on the overview, board, wall, report and admin, ${size.name}, light and dark`, async ({ browser }) => {
    const { id, commander } = await createStaged();
    const context = await browser.newContext({ viewport: size.viewport });
    const page = await context.newPage();
    await signIn(page, "admin");
    const wide = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
    const shoot = async (name: string, scheme: Scheme) => {
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/stages-${name}-${size.name}-${scheme}.png`, fullPage: true });
    };

    await page.goto(`${baseUrl()}/`);
    const row = page.locator(`[data-testid="release-row"][data-release-id="${id}"]`);
    await inBothSchemes(page, async (scheme) => {
      await expect(row.getByTestId("stage-map")).toBeVisible();
      await expect(row.locator('[data-stage="eu"]')).toHaveAttribute("data-step", "active");
      await expect(row.getByTestId("stage-next")).toContainText("Next: US");
      await wide();
      await shoot("overview", scheme);
    });

    await page.goto(`${baseUrl()}/releases/${id}`);
    const us = page.locator('[data-testid="track-lane"][data-track="us"]');
    await inBothSchemes(page, async (scheme) => {
      await expect(us.getByTestId("track-waiting")).toHaveText("US starts after EU completes");
      await expect(page.getByTestId("stage-map").first()).toBeVisible();
      await expect(us.getByTestId("approve-promotion")).toBeVisible();
      await wide();
      await shoot("board", scheme);
    });

    // eu completes: us now waits for eu's soak.
    for (const action of ["continue", "continue"]) expect((await commander.post(`/api/releases/${id}/actions`, { action, track: "eu" })).status).toBe(200);
    await page.goto(`${baseUrl()}/releases/${id}/status`);
    await inBothSchemes(page, async (scheme) => {
      await expect(page.locator('[data-testid="wall-track"][data-track="eu"]')).toHaveText(/^EU:\s*done$/);
      await expect(page.locator('[data-testid="wall-track"][data-track="us"]')).toHaveText(/^US:\s*waiting for EU soak \((1 h|60 min|59 min)\)$/);
      await wide();
      await shoot("wall", scheme);
    });

    await page.goto(`${baseUrl()}/releases/${id}/report`);
    await inBothSchemes(page, async (scheme) => {
      await expect(page.getByTestId("report-stage")).toHaveCount(3);
      await expect(page.locator('[data-testid="report-stage"][data-stage="eu"]')).toContainText("completed");
      await wide();
      await shoot("report", scheme);
    });

    await page.goto(`${baseUrl()}/admin#environments-title`);
    await inBothSchemes(page, async (scheme) => {
      await expect(page.getByTestId("environments")).toBeVisible();
      await wide();
      if (process.env.SCREENSHOTS) await page.getByTestId("environments").screenshot({ path: `screenshots/stages-admin-${size.name}-${scheme}.png` });
    });
    await context.close();
  });
}
