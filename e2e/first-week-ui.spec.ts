// The rough edges a new team hit in its first week (issue 27), each checked as a behaviour: the report's start and
// Markdown file and print breaks, RETRY's warning, alerts closed by a rollback, STEP BACK's own colour, durations and
// wave rows on the import screen, the plan editor's blank start and lasting preview, no /source requests for releases
// that were not imported, and the phone wall's percentages and next step. SCREENSHOTS=1 also shoots each screen at
// 1280x800 and 390x844, light and dark, into screenshots/.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { simplePlan } from "../tests/support/fixtures";
import { apiAs, baseUrl, pageAs, signIn } from "./support/helpers";

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

async function shoot(browser: Browser, path: string, name: string, ready: (page: Page) => Promise<void>, role: "admin" | "commander" = "commander") {
  if (!process.env.SCREENSHOTS) return;
  const login = await browser.newContext();
  await signIn(await login.newPage(), role);
  const storageState = await login.storageState();
  await login.close();
  for (const size of SIZES) {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme, storageState });
      const page = await context.newPage();
      await page.goto(`${baseUrl()}${path}`);
      await ready(page);
      await page.screenshot({ path: `screenshots/first-week-${name}-${size.name}-${scheme}.png`, fullPage: false });
      await context.close();
    }
  }
}

/** WCAG contrast ratio of two computed `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test("a rollback and a retry: alerts 'closed by rollback', RETRY warns, the report starts at the first START and downloads its Markdown", async ({ browser }) => {
  test.setTimeout(process.env.SCREENSHOTS ? 600_000 : 120_000);
  const admin = await apiAs("admin");
  const commander = await apiAs("commander");
  const plan = simplePlan(3, {
    guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 2, windowSeconds: 10, onCritical: "rollback" }],
  });
  plan.waves[0].checklist = [{ text: "Dashboards watched" }];
  const created = await admin.post("/api/releases", plan);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const token = (await admin.post("/api/tokens", { name: `first-week ${id}`, releaseId: id })).body.token as string;
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const item = (await commander.get(`/api/releases/${id}/checklist`)).body.items[0];
  expect((await commander.request("PATCH", `/api/releases/${id}/checklist/${item.id}`, { state: "met" })).status).toBe(200);
  for (let i = 0; i < 200; i++) {
    const push = await fetch(`${baseUrl()}/api/releases/${id}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        samples: [
          { metric: "error_rate", value: 0.5, ts: new Date().toISOString(), cohort: "canary" },
          { metric: "error_rate", value: 0.01, ts: new Date().toISOString(), cohort: "baseline" },
        ],
      }),
    });
    expect(push.status).toBe(202);
    if ((await commander.get(`/api/releases/${id}`)).body.status === "rolled_back") break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect((await commander.get(`/api/releases/${id}`)).body.status).toBe("rolled_back");

  const board = await pageAs(browser, "commander");
  await board.goto(`${baseUrl()}/releases/${id}`);
  // The alert the rollback closed did not recover: the incident's timeline says what happened.
  const closed = board.locator('[data-testid="incident-timeline-entry"][data-kind="closed_by_rollback"]');
  await expect(closed.first()).toBeVisible();
  await expect(closed.first()).toContainText(/closed by rollback/i);
  await expect(board.locator('[data-testid="incident-timeline-entry"][data-kind="recovered"]')).toHaveCount(0);

  // RETRY says, before it is sent, that it reopens ticked items and withdraws sign-offs.
  await board.getByTestId("action-retry").click();
  const warning = board.getByTestId("retry-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("reopens every ticked checklist item (1 now)");
  await expect(warning).toContainText("withdraws every sign-off (none given yet)");
  await shoot(browser, `/releases/${id}`, "retry-dialog", async (p) => {
    await p.getByTestId("action-retry").click();
    await expect(p.getByTestId("retry-warning")).toBeVisible();
  });
  await board.getByTestId("confirm-submit").click();
  await expect(board.getByTestId("release-status")).toHaveAttribute("data-status", "running");
  await shoot(browser, `/releases/${id}`, "incident-timeline", async (p) => {
    await p.getByTestId("incident").first().scrollIntoViewIfNeeded();
  });

  // The report: "started" is the first START, not the RETRY; Markdown is a file to save.
  const events = (await commander.get(`/api/releases/${id}/events`)).body.events as { type: string; at: string }[];
  const firstStart = events.find((e) => e.type === "started")!.at;
  const retried = events.find((e) => e.type === "retried")!.at;
  expect(firstStart < retried).toBe(true);
  const report = (await commander.get(`/api/releases/${id}/report`)).body;
  expect(report.startedAt).toBe(firstStart);
  await board.goto(`${baseUrl()}/releases/${id}/report`);
  const markdown = board.getByTestId("report-markdown");
  await expect(markdown).toHaveAttribute("download", /\.md$/);
  const href = (await markdown.getAttribute("href"))!;
  const file = await board.request.get(`${baseUrl()}${href}`);
  expect(file.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.md"$/);
  expect(await file.text()).toContain(report.name);
  const download = board.waitForEvent("download");
  await markdown.click();
  expect((await download).suggestedFilename()).toMatch(/\.md$/);

  // Print: the first wave starts on the first page, right under the header (a wave may break across pages).
  await board.emulateMedia({ media: "print" });
  const layout = await board.evaluate(() => {
    const wave = document.querySelector<HTMLElement>('[data-testid="report-wave"]')!;
    return { top: wave.getBoundingClientRect().top + window.scrollY, breakInside: getComputedStyle(wave).breakInside };
  });
  expect(layout.breakInside).not.toMatch(/avoid/);
  expect(layout.top).toBeLessThan(600);
  const pdf = await board.pdf({ format: "A4", margin: { top: "10mm", bottom: "10mm", left: "10mm", right: "10mm" } });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await board.emulateMedia({ media: "screen" });
  await shoot(browser, `/releases/${id}/report`, "report", async (p) => {
    await expect(p.getByTestId("report")).toBeVisible();
  });
});

test("STEP BACK has its own colour beside PAUSE; the board asks /source only for imported releases; the phone wall keeps percentages and says what is next", async ({ browser }) => {
  test.setTimeout(process.env.SCREENSHOTS ? 300_000 : 90_000);
  const admin = await apiAs("admin");
  const commander = await apiAs("commander");
  const plan = simplePlan(4);
  plan.waves = plan.waves.map((w, i) => ({ ...w, name: `A rather long wave name number ${i + 1}` }));
  plan.waves[1].signoffs = ["QA", "Product Manager"];
  plan.waves[1].bakeSeconds = 3600;
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "continue" })).status).toBe(200);

  const page = await pageAs(browser, "commander");
  const sourceRequests: string[] = [];
  page.on("request", (r) => {
    if (/\/api\/releases\/[^/]+\/source$/.test(new URL(r.url()).pathname)) sourceRequests.push(r.url());
  });
  await page.goto(`${baseUrl()}/releases/${id}`);
  const stepBack = page.getByTestId("action-step_back");
  const pause = page.getByTestId("action-pause");
  await expect(stepBack).toBeVisible();
  await expect(pause).toBeVisible();
  const colours = async () =>
    Promise.all(
      [stepBack, pause].map((b) =>
        b.evaluate((el) => {
          // Tailwind 4 computes oklch(); a canvas pixel gives the sRGB the contrast formula needs.
          const rgb = (c: string) => {
            const ctx = document.createElement("canvas").getContext("2d")!;
            ctx.fillStyle = c;
            ctx.fillRect(0, 0, 1, 1);
            const [r, g, bl] = ctx.getImageData(0, 0, 1, 1).data;
            return `rgb(${r}, ${g}, ${bl})`;
          };
          const s = getComputedStyle(el);
          return { bg: rgb(s.backgroundColor), fg: rgb(s.color) };
        }),
      ),
    );
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Buttons fade between colours (transition-colors): read them once the fade is over.
    await page.waitForTimeout(400);
    const [sb, p] = await colours();
    expect(sb.bg, `${scheme}: STEP BACK and PAUSE share a colour`).not.toBe(p.bg);
    expect(contrast(sb.bg, sb.fg), `${scheme}: STEP BACK's text contrast`).toBeGreaterThanOrEqual(4.5);
  }
  await page.emulateMedia({ colorScheme: "light" });
  // Not imported: the view says so, and nobody asks for a document that is not there.
  await page.goto(`${baseUrl()}/releases/${id}/report`);
  await expect(page.getByTestId("report")).toBeVisible();
  expect(sourceRequests).toEqual([]);
  await shoot(browser, `/releases/${id}`, "actions", async (p) => {
    await p.getByTestId("action-step_back").scrollIntoViewIfNeeded();
  });

  // The phone wall: every wave's percentage is on screen, and while running it says what comes next.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const wall = await phone.newPage();
  await signIn(wall, "viewer");
  await wall.goto(`${baseUrl()}/releases/${id}/status`);
  const percents = wall.getByTestId("wall-wave-percent");
  await expect(percents).toHaveCount(4);
  for (const [i, w] of plan.waves.entries()) {
    const cell = percents.nth(i);
    await expect(cell).toBeVisible();
    await expect(cell).toContainText(`${w.trafficPercent}%`);
    expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
  }
  const next = wall.getByTestId("wall-next");
  await expect(next).toHaveAttribute("data-tone", "no-go");
  await expect(next).toContainText("NO-GO for wave 3 (75%): 2 sign-offs missing");
  await expect(next).toContainText("ready at");
  await phone.close();
  await shoot(browser, `/releases/${id}/status`, "wall", async (p) => {
    await expect(p.getByTestId("wall-next")).toBeVisible();
  });
});

test("import asks durations and waves as rows; the plan editor starts blank and keeps its last valid preview", async ({ browser }) => {
  test.setTimeout(process.env.SCREENSHOTS ? 300_000 : 90_000);
  const page = await pageAs(browser, "admin");

  // A document with stages but no durations: the bake question takes "2h", not 7200.
  await page.goto(`${baseUrl()}/releases/import`);
  await page.getByTestId("markdown-input").fill("# Checkout 2.4.1\n\nService: checkout\n\n## Wave 1 (10%)\n\nWatch the dashboards.\n\n## Wave 2 (100%)\n\nEveryone.\n");
  await page.getByTestId("read-plan").click();
  const bake = page.getByTestId("question").filter({ has: page.locator("text=/bake/i") }).first();
  await expect(bake).toBeVisible();
  const input = bake.getByTestId("answer-input");
  await expect(input).not.toHaveValue(/^\d+$/);
  await input.fill("2h");
  await bake.getByTestId("confirm-answer").click();
  await expect(bake).toHaveAttribute("data-answered", "true");
  await expect(page.locator('[data-field$=".bakeSeconds"]').first()).toContainText(/2h|2 h/);
  await input.fill("soon");
  await bake.getByTestId("confirm-answer").click();
  await expect(bake.getByRole("alert")).toContainText("duration");
  // The draft opens in the plan editor.
  await page.getByTestId("edit-draft").click();
  await expect(page.getByTestId("back-to-questions")).toBeVisible();

  // A document without percentages: the waves are asked as rows.
  await page.goto(`${baseUrl()}/releases/import`);
  await page.getByTestId("markdown-input").fill("# Search 3.0\n\nService: search\n\n## Plan\n\nRoll it out carefully.\n");
  await page.getByTestId("read-plan").click();
  const waves = page.getByTestId("waves-answer");
  await expect(waves).toBeVisible();
  await expect(waves.getByTestId("wave-row")).toHaveCount(1);
  await waves.getByTestId("add-wave-row").click();
  const rows = waves.getByTestId("wave-row");
  await rows.nth(0).getByTestId("wave-row-name").fill("Canary");
  await rows.nth(0).getByTestId("wave-row-percent").fill("10");
  await rows.nth(0).getByTestId("wave-row-bake").fill("30m");
  await rows.nth(1).getByTestId("wave-row-name").fill("Everyone");
  await rows.nth(1).getByTestId("wave-row-percent").fill("100");
  await waves.getByTestId("confirm-answer").click();
  await expect(page.getByTestId("draft-wave")).toHaveCount(2);
  await expect(page.getByTestId("draft-waves")).toContainText("Canary");
  await shoot(browser, "/releases/import", "import-rows", async (p) => {
    await p.getByTestId("markdown-input").fill("# Search 3.0\n\nService: search\n\n## Plan\n\nRoll it out carefully.\n");
    await p.getByTestId("read-plan").click();
    await p.getByTestId("waves-answer").getByTestId("add-wave-row").click();
    await p.getByTestId("waves-answer").scrollIntoViewIfNeeded();
  }, "admin");

  // The plan editor: a blank start, and a preview that stays (marked, with the problems) while the plan is invalid.
  await page.goto(`${baseUrl()}/releases/new`);
  await expect(page.getByTestId("plan-check")).toContainText("Valid plan");
  await page.getByTestId("field-waves.2.trafficPercent").fill("20");
  await expect(page.getByTestId("stale-preview")).toBeVisible();
  await expect(page.getByTestId("preview-error").first()).toBeVisible();
  await expect(page.getByTestId("stale-preview")).toContainText("Gradual GA");
  await page.getByTestId("load-blank-plan").click();
  await expect(page.getByTestId("plan-check")).toContainText("problem");
  await expect(page.getByTestId("stale-preview")).toHaveCount(0);
  await expect(page.getByTestId("plan-error").first()).toBeVisible();
  await shoot(browser, "/releases/new", "plan-editor", async (p) => {
    await p.getByTestId("field-waves.2.trafficPercent").fill("20");
    await expect(p.getByTestId("stale-preview")).toBeVisible();
    await p.getByTestId("stale-preview").scrollIntoViewIfNeeded();
  }, "admin");
});

test("the API reference page lists every operation of /api/openapi.json, grouped by tag", async ({ browser }) => {
  test.setTimeout(process.env.SCREENSHOTS ? 300_000 : 60_000);
  const page = await pageAs(browser, "viewer");
  const doc = (await (await page.request.get(`${baseUrl()}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  await page.goto(`${baseUrl()}/api-docs`);
  await expect(page.getByTestId("api-operation")).toHaveCount(operations);
  await expect(page.locator("#tag-releases")).toBeVisible();
  await expect(page.getByText("/api/releases/{id}/actions").first()).toBeVisible();
  await expect(page.locator("#tag-live-socket")).toBeVisible();
  await shoot(browser, "/api-docs#tag-releases", "api-docs", async (p) => {
    await expect(p.getByTestId("api-operation").first()).toBeVisible();
  });
});
