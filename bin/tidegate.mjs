#!/usr/bin/env node
// The `tidegate` command (package.json "bin"). Runs the CLI compiled to JavaScript (dist/cli/tidegate.mjs, built by
// `npm run build` with esbuild): starting TypeScript through tsx took 2.7-9 s a call. When the compiled file is
// missing or older than one of its sources (a fresh checkout, an edited lib/cli), it is rebuilt here first (~0.5 s,
// once). TIDEGATE_CLI_FROM_SOURCE=1 runs the TypeScript through tsx instead, for debugging.
import { readFileSync, statSync } from "node:fs";
import module from "node:module";

// V8 keeps the compiled code of the bundle on disk (Node 22.1+), so later calls skip most of the parsing.
module.enableCompileCache?.();

const OUT = new URL("../dist/cli/tidegate.mjs", import.meta.url);
const INPUTS = new URL("../dist/cli/inputs.json", import.meta.url);

function mtime(url) {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return null;
  }
}

/** The compiled file is usable when it exists and no source it was built from changed since (about 20 stats). */
function isFresh() {
  const built = mtime(OUT);
  // watch and wait load socket.io-client from its own file (see scripts/cli/build-cli.mjs).
  if (built === null || mtime(new URL("../dist/cli/socket-io-client.cjs", import.meta.url)) === null) return false;
  try {
    const { inputs } = JSON.parse(readFileSync(INPUTS, "utf8"));
    return inputs.every((file) => (mtime(new URL(`../${file}`, import.meta.url)) ?? Number.POSITIVE_INFINITY) <= built);
  } catch {
    return false;
  }
}

async function load() {
  if (process.env.TIDEGATE_CLI_FROM_SOURCE === "1") {
    await import("tsx");
    // The package is CommonJS by type, so tsx loads the TypeScript as CommonJS: its exports arrive on `default`.
    const cli = await import("../lib/cli/main.ts");
    return cli.main ? cli : cli.default;
  }
  if (!isFresh()) {
    try {
      const { buildCli } = await import("../scripts/cli/build-cli.mjs");
      await buildCli();
    } catch (e) {
      // A read-only install can still run an older build; without one there is nothing to run: say how to build it.
      if (mtime(OUT) === null) {
        process.stderr.write(
          `tidegate: the CLI is not built (dist/cli/tidegate.mjs is missing) and building it here failed: ${e.message}\n` +
            "Build it once in the Tidegate directory with `npm run build:cli` (or `npm run build`), then run tidegate again;\n" +
            "or run it from its TypeScript source (slow to start) with TIDEGATE_CLI_FROM_SOURCE=1.\n",
        );
        process.exit(1);
      }
      process.stderr.write(`tidegate: could not rebuild the CLI (${e.message}); running the previous build\n`);
    }
  }
  return import(OUT.href);
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
