// Issue 22: a two-track programme on the board (tracks side by side, each with its own commands) and on the wall
// screen ("Search migration: 50 %, Installation: waiting for Search migration"), at 1280x800 and 390x844, light and
// dark. The assertions always run; with SCREENSHOTS=1 the PNGs go to screenshots/ (gitignored) for a person to look at.
import { expect, test } from "./support/test";
import { apiAs, baseUrl, inBothSchemes, signIn } from "./support/helpers";

const sizes = [
  { name: "1280x800", viewport: { width: 1280, height: 800 } },
  { name: "390x844", viewport: { width: 390, height: 844 } },
] as const;

const ramp = (key: string, name: string, percents: number[], extra: Record<string, unknown> = {}) => ({
  key,
  name,
  waves: percents.map((trafficPercent) => ({ name: `${name} ${trafficPercent}%`, trafficPercent })),
  ...extra,
});

async function createProgramme() {
  const admin = await apiAs("admin");
  const uniq = Math.random().toString(36).slice(2, 8);
  const res = await admin.post("/api/releases", {
    name: `Search platform programme ${uniq}`,
    service: "search",
    version: "3.0.0",
    tracks: [
      ramp("search", "Search migration", [10, 25, 50, 100], { flags: [{ key: `search-v3-${uniq}` }] }),
      ramp("installation", "Installation", [10, 50, 75, 100], { after: { track: "search", when: "completed" }, flags: [{ key: `install-v3-${uniq}` }] }),
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  const commander = await apiAs("commander");
  for (const action of ["start", "continue", "continue"]) {
    const moved = await commander.post(`/api/releases/${id}/actions`, { action, track: "search" });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  return id;
}

for (const size of sizes) {
  test(`a two-track programme on the board and the wall screen, ${size.name}, light and dark`, async ({ browser }) => {
    const id = await createProgramme();
    const context = await browser.newContext({ viewport: size.viewport });
    const page = await context.newPage();
    await signIn(page, "commander");
    await page.goto(`${baseUrl()}/releases/${id}`);
    const search = page.locator('[data-testid="track-lane"][data-track="search"]');
    const installation = page.locator('[data-testid="track-lane"][data-track="installation"]');
    await inBothSchemes(page, async (scheme) => {
      await expect(search).toHaveAttribute("data-status", "running");
      await expect(search.getByTestId("track-state")).toHaveText("50%");
      await expect(installation.getByTestId("track-waiting")).toHaveText("Installation starts after Search migration completes");
      await expect(search.getByTestId("track-action-continue")).toBeVisible();
      await expect(search.getByTestId("track-action-pause")).toBeVisible();
      await expect(installation.getByTestId("track-action-start")).toBeDisabled();
      // Nothing on the page may be wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/programme-board-${size.name}-${scheme}.png`, fullPage: true });

      // The board's own PAUSE on one track holds only that track.
      await search.getByTestId("track-action-pause").click();
      await expect(search).toHaveAttribute("data-status", "paused");
      await expect(installation).toHaveAttribute("data-status", "draft");
      await search.getByTestId("track-action-resume").click();
      await expect(search).toHaveAttribute("data-status", "running");
    });

    await page.goto(`${baseUrl()}/releases/${id}/status`);
    await inBothSchemes(page, async (scheme) => {
      await expect(page.locator('[data-testid="wall-track"][data-track="search"]')).toHaveText(/^Search migration:\s*50 %$/);
      await expect(page.locator('[data-testid="wall-track"][data-track="installation"]')).toHaveText(/^Installation:\s*waiting for Search migration$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/programme-wall-${size.name}-${scheme}.png`, fullPage: true });
    });
    await context.close();
  });
}
