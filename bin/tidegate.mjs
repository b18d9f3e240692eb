#!/usr/bin/env node
// The `tidegate` command (package.json "bin"). The CLI is TypeScript under lib/cli, run through tsx (a runtime
// dependency, the same loader as `npm start`), so it works right after `npm ci` with no build step.
import "tsx";

// The package is CommonJS by type, so tsx loads the TypeScript as CommonJS: its exports arrive on `default`.
const cli = await import("../lib/cli/main.ts");
const { main } = cli.main ? cli : cli.default;
process.exitCode = await main(process.argv.slice(2));
