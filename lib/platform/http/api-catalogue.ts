// The HTTP API's catalogue format and its OpenAPI 3.1 document: every route names its method, path, who may call it,
// and the zod schemas its handler validates with and answers with, so the document is generated from the code.
import "server-only";
import { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route: anyone, a session or API token holding a permission, an SDK key (flag protocols), or GitHub
 * (a webhook signed with the shared secret: X-Hub-Signature-256).
 */
export type ApiAuth =
  | { kind: "public" }
  | { kind: "sdk-key" }
  | { kind: "github-signature" }
  | { kind: "signed-in"; permission: string; roles: readonly string[]; tokenScopes: readonly string[] };

export interface ApiResponse {
  description: string;
  /** The zod schema the answer is checked against (tests) and documented with; omit for a body that is not JSON. */
  schema?: z.ZodType;
  /** Defaults to application/json when `schema` is given. */
  contentType?: string;
  /** An example body for non-JSON answers (Markdown, Prometheus text). */
  example?: string;
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI spelling: `/api/releases/{id}` for the route folder `app/api/releases/[id]`. */
  path: string;
  tag: string;
  summary: string;
  /** What the route does, for whom, and what it refuses: shown on the reference page. Required, never empty. */
  description: string;
  auth: ApiAuth;
  /** Path parameters, each a string in the URL. */
  params?: Record<string, string>;
  /** The query schema the handler parses `searchParams` with (an object of strings, coerced). */
  query?: z.ZodObject;
  /** The body schema the handler parses with (JSON unless `contentType` says otherwise). */
  body?: { schema?: z.ZodType; contentType?: string; description?: string };
  /** Answers other than the error shape, by status. */
  responses: Record<number, ApiResponse>;
  /** Error statuses this route answers in the one error shape (400, 404, 409, 422 ...); 401/403/503 are added from `auth`. */
  errors?: number[];
  /** Headers the route reads, documented as parameters (Idempotency-Key ...). */
  headers?: Record<string, string>;
}

/** The one error shape: `{ error: { code, message, details } }`. */
export const ErrorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().describe("Stable, for a client to act on: invalid_request, not_found, forbidden, version_conflict, gates_unmet ..."),
        message: z.string().describe("What was wrong, for a person"),
        details: z.unknown().describe("Structured detail (issues: [{ path, message }] for invalid requests), or null"),
      })
      .strict(),
  })
  .strict();

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: the body, query or a path parameter does not match its schema (details.issues names each field)",
  401: "Not signed in and no valid API token (Authorization: Bearer ...)",
  403: "Signed in, but the role or the token's scopes do not allow this",
  404: "Not found",
  409: "Conflict: the release moved on (version_conflict) or the command is not allowed in its state (invalid_transition)",
  413: "The body is larger than this route accepts",
  415: "Wrong Content-Type",
  422: "Refused by a rule: gates_unmet, idempotency_key_reused ...",
  429: "Too many requests",
  503: "The database cannot be reached right now; nothing was changed (Retry-After)",
};

/** `app/api/releases/[id]/route.ts` -> `/api/releases/{id}`; null for catch-all folders, which OpenAPI cannot express. */
export function openApiPathOfRouteFile(file: string): string | null {
  const dir = file.replace(/\\/g, "/").replace(/^\.?\/?app/, "").replace(/\/route\.tsx?$/, "");
  if (dir.includes("[...") || dir.includes("[[...")) return null;
  return (dir || "/").replace(/\[([^\]]+)\]/g, "{$1}");
}

const schemaNames = new WeakMap<z.ZodType, string>();

/** Names a schema's component in the document (otherwise it is named after the first operation that uses it). */
export function named<T extends z.ZodType>(schema: T, name: string): T {
  schemaNames.set(schema, name);
  return schema;
}

function stripMeta(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** Converts named zod schemas to JSON Schema 2020-12 under #/components/schemas, references between them included. */
function componentSchemas(named: Map<z.ZodType, string>, io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of named) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  // Schemas reused across registered ones land in "__shared"'s $defs: each becomes a component of its own.
  const { __shared: shared, ...schemas } = converted.schemas;
  const defs = ((shared as { $defs?: Record<string, Record<string, unknown>> } | undefined)?.$defs ?? {}) as Record<string, Record<string, unknown>>;
  const all = { ...defs, ...schemas };
  const text = JSON.stringify(Object.fromEntries(Object.entries(all).map(([id, s]) => [id, stripMeta(s)])));
  return JSON.parse(text.replaceAll("#/components/schemas/__shared#/$defs/", "#/components/schemas/"));
}

function inlineSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  return stripMeta(z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>);
}

function pascal(s: string): string {
  return s
    .replace(/[{}]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

export function operationId(op: Pick<ApiOperation, "method" | "path">): string {
  return `${op.method.toLowerCase()}${pascal(op.path.replace(/^\/api\//, "/").replace(/\.json$/, "Json"))}`;
}

export interface OpenApiDocumentInput {
  title: string;
  version: string;
  description: string;
  operations: readonly ApiOperation[];
  /** Extra tags with descriptions (the flag protocols, the live socket). */
  tags?: { name: string; description: string }[];
  /** x- extensions at the document's root (e.g. x-socket-events). */
  extensions?: Record<string, unknown>;
}

/**
 * The OpenAPI 3.1 document. Every schema object a route names becomes one component (named after the operation, or
 * shared when several operations use the same object), so a client generator sees each request and response once.
 */
export function buildOpenApiDocument(input: OpenApiDocumentInput): Record<string, unknown> {
  const requestNames = new Map<z.ZodType, string>();
  const responseNames = new Map<z.ZodType, string>();
  const nameOf = (names: Map<z.ZodType, string>, schema: z.ZodType, fallback: string) => {
    const known = names.get(schema);
    if (known) return known;
    const meta = schemaNames.get(schema);
    let name = meta ?? fallback;
    const taken = new Set([...requestNames.values(), ...responseNames.values()]);
    for (let i = 2; taken.has(name); i++) name = `${meta ?? fallback}${i}`;
    names.set(schema, name);
    return name;
  };
  nameOf(responseNames, ErrorBodySchema, "Error");
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of input.operations) {
    const id = operationId(op);
    const stem = id[0].toUpperCase() + id.slice(1);
    const parameters: unknown[] = [];
    for (const [name, description] of Object.entries(op.params ?? {})) {
      parameters.push({ name, in: "path", required: true, description, schema: { type: "string", maxLength: 200 } });
    }
    if (op.query) {
      const json = inlineSchema(op.query, "input") as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
      for (const [name, schema] of Object.entries(json.properties ?? {})) {
        const { description, ...rest } = schema;
        parameters.push({ name, in: "query", required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
      }
    }
    for (const [name, description] of Object.entries(op.headers ?? {})) {
      parameters.push({ name, in: "header", required: false, description, schema: { type: "string" } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const type = r.contentType ?? (r.schema ? "application/json" : undefined);
      responses[status] = {
        description: r.description,
        ...(type
          ? {
              content: {
                [type]: {
                  ...(r.schema ? { schema: ref(nameOf(responseNames, r.schema, `${stem}${status}Response`)) } : { schema: { type: "string" } }),
                  ...(r.example ? { example: r.example } : {}),
                },
              },
            }
          : {}),
      };
    }
    const errors = new Set(op.errors ?? []);
    if (op.query || op.body?.schema) errors.add(400);
    if (op.body?.schema && (op.body.contentType ?? "application/json") === "application/json") errors.add(415).add(413);
    if (op.auth.kind === "signed-in") errors.add(401).add(403).add(503);
    if (op.auth.kind === "sdk-key" || op.auth.kind === "github-signature") errors.add(401);
    for (const status of [...errors].sort()) {
      responses[String(status)] ??= { description: ERROR_TEXT[status] ?? "Refused", content: { "application/json": { schema: ref("Error") } } };
    }
    const operation: Record<string, unknown> = {
      operationId: id,
      tags: [op.tag],
      summary: op.summary,
      description: op.description,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              ...(op.body.description ? { description: op.body.description } : {}),
              content: {
                [op.body.contentType ?? "application/json"]: {
                  schema: op.body.schema ? ref(nameOf(requestNames, op.body.schema, `${stem}Request`)) : { type: "string" },
                },
              },
            },
          }
        : {}),
      responses,
      security:
        op.auth.kind === "public"
          ? []
          : op.auth.kind === "sdk-key"
            ? [{ sdkKey: [] }, { sdkBearer: [] }]
            : op.auth.kind === "github-signature"
              ? [{ githubSignature: [] }]
              : [{ session: [] }, { bearerToken: [] }],
      ...(op.auth.kind === "signed-in"
        ? { "x-permission": op.auth.permission, "x-roles": op.auth.roles, "x-token-scopes": op.auth.tokenScopes }
        : {}),
    };
    paths[op.path] ??= {};
    paths[op.path][op.method.toLowerCase()] = operation;
  }

  const tags = [...new Set(input.operations.map((o) => o.tag))].map((name) => ({
    name,
    ...(input.tags?.find((t) => t.name === name) ? { description: input.tags.find((t) => t.name === name)?.description } : {}),
  }));
  for (const t of input.tags ?? []) if (!tags.some((x) => x.name === t.name)) tags.push(t);

  return {
    openapi: "3.1.0",
    info: { title: input.title, version: input.version, description: input.description },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags,
    paths,
    components: {
      schemas: { ...componentSchemas(requestNames, "input"), ...componentSchemas(responseNames, "output") },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in person's session (the web app)" },
        bearerToken: { type: "http", scheme: "bearer", description: "An API token (Authorization: Bearer tg_...), limited by its scopes" },
        sdkKey: { type: "apiKey", in: "header", name: "Authorization", description: "An SDK key (a token with the sdk scope), as the Unleash SDKs send it" },
        sdkBearer: { type: "http", scheme: "bearer", description: "An SDK key as OFREP providers send it (Authorization: Bearer ...)" },
        githubSignature: {
          type: "apiKey",
          in: "header",
          name: "X-Hub-Signature-256",
          description: "GitHub's webhook signature: sha256=<hex HMAC-SHA256 of the raw body with the webhook secret (GITHUB_WEBHOOK_SECRET)>",
        },
      },
    },
    ...(input.extensions ?? {}),
  };
}
