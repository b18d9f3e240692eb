// The house's import rules, checked by `npm run lint` and by tests/boundaries.test.ts. Each rule names the part of
// the layout it protects; README "Layout" draws the house these rules keep standing.

/** Server code: anything that may touch the database, the network, the process or the cluster. */
const SERVER = [
  "^lib/[^/]+/server/",
  "^lib/platform/(db|http|cluster|outbox|jobs|logging|config|net|observability|failpoints)/",
  "^lib/main/",
  "^lib/generated/",
];
/** Packages that only the server may load. `node:` built-ins are matched by dependency type ("core") instead. */
const SERVER_PACKAGES = "^node_modules/(@prisma|pg|better-sqlite3)/";
/** `import "server-only"`: the package, or its no-op stand-in outside Next (tsconfig.json `paths`). */
const SERVER_ONLY = ["^node_modules/server-only/", "^lib/platform/server-only-outside-next\\.ts$"];
/** Pure code: the capabilities' domains and the plan format's pure folders. */
const PURE = "^lib/([^/]+/core|plans/import|plans/edit)/";
const TEST_FILE = "\\.test\\.tsx?$";
const TYPES_ONLY = ["type-only", "type-import"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles anywhere, type imports included: a cycle means two modules are one module in disguise.",
      // The outbox rework breaks the last known cycle (releases' write path -> webhook dispatch -> traffic hook ->
      // write path); until it lands its cycles are listed in .dependency-cruiser-known-violations.json, which
      // `npm run lint` ignores and tests/boundaries.test.ts holds to exactly that knot.
      from: {},
      to: { circular: true },
    },
    {
      name: "core-imports-only-pure-code",
      severity: "error",
      comment: "The domain is pure: a core (or the plan format's import/edit folders) imports only other pure code and plain packages.",
      from: { path: PURE },
      to: { pathNot: [PURE, "^node_modules/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "core-no-framework-or-database",
      severity: "error",
      comment: "The domain is pure: no Next.js, React, Prisma, socket.io or database driver, not even for types.",
      from: { path: PURE },
      to: { path: ["^node_modules/(next|react|react-dom|@prisma|socket\\.io|socket\\.io-client|engine\\.io|pg|better-sqlite3)/", "^lib/generated/"] },
    },
    {
      name: "core-no-node-built-ins",
      severity: "error",
      comment: "The domain is pure: no file system, network or process. Its tests may read fixtures from disk.",
      from: { path: PURE, pathNot: TEST_FILE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-tests-read-fixtures-only",
      severity: "error",
      comment: "A pure folder's tests may read fixtures (node:fs, node:path) and nothing else from Node.",
      from: { path: PURE },
      to: { dependencyTypes: ["core"], pathNot: "^(node:)?(fs|path)$" },
    },
    {
      name: "browser-never-imports-server",
      severity: "error",
      comment: "Browser code (components, clients, platform/browser) never pulls in server code; `import type` is fine.",
      from: { path: "^(components/|lib/[^/]+/client/|lib/platform/browser/)" },
      to: { path: [...SERVER, SERVER_PACKAGES, ...SERVER_ONLY], dependencyTypesNot: TYPES_ONLY },
    },
    {
      name: "browser-no-node-built-ins",
      severity: "error",
      comment: "Browser code cannot load Node's built-ins.",
      from: { path: "^(components/|lib/[^/]+/client/|lib/platform/browser/)" },
      to: { dependencyTypes: ["core"], dependencyTypesNot: TYPES_ONLY },
    },
    {
      name: "routes-never-touch-the-database",
      severity: "error",
      comment: "Routes are parse -> authorize -> one operation -> respond: queries live in a capability's server folder.",
      from: { path: "^app/" },
      to: { path: ["^lib/platform/db/", "^lib/[^/]+/server/[a-z-]*store[a-z-]*\\.ts$", "^lib/generated/", SERVER_PACKAGES] },
    },
    {
      name: "product-never-imports-scripts",
      severity: "error",
      comment: "Scripts (demo, admin, database) use the product, never the other way round: shared values live in lib/.",
      from: { path: "^(app|components|lib)/" },
      to: { path: "^scripts/" },
    },
    {
      name: "cli-is-a-client-of-the-api",
      severity: "error",
      comment: "The CLI talks to the HTTP API only: no server code, no database, no Next.js (types excepted).",
      from: { path: "^lib/cli/" },
      to: { path: [...SERVER, SERVER_PACKAGES, "^node_modules/next/"], dependencyTypesNot: TYPES_ONLY },
    },
    {
      // A warning for now: the route wrapper still asks auth, the outbox still knows releases' events, and the
      // metrics endpoint reads flags and tokens. Each is listed by `npm run lint`; make it an error once they are gone.
      name: "platform-knows-no-capability",
      severity: "warn",
      comment: "Platform is shared infrastructure without product rules: it never imports a capability or the wiring.",
      from: { path: "^lib/platform/" },
      to: { path: "^lib/(?!platform/|generated/)[^/]+/" },
    },
    {
      name: "edge-never-reaches-the-database",
      severity: "error",
      comment: "The flag protocols' edge answers from memory: nothing it loads, directly or not, reaches the database or socket.io.",
      from: { path: "^lib/[^/]+/edge/" },
      to: {
        path: ["^lib/platform/db/", "^lib/generated/", "^node_modules/(@prisma|pg|better-sqlite3|socket\\.io)/"],
        reachable: true,
      },
    },
  ],
  required: [
    {
      name: "server-files-are-server-only",
      severity: "error",
      comment: 'Every server file starts with `import "server-only"`, so a browser bundle that reaches one fails instead of shipping it.',
      module: { path: SERVER.filter((p) => p !== "^lib/generated/"), pathNot: [TEST_FILE, "\\.int\\.test\\.ts$"] },
      to: { path: SERVER_ONLY },
    },
  ],
  options: {
    // Packages and lib/generated (the Prisma clients) are not cruised, but stay in the graph as targets: `exclude`
    // would drop the imports of them too, and with them every rule about Prisma, Next.js or socket.io.
    doNotFollow: { path: ["(^|/)node_modules/", "^lib/generated/"] },
    exclude: { path: "^\\.next/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"] },
  },
};
