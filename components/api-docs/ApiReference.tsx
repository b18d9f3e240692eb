// The HTTP API reference, rendered from the OpenAPI document the server serves: operations grouped by tag, each with
// method and path, who may call it, its parameters and its request and response schemas. No scripts, no CDN.
import type { ReactNode } from "react";

type Json = Record<string, unknown>;
type Operation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Json }[];
  requestBody?: { content: Record<string, { schema?: Json }>; description?: string };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Json; example?: string }> }>;
  security?: Record<string, string[]>[];
  "x-permission"?: string;
  "x-roles"?: string[];
  "x-token-scopes"?: string[];
};
interface SocketEvent {
  direction: string;
  name: string;
  description: string;
  payload: Json;
}

const METHOD_COLOR: Record<string, string> = {
  get: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  patch: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  delete: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function refName(schema: Json | undefined): string | null {
  const ref = schema?.$ref;
  return typeof ref === "string" ? ref.split("/").pop()! : null;
}

function SchemaBlock({ schema, components }: { schema: Json | undefined; components: Record<string, Json> }) {
  if (!schema) return null;
  const name = refName(schema);
  const shown = name ? components[name] : schema;
  return (
    <details className="mt-1 rounded border border-zinc-200 dark:border-zinc-800">
      <summary className="cursor-pointer px-2 py-1 font-mono text-xs text-zinc-700 dark:text-zinc-300">
        {name ? <a href={`#schema-${slug(name)}`}>{name}</a> : "schema"}
      </summary>
      <pre className="max-h-96 overflow-auto bg-zinc-50 p-2 text-xs leading-snug dark:bg-zinc-900">{JSON.stringify(shown, null, 2)}</pre>
    </details>
  );
}

/** Descriptions mark code with backticks, as OpenAPI's CommonMark does. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-zinc-100 px-1 font-mono text-[0.9em] dark:bg-zinc-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function who(op: Operation): ReactNode {
  if (!op.security || op.security.length === 0) return "Public";
  if (op.security.some((s) => "sdkKey" in s)) return "SDK key (a token with the sdk scope)";
  if (op.security.some((s) => "githubSignature" in s)) return "GitHub's webhook signature (X-Hub-Signature-256 with GITHUB_WEBHOOK_SECRET)";
  return (
    <>
      Permission <code>{op["x-permission"]}</code>: roles {op["x-roles"]?.join(", ") || "none"}; token scopes {op["x-token-scopes"]?.join(", ") || "none"}
    </>
  );
}

function OperationCard({ method, path, op, components }: { method: string; path: string; op: Operation; components: Record<string, Json> }) {
  return (
    <article id={op.operationId} className="scroll-mt-16 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-950" data-testid="api-operation">
      <h3 className="flex flex-wrap items-center gap-2 text-sm">
        <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_COLOR[method] ?? ""}`}>{method}</span>
        <code className="font-mono font-semibold break-all">{path}</code>
        <span className="text-zinc-600 dark:text-zinc-400">{op.summary}</span>
      </h3>
      <p className="mt-1.5 text-sm text-zinc-800 dark:text-zinc-200">
        <Prose text={op.description} />
      </p>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Who: {who(op)}</p>
      {op.parameters?.length ? (
        <table className="mt-2 w-full text-left text-xs">
          <thead>
            <tr className="text-zinc-500">
              <th className="pr-2 font-medium">Parameter</th>
              <th className="pr-2 font-medium">In</th>
              <th className="font-medium">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`} className="align-top">
                <td className="pr-2 font-mono">
                  {p.name}
                  {p.required ? "*" : ""}
                </td>
                <td className="pr-2">{p.in}</td>
                <td>
                  {p.description ?? ""} <span className="font-mono text-zinc-500">{JSON.stringify(p.schema)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {op.requestBody ? (
        <div className="mt-2 text-xs">
          <div className="font-semibold">Request body {Object.keys(op.requestBody.content).join(", ")}</div>
          {op.requestBody.description ? <p className="text-zinc-600 dark:text-zinc-400">{op.requestBody.description}</p> : null}
          {Object.values(op.requestBody.content).map((c, i) => (
            <SchemaBlock key={i} schema={c.schema} components={components} />
          ))}
        </div>
      ) : null}
      <div className="mt-2 text-xs">
        <div className="font-semibold">Responses</div>
        <ul className="mt-0.5 flex flex-col gap-1">
          {Object.entries(op.responses).map(([status, r]) => (
            <li key={status}>
              <span className={`font-mono font-bold ${status.startsWith("2") ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-600 dark:text-zinc-400"}`}>{status}</span>{" "}
              {r.description}
              {r.content && status.startsWith("2")
                ? Object.entries(r.content).map(([type, c]) => (
                    <div key={type}>
                      <span className="font-mono text-zinc-500">{type}</span>
                      {c.schema && refName(c.schema) ? <SchemaBlock schema={c.schema} components={components} /> : null}
                    </div>
                  ))
                : null}
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}

export function ApiReference({ document }: { document: Json }) {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  const components = ((document.components as Json).schemas ?? {}) as Record<string, Json>;
  const tags = document.tags as { name: string; description?: string }[];
  const socketEvents = (document["x-socket-events"] ?? []) as SocketEvent[];
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const info = document.info as { title: string; description: string };
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">{info.title}</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">
          <Prose text={info.description} />
        </p>
        <p className="mt-1 text-sm">
          Machine-readable:{" "}
          <a className="font-mono text-sky-700 underline dark:text-sky-400" href="/api/openapi.json">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1) · plan format:{" "}
          <a className="font-mono text-sky-700 underline dark:text-sky-400" href="/api/plan-schema.json">
            /api/plan-schema.json
          </a>
        </p>
        <nav aria-label="Sections" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {tags.map((t) => (
            <a key={t.name} href={`#tag-${slug(t.name)}`} className="font-semibold text-sky-700 underline underline-offset-2 dark:text-sky-400">
              {t.name}
            </a>
          ))}
          <a href="#tag-live-socket" className="font-semibold text-sky-700 underline underline-offset-2 dark:text-sky-400">
            Live socket
          </a>
        </nav>
      </header>
      {tags.map((t) => (
        <section key={t.name} aria-labelledby={`tag-${slug(t.name)}`} className="flex flex-col gap-2">
          <h2 id={`tag-${slug(t.name)}`} className="scroll-mt-16 text-lg font-bold">
            {t.name}
          </h2>
          {t.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.description}</p> : null}
          {(byTag.get(t.name) ?? []).map(({ method, path, op }) => (
            <OperationCard key={`${method} ${path}`} method={method} path={path} op={op} components={components} />
          ))}
        </section>
      ))}
      <section aria-labelledby="tag-live-socket" className="flex flex-col gap-2">
        <h2 id="tag-live-socket" className="scroll-mt-16 text-lg font-bold">
          Live socket (socket.io at /socket.io)
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Signed in by the session cookie or an API token (auth.token). Events:</p>
        {socketEvents.map((e) => (
          <article key={e.name} className="rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-950">
            <h3 className="flex flex-wrap items-center gap-2">
              <code className="font-mono font-semibold">{e.name}</code>
              <span className="text-xs text-zinc-500">{e.direction}</span>
            </h3>
            <p className="mt-1">
              <Prose text={e.description} />
            </p>
            <SchemaBlock schema={e.payload} components={components} />
          </article>
        ))}
      </section>
      <section aria-labelledby="schemas" className="flex flex-col gap-2">
        <h2 id="schemas" className="text-lg font-bold">
          Schemas
        </h2>
        {Object.entries(components).map(([name, schema]) => (
          <details key={name} id={`schema-${slug(name)}`} className="rounded border border-zinc-200 dark:border-zinc-800">
            <summary className="cursor-pointer px-2 py-1 font-mono text-sm">{name}</summary>
            <pre className="max-h-96 overflow-auto bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{JSON.stringify(schema, null, 2)}</pre>
          </details>
        ))}
      </section>
    </div>
  );
}
