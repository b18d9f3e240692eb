// Groups from a real OpenID Connect provider decide roles (issue 26): a person signs in through the provider on
// loopback, gets commander from the "oncall" group and pauses a release; the group is removed in the provider, and
// at the next sign-in HTTP refuses the command and the open socket is cut within 5 s. Password sign-in is off.
// This spec starts its own server (OIDC settings and AUTH_PASSWORD=off differ from the shared e2e server).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { io as connect, type Socket } from "socket.io-client";
import { freePort } from "../tests/support/free-port";
import { prepareDatabase } from "../tests/support/prepared-database";
import { startOidcProvider, type OidcProvider } from "../tests/support/oidc-provider";
import { startServer, type ServerProcess } from "../tests/support/server-process";
import { SessionClient } from "../tests/support/session-client";
import { TEST_PASSWORD, TEST_USERS } from "../tests/support/test-users";

let dir: string;
let oidc: OidcProvider;
let server: ServerProcess;
let releaseId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(path.join(tmpdir(), "tidegate-oidc-"));
  const databaseUrl = `file:${path.join(dir, "oidc.db")}`;
  releaseId = prepareDatabase(databaseUrl, true)!;
  const port = await freePort();
  oidc = await startOidcProvider(`http://localhost:${port}/api/auth/callback/oidc`);
  server = await startServer(
    {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: "e2e-oidc-secret-0123456789abcdef",
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_NAME: "Acme SSO",
      OIDC_SCOPES: "openid email profile groups",
      OIDC_GROUPS_CLAIM: "groups",
      OIDC_ROLE_MAP: "release-admins=admin,oncall=commander,pm=approver:Product Manager",
      AUTH_PASSWORD: "off",
      SOCKET_RECHECK_MS: "2000",
    },
    port,
  );
});

test.afterAll(async () => {
  await server?.stop();
  oidc?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Through Tidegate's login page and the provider's own login and consent pages (once; later it remembers). */
async function signInWithSso(page: Page) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  await page.waitForURL((url) => url.origin === oidc.issuer || !url.pathname.startsWith("/login"));
  if (new URL(page.url()).origin === oidc.issuer) {
    const login = page.locator('input[name="login"]');
    if (await login.isVisible()) {
      await login.fill("casey");
      await page.locator('input[name="password"]').fill("anything");
      await page.getByRole("button", { name: "Sign-in" }).click();
    }
    const consent = page.getByRole("button", { name: "Continue" });
    if (await consent.isVisible().catch(() => false)) await consent.click();
  }
  await page.waitForURL((url) => url.origin === server.baseUrl && !url.pathname.startsWith("/login"));
}

const sessionCookie = async (page: Page) =>
  (await page.context().cookies(server.baseUrl)).map((c) => `${c.name}=${c.value}`).join("; ");

function openSocket(cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.baseUrl, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", (e) => reject(e));
  });
}

test("groups from the identity provider grant commander; removing the group takes it away at the next sign-in, on HTTP and the socket", async ({ page }) => {
  await oidc.setAccount("casey", { email: "casey@example.test", name: "Casey Oncall", groups: ["oncall", "pm"] });

  // The login page offers the provider and no password form.
  await page.goto(`${server.baseUrl}/login`);
  await expect(page.getByRole("button", { name: "Sign in with Acme SSO" })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);

  await signInWithSso(page);
  const me = await (await page.request.get(`${server.baseUrl}/api/me`)).json();
  expect(me.user.role).toBe("commander");
  expect(JSON.stringify(me)).toContain("Product Manager");

  // Acts on a release: PAUSE through the same API the board's button calls.
  const headers = { origin: server.baseUrl };
  const paused = await page.request.post(`${server.baseUrl}/api/releases/${releaseId}/actions`, { headers, data: { action: "pause", reason: "holding for the on-call check" } });
  expect(paused.status(), await paused.text()).toBe(200);

  // An open socket with this session, subscribed to the release.
  const socket = await openSocket(await sessionCookie(page));
  const ack = await socket.timeout(5000).emitWithAck("subscribe", { releaseId, afterSeq: 0 });
  expect(ack.ok).toBe(true);

  // The provider drops the person from "oncall"; the next sign-in check is the next sign-in.
  await oidc.setAccount("casey", { groups: ["pm"] });
  let why = "none";
  socket.on("session:ended", (w: { code: string }) => (why = w.code));
  const disconnectedAt = new Promise<number>((resolve) => socket.on("disconnect", () => resolve(Date.now())));
  const before = Date.now();
  await signInWithSso(page);
  const signedInAt = Date.now();
  // Cut within 5 s of the sign-in's callback (it may come before the browser has even landed back on the board).
  const at = await Promise.race([disconnectedAt, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
  expect(at, "the socket was still open 5 s after the sign-in").toBeGreaterThan(0);
  expect(why).toBe("rights_changed");
  console.log(`socket cut ${at - signedInAt} ms after the sign-in returned (${at - before} ms after it began)`);

  const after = await (await page.request.get(`${server.baseUrl}/api/me`)).json();
  expect(after.user.role).toBe("approver");
  expect(after.user.signoffRoles).toEqual(["Product Manager"]);
  const refused = await page.request.post(`${server.baseUrl}/api/releases/${releaseId}/actions`, { headers, data: { action: "resume" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  socket.close();
});

test("password sign-in is refused when AUTH_PASSWORD=off", async () => {
  const client = new SessionClient(server.baseUrl);
  expect(await client.signIn(TEST_USERS.admin.email, TEST_PASSWORD)).toBe(false);
  const csrf = await (await client.raw("/api/auth/csrf")).json();
  const res = await client.raw("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: TEST_USERS.admin.email, password: TEST_PASSWORD, csrfToken: csrf.csrfToken, json: "true" }).toString(),
  });
  expect(res.status).toBe(403);
  expect((await res.json()).error.code).toBe("password_sign_in_off");
});

test("login page screenshots (SCREENSHOTS=1)", async ({ browser }) => {
  test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to capture screens");
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/login`);
      await expect(page.getByRole("button", { name: "Sign in with Acme SSO" })).toBeVisible();
      await page.screenshot({ path: `screenshots/login-sso-${name}-${scheme}.png` });
      await context.close();
    }
  }
});
