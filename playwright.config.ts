// End-to-end tests: the real production server (built by `next build`) in Debian's Chromium.
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Debian's chromium-headless-shell (the old headless mode, no browser UI underneath) renders the same pages as the
// full browser for about half the CPU: on two cores the browser was the end-to-end phase's largest cost.
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const GLOBAL_STATE_SPECS = /(webhooks|identity-screens)\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // Spec files run two at a time (the tests inside a file in order): most of a spec's time is spent waiting for the
  // server's clock (bake times, guardrail windows, live pushes), not on the CPU. Every spec creates releases, freezes
  // and environments of its own, so specs on the shared server never hold each other. Two specs change what every
  // release sees: the webhook spec subscribes an endpoint to every release's events and counts its deliveries, and the
  // identity screens (screenshot runs only) apply a release policy and change the admin's sign-off roles; they run
  // after the others, one at a time.
  fullyParallel: false,
  workers: Number(process.env.TIDEGATE_E2E_WORKERS) || 2,
  projects: [
    { name: "shared", testIgnore: GLOBAL_STATE_SPECS },
    { name: "alone", testMatch: GLOBAL_STATE_SPECS, dependencies: ["shared"], workers: 1 },
  ],
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    trace: "off",
    screenshot: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium"),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
