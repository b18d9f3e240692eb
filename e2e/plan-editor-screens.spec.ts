// Screenshots of the plan editor for a person to look at (SCREENSHOTS=1 npx playwright test e2e/plan-editor-screens.spec.ts):
// the form view, the JSON view with an inline error and its tooltip, and the schedule preview, in desktop and phone
// sizes, light and dark. PNGs go to screenshots/ (gitignored). Skipped in npm test.
import { expect, test } from "./support/test";
import { baseUrl, signIn } from "./support/helpers";

test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to capture screens");

const sizes = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

for (const size of sizes) {
  for (const scheme of ["light", "dark"] as const) {
    test(`plan editor, ${size.name}, ${scheme}`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, "admin");
      await page.goto(`${baseUrl()}/releases/new`);
      await page.getByTestId("load-demo-plan").click();
      const shot = (name: string) => page.screenshot({ path: `screenshots/plan-editor-${name}-${size.name}-${scheme}.png` });

      await expect(page.getByTestId("plan-form")).toBeVisible();
      await shot("form-top");
      // A wave with its checklist and guardrails open, and a field with a problem.
      await page.getByTestId("field-waves.2.trafficPercent").fill("20");
      await page.getByTestId("checklist-waves.1.checklist").locator("summary").click();
      await page.getByTestId("guardrails-waves.1.guardrails").locator("summary").click();
      await page.getByTestId("add-guardrail-waves.1.guardrails").click();
      await page.getByTestId("field-waves.1.maxSeconds").fill("1m");
      await page.getByTestId("form-wave").nth(1).scrollIntoViewIfNeeded();
      await shot("form-wave");
      await page.getByTestId("add-rollback-level").click();
      await page.getByTestId("add-step-0").click();
      await page.getByTestId("form-rollback").scrollIntoViewIfNeeded();
      await shot("form-rollback");

      await page.getByTestId("plan-tab-json").click();
      // CodeMirror renders only the lines in view: scroll the editor until the wave's line is there.
      const line = page.getByTestId("plan-json").locator(".cm-line", { hasText: '"trafficPercent": 20' });
      const scroller = page.getByTestId("plan-json").locator(".cm-scroller");
      for (let i = 0; i < 80 && (await line.count()) === 0; i++) {
        await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight / 2));
        await page.waitForTimeout(50);
      }
      await line.first().scrollIntoViewIfNeeded();
      await line.locator("span", { hasText: /^20$/ }).first().hover();
      await expect(page.locator(".cm-tooltip").first()).toBeVisible();
      await shot("json-error");

      await page.getByTestId("load-example-plan").click();
      await page.getByTestId("plan-tab-form").click();
      // Deadlines, an automatic promotion and hypercare, so the schedule shows all it can.
      await page.getByTestId("field-waves.0.maxSeconds").fill("2h");
      await page.getByTestId("field-waves.1.maxSeconds").fill("12h");
      await page.getByTestId("field-waves.2.autoContinue").check();
      await page.getByTestId("add-hypercare").click();
      await expect(page.getByTestId("timeline-hypercare")).toBeVisible();
      await page.locator("#plan-preview-title").scrollIntoViewIfNeeded();
      await expect(page.getByTestId("plan-timeline")).toBeVisible();
      await page.locator("#plan-preview-title").locator("xpath=ancestor::section[1]").screenshot({ path: `screenshots/plan-editor-preview-${size.name}-${scheme}.png` });
      await context.close();
    });
  }
}
