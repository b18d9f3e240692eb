// The commander's loop in a real browser (Playwright + Debian's Chromium) against the production server: how soon
// the board can be acted on after navigation, how soon a dead connection shows, whether PAUSE works while the socket
// is down, and how long the demo's error spike takes to roll back on its own. A benchmark, not a test: it prints
// numbers and the targets beside them, and asserts nothing.
//
//   npx tsx bench/commander-loop.ts [--navigations 20] [--runs 5] [--spike-runs 2] [--app-dir DIR | --snapshot]
//   npx tsx bench/commander-loop.ts --versus DIR [--navigations 20]
//
// Run it once here and once with `--app-dir` pointing at a build of the previous code to compare side by side; or
// with `--versus DIR` (another checkout, built) for navigation only, alternating between the two servers one
// navigation at a time, so that whatever else the machine does falls on both alike.
import http from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { prepareDatabase } from "../tests/support/global-setup";
import { startServer } from "../tests/support/server-process";
import { TEST_PASSWORD, TEST_USERS } from "../tests/support/test-users";
import { as } from "../tests/support/fixtures";
import { startSimulator } from "../scripts/simulator/runner";
import {
  fmt,
  intArg,
  machineFacts,
  onCleanup,
  parseArgs,
  prepareApp,
  printMachine,
  runBench,
  serverEnv,
  serverPid,
  sleep,
  summary,
  table,
  writeResults,
} from "./support";

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

type SessionClient = Awaited<ReturnType<typeof as>>;

/**
 * The browser the board is opened in. "profile": a browser with a profile on disk, as a commander's own browser is;
 * Chromium keeps compiled script (V8's code cache) there and reuses it on the next visit. "private": a private
 * window, which keeps no compiled code, so every visit compiles the app's scripts again.
 */
type BrowserKind = "profile" | "private";
const BROWSER_KINDS: BrowserKind[] = ["profile", "private"];

async function openBrowser(kind: BrowserKind): Promise<BrowserContext> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const viewport = { width: 1280, height: 860 };
  if (kind === "private") {
    const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    onCleanup(() => browser.close());
    return browser.newContext({ viewport });
  }
  const profile = mkdtempSync(path.join(tmpdir(), "tidegate-bench-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, viewport });
  onCleanup(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

async function signIn(context: BrowserContext, baseUrl: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(TEST_USERS.commander.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.close();
}

/** A release with the demo's plan, started (its pre-deployment items overridden), fed by the simulator. */
async function demoRelease(baseUrl: string, admin: SessionClient, commander: SessionClient, name: string) {
  const plan = { ...JSON.parse(readFileSync(path.join(process.cwd(), "prisma", "demo-plan.json"), "utf8")), name };
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  const started = await commander.post(`/api/releases/${id}/actions`, { action: "start", override: true, reason: "bench: pre-deployment done elsewhere" });
  if (started.status !== 200) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
  const token = (await admin.post("/api/tokens", { name: `bench ${name}`, releaseId: id })).body.token as string;
  const sim = startSimulator({ baseUrl, releaseId: id, token, intervalMs: 1000, log: () => {} });
  onCleanup(async () => {
    sim.stop();
    await sim.done;
  });
  return { id, sim };
}

/** Milliseconds since navigation start (the page's own clock) at which `predicate` first held. */
async function navigationTiming(context: BrowserContext, url: string, selectors: Record<string, string>, timeoutMs: number) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit" });
    const out: Record<string, number> = {};
    await Promise.all(
      Object.entries(selectors).map(async ([name, selector]) => {
        // A loaded machine may not get there in time: that counts as a miss (NaN), not a crash of the benchmark.
        const handle = await page
          .waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : null), selector, { polling: "raf", timeout: timeoutMs })
          .catch(() => null);
        out[name] = handle ? ((await handle.jsonValue()) as number) : Number.NaN;
      }),
    );
    // Where the time went: the server's answer (first byte, last byte) and the first paint, same clock.
    const split = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return { firstByte: nav?.responseStart ?? Number.NaN, lastByte: nav?.responseEnd ?? Number.NaN, firstPaint: paint?.startTime ?? Number.NaN };
    });
    Object.assign(out, split);
    return out;
  } finally {
    await page.close();
  }
}

async function stateOf(page: Page): Promise<string | null> {
  return page.getByTestId("connection-state").getAttribute("data-state");
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(stepMs);
  }
  return false;
}

const BOARD_SELECTORS = {
  state: '[data-testid="release-status"][data-status="running"]',
  pause: '[data-testid="action-pause"]:not([disabled])',
  continue: '[data-testid="action-continue"]:not([disabled])',
  live: '[data-testid="connection-state"][data-state="live"]',
};

/** One app's server, signed-in browser context and demo release, for navigation timings. */
async function boardUnder(appDir: string, label: string) {
  const here = process.cwd();
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-loop-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  process.chdir(appDir);
  try {
    await prepareDatabase(databaseUrl);
    const server = await startServer(serverEnv(databaseUrl, { probe: true, extra: { NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000" } }));
    onCleanup(() => server.stop());
    const admin = await as("admin", server.baseUrl);
    const commander = await as("commander", server.baseUrl);
    const context = await openBrowser("profile");
    await signIn(context, server.baseUrl);
    const { id } = await demoRelease(server.baseUrl, admin, commander, `Commander loop ${label}`);
    return { context, board: `${server.baseUrl}/releases/${id}` };
  } finally {
    process.chdir(here);
  }
}

async function versus(args: Map<string, string>, navigations: number) {
  const app = await prepareApp(new Map());
  const other = path.resolve(args.get("versus")!);
  printMachine(machineFacts());
  const sides = [
    { name: `this checkout (${app.git})`, ...(await boardUnder(app.dir, "A")) },
    { name: other, ...(await boardUnder(other, "B")) },
  ];
  await sleep(5000);
  for (const side of sides) await navigationTiming(side.context, side.board, BOARD_SELECTORS, 60_000); // warm-up
  const samples: Record<string, number>[][] = [[], []];
  for (let i = 0; i < navigations; i++) {
    // Alternating who goes first as well, so neither side always follows the other's tab.
    for (const s of i % 2 ? [1, 0] : [0, 1]) samples[s].push(await navigationTiming(sides[s].context, sides[s].board, BOARD_SELECTORS, 60_000));
  }
  const p50 = (list: Record<string, number>[], k: string) => summary(list.map((x) => x[k]).filter(Number.isFinite)).p50;
  console.log(`\nnavigation to the board, ${navigations} times each, alternating between the two apps, each in a browser with a profile (p50 ms)`);
  console.log(
    table(
      ["app", "state on screen", "PAUSE enabled", "socket live", "first byte", "last byte", "first paint"],
      sides.map((side, s) => [side.name, ...["state", "pause", "live", "firstByte", "lastByte", "firstPaint"].map((k) => fmt(p50(samples[s], k), 0))]),
    ),
  );
  const file = writeResults("commander-loop-versus", { sides: sides.map((s) => s.name), samples });
  console.log(`results: ${file}`);
}

runBench(async () => {
  const args = parseArgs(process.argv.slice(2));
  const navigations = intArg(args, "navigations", 20, 1, 500);
  if (args.get("versus")) return versus(args, navigations);
  const runs = intArg(args, "runs", 5, 1, 50);
  const spikeRuns = intArg(args, "spike-runs", 2, 0, 20);
  const app = await prepareApp(args);
  const machine = machineFacts();
  printMachine(machine);
  console.log(`app: ${app.mode} ${app.dir} (git ${app.git})`);

  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-loop-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  await prepareDatabase(databaseUrl);
  const server = await startServer(serverEnv(databaseUrl, { probe: true, extra: { NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000" } }));
  onCleanup(() => server.stop());
  const pid = serverPid(server.output());
  const baseUrl = server.baseUrl;
  const admin = await as("admin", baseUrl);
  const commander = await as("commander", baseUrl);

  // Both kinds of browser, each signed in; everything after the navigation timings uses the one with a profile.
  const browsers = {} as Record<BrowserKind, BrowserContext>;
  for (const kind of BROWSER_KINDS) {
    browsers[kind] = await openBrowser(kind);
    await signIn(browsers[kind], baseUrl);
  }
  const context = browsers.profile;

  const { id } = await demoRelease(baseUrl, admin, commander, "Commander loop");
  await sleep(5000);
  const board = `${baseUrl}/releases/${id}`;

  // 1. Navigation -> the board shows the current state and can be acted on.
  console.log(`\n1. navigation to the board (${navigations} times per browser, a new tab each time, demo plan, simulator feeding it)`);
  const selectors = BOARD_SELECTORS;
  const samples = {} as Record<BrowserKind, Record<string, number>[]>;
  for (const kind of BROWSER_KINDS) {
    samples[kind] = [];
    // Warm-up, twice: Chromium stores a script's compiled code on its second use (in a browser with a profile).
    for (let i = 0; i < 2; i++) await navigationTiming(browsers[kind], board, selectors, 60_000);
  }
  for (let i = 0; i < navigations; i++) {
    // Alternating the two browsers, so whatever else the machine does falls on both alike.
    for (const kind of i % 2 ? [...BROWSER_KINDS].reverse() : BROWSER_KINDS) samples[kind].push(await navigationTiming(browsers[kind], board, selectors, 60_000));
  }
  if (args.get("trace")) {
    // One more navigation under Chromium's timeline trace (in the browser with a profile), for the Performance panel.
    const tracePage = await context.newPage();
    const cdp = await context.newCDPSession(tracePage);
    const chunks: unknown[] = [];
    cdp.on("Tracing.dataCollected", (data) => chunks.push(...data.value));
    const complete = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
    await cdp.send("Tracing.start", { categories: "devtools.timeline,v8.execute,blink.user_timing,loading", transferMode: "ReportEvents" });
    await tracePage.goto(board, { waitUntil: "commit" });
    await tracePage.waitForSelector(selectors.pause, { timeout: 60_000 });
    await sleep(1000);
    await cdp.send("Tracing.end");
    await complete;
    writeFileSync(args.get("trace")!, JSON.stringify({ traceEvents: chunks }));
    await tracePage.close();
    console.log(`trace of one navigation: ${args.get("trace")}`);
  }
  for (const kind of BROWSER_KINDS) {
    const list = samples[kind];
    const nav = Object.fromEntries([...Object.keys(selectors), "firstByte", "lastByte", "firstPaint"].map((k) => [k, summary(list.map((s) => s[k]).filter(Number.isFinite))]));
    const misses = (k: string) => list.filter((s) => !Number.isFinite(s[k])).length;
    const row = (label: string, k: string, missed = true) => [label, fmt(nav[k].p50, 0), fmt(nav[k].p95, 0), fmt(nav[k].max, 0), missed ? String(misses(k)) : ""];
    console.log(kind === "profile" ? "\nin a browser with a profile (a commander's own browser: compiled scripts kept)" : "\nin a private window (no compiled scripts kept: every visit compiles them again)");
    console.log(
      table(
        ["since navigation start", "p50 ms", "p95 ms", "max ms", "not within 60 s"],
        [
          row("current state on screen", "state"),
          row("PAUSE enabled", "pause"),
          row("CONTINUE enabled", "continue"),
          row("socket live and synced", "live"),
          row("(server's first byte)", "firstByte", false),
          row("(server's last byte)", "lastByte", false),
          row("(first contentful paint)", "firstPaint", false),
        ],
      ),
    );
  }
  console.log("target: interactive with the current state under 500 ms");
  // For scale, in the same browser: a static HTML page (no app, no script) and the app's lightest page, each in a new
  // tab: what a new tab costs on this machine before any of the board's own work.
  const staticPage = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><html><head><title>static</title></head><body><h1>Static page</h1></body></html>");
  });
  await new Promise<void>((resolve) => staticPage.listen(0, "127.0.0.1", resolve));
  onCleanup(() => new Promise<void>((resolve) => staticPage.close(() => resolve())));
  const staticUrl = `http://127.0.0.1:${(staticPage.address() as { port: number }).port}/`;
  const controls: Record<string, Record<string, number>[]> = { "static HTML page": [], "sign-in page": [] };
  for (let i = 0; i < navigations; i++) {
    controls["static HTML page"].push(await navigationTiming(context, staticUrl, { shown: "h1" }, 60_000));
    controls["sign-in page"].push(await navigationTiming(context, `${baseUrl}/login`, { shown: '[data-testid="login-submit"]' }, 60_000));
  }
  console.log(
    table(
      ["control, new tab each time", "shown p50 ms", "first paint p50 ms", "server last byte p50 ms"],
      Object.entries(controls).map(([name, list]) => [
        name,
        fmt(summary(list.map((s) => s.shown).filter(Number.isFinite)).p50, 0),
        fmt(summary(list.map((s) => s.firstPaint).filter(Number.isFinite)).p50, 0),
        fmt(summary(list.map((s) => s.lastByte).filter(Number.isFinite)).p50, 0),
      ]),
    ),
  );

  // 2. The connection dies silently (the server stops answering: SIGSTOP) -> the board stops saying "Live".
  const page = await context.newPage();
  await page.goto(board);
  await waitFor(async () => (await stateOf(page)) === "live", 30_000);
  const silent: number[] = [];
  const offlineEvent: number[] = [];
  console.log(`\n2. connection loss shown (${runs} runs each)`);
  for (let i = 0; i < runs && pid; i++) {
    await sleep(1500);
    const t0 = Date.now();
    process.kill(pid, "SIGSTOP");
    const shown = await waitFor(async () => (await stateOf(page)) !== "live", 40_000);
    silent.push(shown ? Date.now() - t0 : Number.NaN);
    process.kill(pid, "SIGCONT");
    await waitFor(async () => (await stateOf(page)) === "live", 40_000);
  }
  for (let i = 0; i < runs; i++) {
    await sleep(1500);
    const t0 = Date.now();
    await context.setOffline(true);
    const shown = await waitFor(async () => (await stateOf(page)) !== "live", 40_000);
    offlineEvent.push(shown ? Date.now() - t0 : Number.NaN);
    await context.setOffline(false);
    await waitFor(async () => (await stateOf(page)) === "live", 40_000);
  }
  const s1 = summary(silent.filter(Number.isFinite));
  const s2 = summary(offlineEvent.filter(Number.isFinite));
  console.log(
    table(
      ["how the connection is lost", "shown after p50 ms", "max ms", "missed"],
      [
        ["server silent (SIGSTOP), no close", fmt(s1.p50, 0), fmt(s1.max, 0), String(silent.filter((v) => !Number.isFinite(v)).length)],
        ["browser offline (network down)", fmt(s2.p50, 0), fmt(s2.max, 0), String(offlineEvent.filter((v) => !Number.isFinite(v)).length)],
      ],
    ),
  );
  console.log("target: loss of the live connection shown within 3 s");

  // 3. PAUSE with the socket down: available, and applied over HTTP.
  console.log("\n3. PAUSE and ROLL BACK while the socket is down");
  const pauses: number[] = [];
  let pauseAvailable = 0;
  let rollbackAvailable = 0;
  for (let i = 0; i < runs; i++) {
    await page.goto(board);
    await waitFor(async () => (await stateOf(page)) === "live", 30_000);
    await page.evaluate(() => (window as unknown as { __tidegateSocket: { disconnect(): void } }).__tidegateSocket.disconnect());
    await waitFor(async () => (await stateOf(page)) !== "live", 5000);
    if (await page.getByTestId("action-rollback").isEnabled()) rollbackAvailable++;
    if (await page.getByTestId("action-pause").isEnabled()) {
      pauseAvailable++;
      const t0 = Date.now();
      await page.getByTestId("action-pause").click();
      await page.getByTestId("confirm-submit").click();
      const paused = await waitFor(async () => (await page.getByTestId("release-status").getAttribute("data-status")) === "paused", 10_000);
      pauses.push(paused ? Date.now() - t0 : Number.NaN);
      await commander.post(`/api/releases/${id}/actions`, { action: "resume", override: true, reason: "bench: resume after the pause" });
    }
    await page.evaluate(() => (window as unknown as { __tidegateSocket: { connect(): void } }).__tidegateSocket.connect());
  }
  const p = summary(pauses.filter(Number.isFinite));
  console.log(
    table(
      ["", "value"],
      [
        ["PAUSE enabled with the socket down", `${pauseAvailable}/${runs}`],
        ["ROLL BACK enabled with the socket down", `${rollbackAvailable}/${runs}`],
        ["click PAUSE -> board shows PAUSED (p50 / max ms, includes the dialog)", `${fmt(p.p50, 0)} / ${fmt(p.max, 0)}`],
      ],
    ),
  );
  await page.close();

  // 4. The demo's error spike -> the guardrail rolls back on its own (the README's promise).
  const spikes: { toCritical: number; toRollback: number; countdownSeen: boolean }[] = [];
  if (spikeRuns) console.log(`\n4. demo plan, simulator switched to error-spike -> automatic rollback (${spikeRuns} runs)`);
  for (let i = 0; i < spikeRuns; i++) {
    const { id: spikeId } = await demoRelease(baseUrl, admin, commander, `Error spike ${i + 1}`);
    const watch = await context.newPage();
    await watch.goto(`${baseUrl}/releases/${spikeId}`);
    await sleep(25_000); // healthy traffic first, as in the demo
    const t0 = Date.now();
    expect200(await commander.request("PUT", `/api/releases/${spikeId}/simulator`, { scenario: "error-spike" }));
    let toCritical = Number.NaN;
    let countdownSeen = false;
    const done = await waitFor(
      async () => {
        if (!countdownSeen && (await watch.getByTestId("auto-action-countdown").count())) countdownSeen = true;
        const view = (await commander.get(`/api/releases/${spikeId}`)).body as { status: string; health: string };
        if (Number.isNaN(toCritical) && view.health === "CRITICAL") toCritical = Date.now() - t0;
        return view.status === "rolled_back";
      },
      120_000,
      200,
    );
    spikes.push({ toCritical, toRollback: done ? Date.now() - t0 : Number.NaN, countdownSeen });
    await watch.close();
  }
  if (spikeRuns) {
    console.log(
      table(
        ["run", "switch -> CRITICAL s", "switch -> rolled back s", "countdown shown"],
        spikes.map((s, i) => [String(i + 1), fmt(s.toCritical / 1000), fmt(s.toRollback / 1000), s.countdownSeen ? "yes" : "no"]),
      ),
    );
  }

  const navigation = Object.fromEntries(
    BROWSER_KINDS.map((kind) => [kind, Object.fromEntries([...Object.keys(selectors), "firstByte", "lastByte", "firstPaint"].map((k) => [k, summary(samples[kind].map((s) => s[k]).filter(Number.isFinite))]))]),
  );
  const file = writeResults("commander-loop", { machine, app, navigation, samples, silent, offlineEvent, pauses, pauseAvailable, rollbackAvailable, spikes });
  console.log(`\nresults: ${file}`);
}, 30);

function expect200(res: { status: number; body: unknown }) {
  if (res.status !== 200) throw new Error(`answered ${res.status}: ${JSON.stringify(res.body)}`);
}
