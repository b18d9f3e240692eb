// The `test` every spec uses: Playwright's, plus one automatic fixture that closes the browser contexts a test opened
// (pageAs and browser.newContext). Contexts made from the worker's browser outlive their test unless closed: every
// board left open kept its socket, its timers and its re-renders running for the rest of the run, on the same two
// cores as the server the next specs measure.
import { test as base, expect } from "@playwright/test";

export { expect };

export const test = base.extend<{ closeOpenedContexts: undefined }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use(undefined);
      await Promise.all(
        browser
          .contexts()
          .filter((context) => !before.has(context))
          .map((context) => context.close().catch(() => {})),
      );
    },
    { auto: true },
  ],
});
