// Compiles the `tidegate` CLI (lib/cli, TypeScript) into one JavaScript file with esbuild, so a call starts in
// tens of milliseconds instead of the seconds tsx took to compile it from source on every run. Run by
// `npm run build`, and by bin/tidegate.mjs on demand when the output is missing or older than a source it was built from.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI_OUT = path.join(root, "dist/cli/tidegate.mjs");
/** The sources the output was built from, for the staleness check in bin/tidegate.mjs. */
export const CLI_INPUTS = path.join(root, "dist/cli/inputs.json");

export async function buildCli() {
  // esbuild comes with tsx (a runtime dependency), so this works on production installs too.
  const { build } = await import("esbuild");
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  // socket.io-client (with ws, two thirds of the bundle) is needed only by watch and wait: it goes into its own file,
  // loaded by a shim the first time a live connection opens, so status, actions, --help and --version never parse it.
  const socket = await build({
    absWorkingDir: root,
    stdin: { contents: 'module.exports = require("socket.io-client");', resolveDir: root, loader: "js" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    minify: true,
    keepNames: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const lazySocket = {
    name: "lazy-socket.io-client",
    setup(b) {
      b.onResolve({ filter: /^socket\.io-client$/ }, () => ({ path: "socket.io-client", namespace: "lazy-socket" }));
      b.onLoad({ filter: /.*/, namespace: "lazy-socket" }, () => ({
        contents: 'export function io(...args) { return require("./socket-io-client.cjs").io(...args); }',
        loader: "js",
      }));
    },
  };
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["lib/cli/main.ts"],
    outfile: CLI_OUT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Bundled CommonJS dependencies (socket.io-client's) call require() for Node built-ins.
    banner: { js: 'import { createRequire as __tidegateRequire } from "node:module"; const require = __tidegateRequire(import.meta.url);' },
    plugins: [lazySocket],
    external: ["./socket-io-client.cjs"],
    metafile: true,
    // Written by hand below: two CLI calls that both find the output stale must not read a half-written file.
    write: false,
    logLevel: "warning",
    legalComments: "none",
    // Less to parse on every start; names are kept so error messages and stack traces still read.
    minify: true,
    keepNames: true,
  });
  // Files only: a plugin's virtual module ("lazy-socket:socket.io-client") has no mtime, and bin/tidegate.mjs would
  // take it as changed on every call and rebuild every time (it did: 0.4 s a call instead of 0.2 s).
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/") && !/^[\w-]+:/.test(f));
  mkdirSync(path.dirname(CLI_OUT), { recursive: true });
  const socketOut = path.join(path.dirname(CLI_OUT), "socket-io-client.cjs");
  writeFileSync(`${socketOut}.${process.pid}.tmp`, socket.outputFiles[0].contents);
  renameSync(`${socketOut}.${process.pid}.tmp`, socketOut);
  const temp = `${CLI_OUT}.${process.pid}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, CLI_OUT);
  writeFileSync(`${CLI_INPUTS}.${process.pid}.tmp`, JSON.stringify({ version, inputs }));
  renameSync(`${CLI_INPUTS}.${process.pid}.tmp`, CLI_INPUTS);
  return { out: CLI_OUT, inputs: inputs.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { out, inputs } = await buildCli();
  console.log(`built ${path.relative(root, out)} from ${inputs} sources in ${Math.round(performance.now() - started)} ms`);
}
