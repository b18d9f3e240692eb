// The stand-in customer page (flag-page.ts) bundled for the browser, with its configuration: used by the e2e test
// of the OFREP web provider and by bench/flags.ts, which times rollbacks reaching it.
import { buildSync } from "esbuild";
import path from "node:path";

export interface FlagPageConfig {
  baseUrl: string;
  sdkKey: string;
  flag: string;
  targetingKey: string;
}

let bundled: string | null = null;

function bundle(): string {
  bundled ??= buildSync({
    entryPoints: [path.join(__dirname, "flag-page.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    logLevel: "silent",
  }).outputFiles[0].text;
  return bundled;
}

export function flagPageHtml(config: FlagPageConfig): string {
  return `<!doctype html><html><body><p id="feature" data-value="">loading</p>
<script>window.FLAG_CONFIG = ${JSON.stringify(config)};</script><script>${bundle()}</script></body></html>`;
}
