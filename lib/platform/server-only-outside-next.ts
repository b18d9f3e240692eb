// What `import "server-only"` loads outside Next's bundler (tsx for server.ts, scripts, workers and the CLI; vitest;
// Playwright), through the `paths` entry in tsconfig.json and the vitest aliases. The package itself throws unless
// the "react-server" condition is set, which only Next's server layers set; Node cannot set it for one package
// without switching React to its server build too. Inside Next, whichever of the package and this stub resolves,
// server layers get a no-op and a browser a refusal, so a server file pulled into a client bundle fails at load.
if (typeof window !== "undefined") {
  throw new Error("This module cannot be imported from a Client Component module. It should only be used from a Server Component.");
}
export {};
