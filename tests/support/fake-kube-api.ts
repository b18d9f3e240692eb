// A fake Kubernetes API server for Gateway API HTTPRoutes, since no cluster runs here. Written from the Kubernetes API
// conventions (https://kubernetes.io/docs/reference/using-api/api-concepts/) and the Gateway API v1 HTTPRoute CRD
// (kubernetes-sigs/gateway-api, config/crd/standard/gateway.networking.k8s.io_httproutes.yaml):
// - GET, PUT, PATCH (application/merge-patch+json, application/json-patch+json) and WATCH (`?watch=true`, chunked JSON
//   lines of {type, object}) on /apis/gateway.networking.k8s.io/v1/namespaces/{ns}/httproutes[/{name}[/status]];
// - one monotonic resourceVersion for the whole store (etcd's revision), metadata.generation bumped only when the spec
//   changes, status a subresource (writes to the main resource leave it alone, writes to /status touch nothing else);
// - optimistic concurrency: a PUT or PATCH whose resulting metadata.resourceVersion is not the stored one is 409
//   Conflict; a PUT without one is 422 (custom resources do not allow unconditional update); a failed JSON Patch
//   `test` is 422;
// - validation from the CRD's OpenAPI schema: rules and backendRefs at most 16, weight an int32 in 0..1,000,000,
//   backendRef name 1-253 characters, a Service reference needs a port in 1..65535 (the CRD's CEL rule);
// - errors as metav1 Status objects (reason NotFound, Conflict, Invalid, Unauthorized, BadRequest);
// - bearer-token authentication (401 otherwise).
// Scriptable for tests: a controller that writes status at once, after a delay, or only when told (lag), with
// Accepted/ResolvedRefs verdicts of the test's choosing; "someone else" editing the weights; a concurrent write
// slipped in before the next writes (409s); a log of every request.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const GROUP = "gateway.networking.k8s.io";
const BASE = `/apis/${GROUP}/v1/namespaces/`;
const MAX_RULES = 16;
const MAX_BACKEND_REFS = 16;
const MAX_WEIGHT = 1_000_000;
const WATCH_HISTORY = 1000;

// The store holds arbitrary JSON, as the API server does.
type Json = any;

export interface ConditionVerdict {
  status: "True" | "False" | "Unknown";
  reason: string;
  message?: string;
}

export interface ControllerScript {
  /** "auto": status follows every spec change (after `delayMs`); "manual": only `reconcile()` writes it (lag). */
  mode: "auto" | "manual";
  delayMs?: number;
  accepted?: ConditionVerdict;
  resolvedRefs?: ConditionVerdict;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  contentType: string | undefined;
  body: Json;
  status: number;
}

interface WatchClient {
  res: ServerResponse;
  namespace: string;
  name: string | null;
}

export interface FakeKubeApi {
  url: string;
  token: string;
  requests: LoggedRequest[];
  /** Writes a kubeconfig pointing at this server (with the given token; default the valid one) and returns its path. */
  writeKubeconfig(path: string, token?: string): string;
  get(namespace: string, name: string): Json;
  put(route: Json): Json;
  setController(script: Partial<ControllerScript>): void;
  /** The controller's status write for the route's current generation, with the scripted verdicts. */
  reconcile(namespace: string, name: string): void;
  /** Someone else (kubectl, another controller) sets backend weights in a rule: a spec change, a new generation. */
  editWeights(namespace: string, name: string, rule: number, weights: Record<string, number>): void;
  /** The automatic controller queues its status writes until `releaseController()` (a controller that lags). */
  holdController(): void;
  releaseController(): void;
  /**
   * The next `n` writes find the route changed by someone else just before they land: a label edit by default (409
   * each), or `edit` (e.g. backendRefs reordered: a JSON Patch `test` then fails first, 422).
   */
  raceNextWrites(n: number, edit?: (route: Json) => void): void;
  writes(): LoggedRequest[];
  close(): Promise<void>;
}

const clone = <T>(v: T): T => structuredClone(v);
const key = (ns: string, name: string) => `${ns}/${name}`;

function status(code: number, reason: string, message: string, details?: Json) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(details ? { details } : {}), code };
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Json,
  ) {
    super(message);
  }
}

function invalid(name: string, causes: { field: string; message: string }[]): ApiError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(", ");
  return new ApiError(422, "Invalid", `HTTPRoute.${GROUP} "${name}" is invalid: ${text}`, {
    name,
    group: GROUP,
    kind: "HTTPRoute",
    causes: causes.map((c) => ({ reason: "FieldValueInvalid", message: c.message, field: c.field })),
  });
}

/** The CRD's OpenAPI v3 schema and CEL rules, for the parts a weight writer can break. */
function validate(route: Json): void {
  const causes: { field: string; message: string }[] = [];
  const rules = route?.spec?.rules;
  if (rules !== undefined && !Array.isArray(rules)) causes.push({ field: "spec.rules", message: `Invalid value: "${typeof rules}": spec.rules in body must be of type array` });
  if (Array.isArray(rules)) {
    if (rules.length > MAX_RULES) causes.push({ field: "spec.rules", message: `Too many: ${rules.length}: must have at most ${MAX_RULES} items` });
    rules.forEach((rule: Json, r: number) => {
      const refs = rule?.backendRefs ?? [];
      const at = `spec.rules[${r}].backendRefs`;
      if (!Array.isArray(refs)) {
        causes.push({ field: at, message: "Invalid value: must be of type array" });
        return;
      }
      if (refs.length > MAX_BACKEND_REFS) causes.push({ field: at, message: `Too many: ${refs.length}: must have at most ${MAX_BACKEND_REFS} items` });
      refs.forEach((ref: Json, i: number) => {
        const f = `${at}[${i}]`;
        if (typeof ref?.name !== "string" || ref.name.length < 1) causes.push({ field: `${f}.name`, message: "Required value" });
        else if (ref.name.length > 253) causes.push({ field: `${f}.name`, message: `Too long: may not be longer than 253` });
        if (ref?.weight !== undefined) {
          const w = ref.weight;
          if (typeof w !== "number" || !Number.isInteger(w)) causes.push({ field: `${f}.weight`, message: `Invalid value: "${typeof w === "number" ? w : typeof w}": ${f}.weight in body must be of type integer` });
          else if (w < 0) causes.push({ field: `${f}.weight`, message: `Invalid value: ${w}: ${f}.weight in body should be greater than or equal to 0` });
          else if (w > MAX_WEIGHT) causes.push({ field: `${f}.weight`, message: `Invalid value: ${w}: ${f}.weight in body should be less than or equal to ${MAX_WEIGHT}` });
        }
        const service = (ref?.group ?? "") === "" && (ref?.kind ?? "Service") === "Service";
        if (service && ref?.port === undefined) causes.push({ field: f, message: "Invalid value: \"object\": Must have port for Service reference" });
        if (ref?.port !== undefined && (!Number.isInteger(ref.port) || ref.port < 1 || ref.port > 65535)) {
          causes.push({ field: `${f}.port`, message: `Invalid value: ${ref.port}: ${f}.port in body should be between 1 and 65535` });
        }
      });
    });
  }
  const hostnames = route?.spec?.hostnames;
  if (Array.isArray(hostnames) && hostnames.length > 16) causes.push({ field: "spec.hostnames", message: `Too many: ${hostnames.length}: must have at most 16 items` });
  const parents = route?.spec?.parentRefs;
  if (Array.isArray(parents) && parents.length > 32) causes.push({ field: "spec.parentRefs", message: `Too many: ${parents.length}: must have at most 32 items` });
  if (causes.length > 0) throw invalid(route?.metadata?.name ?? "", causes);
}

// RFC 6901 JSON Pointer and RFC 6902 JSON Patch, as evanphx/json-patch applies them for the API server.
function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new ApiError(422, "Invalid", `invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(doc: Json, path: string): { parent: Json; key: string } {
  const parts = pointer(path);
  if (parts.length === 0) throw new ApiError(422, "Invalid", "cannot operate on the whole document");
  let node = doc;
  for (const p of parts.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(p)] : node?.[p];
    if (node === undefined || node === null) throw new ApiError(422, "Invalid", `doc is missing path: "${path}": missing value`);
  }
  return { parent: node, key: parts[parts.length - 1]! };
}

function valueAt(doc: Json, path: string): Json {
  let node = doc;
  for (const p of pointer(path)) {
    node = Array.isArray(node) ? node[Number(p)] : node?.[p];
    if (node === undefined) return undefined;
  }
  return node;
}

function applyJsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new ApiError(400, "BadRequest", "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  const out = clone(doc);
  for (const op of ops) {
    const path = String(op?.path ?? "");
    switch (op?.op) {
      case "test":
        if (JSON.stringify(valueAt(out, path)) !== JSON.stringify(op.value)) throw new ApiError(422, "Invalid", `testing value ${path} failed: test failed`);
        break;
      case "add":
      case "replace": {
        const { parent, key: k } = parentOf(out, path);
        if (Array.isArray(parent)) {
          const i = k === "-" ? parent.length : Number(k);
          if (!Number.isInteger(i) || i < 0 || i > parent.length || (op.op === "replace" && i >= parent.length)) {
            throw new ApiError(422, "Invalid", `${op.op} operation does not apply: doc is missing path: "${path}": missing value`);
          }
          if (op.op === "add") parent.splice(i, 0, clone(op.value));
          else parent[i] = clone(op.value);
        } else {
          if (op.op === "replace" && !(k in parent)) throw new ApiError(422, "Invalid", `replace operation does not apply: doc is missing key: ${path}: missing value`);
          parent[k] = clone(op.value);
        }
        break;
      }
      case "remove": {
        const { parent, key: k } = parentOf(out, path);
        if (Array.isArray(parent)) parent.splice(Number(k), 1);
        else if (k in parent) delete parent[k];
        else throw new ApiError(422, "Invalid", `remove operation does not apply: doc is missing path: "${path}": missing value`);
        break;
      }
      default:
        throw new ApiError(400, "BadRequest", `Unexpected kind: ${String(op?.op)}`);
    }
  }
  return out;
}

/** RFC 7386: objects merge member by member, null deletes, anything else (arrays too) replaces. */
function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return clone(patch);
  const out = target !== null && typeof target === "object" && !Array.isArray(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

export async function startFakeKubeApi(options: { token?: string; routes?: Json[]; controller?: Partial<ControllerScript> } = {}): Promise<FakeKubeApi> {
  const token = options.token ?? `fake-${randomUUID()}`;
  let revision = 100;
  const store = new Map<string, Json>();
  const history: { rv: number; type: string; object: Json }[] = [];
  const watchers = new Set<WatchClient>();
  const requests: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let racing = 0;
  let racingEdit: ((route: Json) => void) | undefined;
  let held: Set<string> | null = null;
  let controller: ControllerScript = {
    mode: "auto",
    accepted: { status: "True", reason: "Accepted", message: "Route is accepted" },
    resolvedRefs: { status: "True", reason: "ResolvedRefs", message: "Resolved all the Object references for the Route" },
    ...options.controller,
  };

  function emit(type: "ADDED" | "MODIFIED" | "DELETED", object: Json) {
    history.push({ rv: Number(object.metadata.resourceVersion), type, object: clone(object) });
    if (history.length > WATCH_HISTORY) history.shift();
    for (const w of watchers) {
      if (w.namespace === object.metadata.namespace && (w.name === null || w.name === object.metadata.name)) w.res.write(`${JSON.stringify({ type, object })}\n`);
    }
  }

  /** Stores a new version: a fresh resourceVersion; generation + 1 when the spec changed; status kept unless `statusWrite`. */
  function commit(previous: Json | undefined, next: Json, how: { statusWrite?: boolean } = {}): Json {
    const stored = clone(next);
    if (previous) {
      if (how.statusWrite) stored.spec = clone(previous.spec);
      else stored.status = clone(previous.status);
      stored.metadata = {
        ...stored.metadata,
        uid: previous.metadata.uid,
        creationTimestamp: previous.metadata.creationTimestamp,
        generation: previous.metadata.generation + (same(previous.spec, stored.spec) ? 0 : 1),
      };
    } else {
      stored.metadata = { ...stored.metadata, uid: randomUUID(), creationTimestamp: new Date().toISOString(), generation: 1 };
    }
    stored.apiVersion = `${GROUP}/v1`;
    stored.kind = "HTTPRoute";
    if (previous && same({ ...previous, metadata: { ...previous.metadata, resourceVersion: undefined } }, { ...stored, metadata: { ...stored.metadata, resourceVersion: undefined } })) {
      return previous; // a no-op write keeps the resourceVersion, as the API server does
    }
    revision += 1;
    stored.metadata.resourceVersion = String(revision);
    store.set(key(stored.metadata.namespace, stored.metadata.name), stored);
    emit(previous ? "MODIFIED" : "ADDED", stored);
    if (!how.statusWrite && controller.mode === "auto" && (!previous || previous.metadata.generation !== stored.metadata.generation)) {
      const { namespace, name } = stored.metadata;
      if (held) held.add(key(namespace, name));
      else if (controller.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          reconcile(namespace, name);
        }, controller.delayMs);
        timers.add(t);
      } else reconcile(namespace, name);
    }
    return stored;
  }

  function reconcile(namespace: string, name: string) {
    const route = store.get(key(namespace, name));
    if (!route) return;
    const generation = route.metadata.generation;
    const now = new Date().toISOString();
    const condition = (type: string, v: ConditionVerdict) => ({ type, status: v.status, reason: v.reason, message: v.message ?? "", observedGeneration: generation, lastTransitionTime: now });
    const parents = (route.spec.parentRefs ?? [{ name: "gateway" }]).map((parentRef: Json) => ({
      parentRef,
      controllerName: "example.net/fake-gateway-controller",
      conditions: [condition("Accepted", controller.accepted!), condition("ResolvedRefs", controller.resolvedRefs!)],
    }));
    commit(route, { ...route, status: { parents } }, { statusWrite: true });
  }

  function put(route: Json): Json {
    validate(route);
    const previous = store.get(key(route.metadata.namespace, route.metadata.name));
    return commit(previous, route);
  }

  for (const r of options.routes ?? []) put(r);

  function slipInConcurrentWrite(found: Json) {
    const next = clone(found);
    if (racingEdit) racingEdit(next);
    else next.metadata.labels = { ...(found.metadata.labels ?? {}), "example.net/touched": String(revision + 1) };
    commit(found, next);
  }

  /** The write path shared by PUT and PATCH: concurrency check, validation, store. */
  function write(ns: string, name: string, compute: (current: Json) => Json, sub: "status" | null): Json {
    let current = store.get(key(ns, name));
    if (!current) throw new ApiError(404, "NotFound", `httproutes.${GROUP} "${name}" not found`, { name, group: GROUP, kind: "httproutes" });
    if (racing > 0) {
      racing -= 1;
      slipInConcurrentWrite(current);
      current = store.get(key(ns, name));
    }
    const next = compute(clone(current));
    const rv = next?.metadata?.resourceVersion;
    if (rv === undefined || rv === "") {
      throw invalid(name, [{ field: "metadata.resourceVersion", message: "Invalid value: 0x0: must be specified for an update" }]);
    }
    if (rv !== current.metadata.resourceVersion) {
      throw new ApiError(409, "Conflict", `Operation cannot be fulfilled on httproutes.${GROUP} "${name}": the object has been modified; please apply your changes to the latest version and try again`, {
        name,
        group: GROUP,
        kind: "httproutes",
      });
    }
    if (next?.metadata?.name !== name || (next.metadata.namespace ?? ns) !== ns) {
      throw new ApiError(400, "BadRequest", "the name of the object does not match the name on the URL");
    }
    next.metadata.namespace = ns;
    validate(next);
    return commit(current, next, { statusWrite: sub === "status" });
  }

  async function body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  function send(res: ServerResponse, code: number, payload: Json) {
    res.writeHead(code, { "content-type": "application/json" });
    res.end(JSON.stringify(payload));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, log: LoggedRequest): Promise<number> {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, 401, status(401, "Unauthorized", "Unauthorized"));
      return 401;
    }
    if (!url.pathname.startsWith(BASE)) {
      send(res, 404, status(404, "NotFound", "the server could not find the requested resource"));
      return 404;
    }
    const [ns, plural, name, sub, ...rest] = url.pathname.slice(BASE.length).split("/");
    if (!ns || plural !== "httproutes" || rest.length > 0 || (sub !== undefined && sub !== "status")) {
      send(res, 404, status(404, "NotFound", "the server could not find the requested resource"));
      return 404;
    }
    const method = req.method ?? "GET";
    if (method === "GET" && url.searchParams.get("watch") === "true") return startWatch(req, res, url, ns, name ?? null);
    if (method === "GET" && !name) {
      const items = [...store.values()].filter((r) => r.metadata.namespace === ns);
      send(res, 200, { apiVersion: `${GROUP}/v1`, kind: "HTTPRouteList", metadata: { resourceVersion: String(revision) }, items });
      return 200;
    }
    if (!name) {
      send(res, 405, status(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`));
      return 405;
    }
    const text = method === "GET" ? "" : await body(req);
    try {
      if (method === "GET") {
        const found = store.get(key(ns, name));
        if (!found) throw new ApiError(404, "NotFound", `httproutes.${GROUP} "${name}" not found`, { name, group: GROUP, kind: "httproutes" });
        send(res, 200, found);
        return 200;
      }
      let parsed: Json;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ApiError(400, "BadRequest", "the body of the request was in an unknown format");
      }
      log.body = parsed;
      if (method === "PUT") {
        send(res, 200, write(ns, name, () => parsed, sub === "status" ? "status" : null));
        return 200;
      }
      if (method === "PATCH") {
        const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
        let compute: (current: Json) => Json;
        if (type === "application/json-patch+json") compute = (current) => applyJsonPatch(current, parsed);
        else if (type === "application/merge-patch+json") compute = (current) => mergePatch(current, parsed);
        else {
          send(res, 415, status(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`));
          return 415;
        }
        send(res, 200, write(ns, name, compute, sub === "status" ? "status" : null));
        return 200;
      }
      send(res, 405, status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
      return 405;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      send(res, e.code, status(e.code, e.reason, e.message, e.details));
      return e.code;
    }
  }

  /** Chunked JSON lines: from `resourceVersion` when given (410 Gone when compacted away), else ADDED for what exists. */
  function startWatch(req: IncomingMessage, res: ServerResponse, url: URL, ns: string, named: string | null): number {
    const selector = url.searchParams.get("fieldSelector")?.match(/^metadata\.name=(.+)$/)?.[1] ?? null;
    const name = named ?? selector;
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    const client: WatchClient = { res, namespace: ns, name };
    const matches = (o: Json) => o.metadata.namespace === ns && (name === null || o.metadata.name === name);
    const from = url.searchParams.get("resourceVersion");
    if (from && from !== "0") {
      const since = Number(from);
      if (history.length > 0 && history[0]!.rv > since + 1) {
        res.write(`${JSON.stringify({ type: "ERROR", object: status(410, "Expired", `too old resource version: ${since} (${history[0]!.rv - 1})`) })}\n`);
        res.end();
        return 200;
      }
      for (const e of history) if (e.rv > since && matches(e.object)) res.write(`${JSON.stringify({ type: e.type, object: e.object })}\n`);
    } else {
      for (const o of store.values()) if (matches(o)) res.write(`${JSON.stringify({ type: "ADDED", object: o })}\n`);
    }
    watchers.add(client);
    req.on("close", () => watchers.delete(client));
    return 200;
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const log: LoggedRequest = { method: req.method ?? "GET", path: url.pathname, query: url.search, contentType: req.headers["content-type"], body: undefined, status: 0 };
    requests.push(log);
    if (requests.length > 10_000) requests.shift();
    handle(req, res, log).then(
      (code) => {
        log.status = code;
      },
      (e) => {
        log.status = 500;
        send(res, 500, status(500, "InternalError", String(e)));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    requests,
    writeKubeconfig(path: string, withToken = token) {
      const yaml = [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: fake",
        "  cluster:",
        `    server: ${url}`,
        // The fake speaks plain HTTP; @kubernetes/client-node 2.x only sends to an http:// server with this set.
        "    insecure-skip-tls-verify: true",
        "users:",
        "- name: tidegate",
        "  user:",
        `    token: ${withToken}`,
        "contexts:",
        "- name: fake",
        "  context:",
        "    cluster: fake",
        "    user: tidegate",
        "current-context: fake",
        "",
      ].join("\n");
      writeFileSync(path, yaml);
      return path;
    },
    get: (namespace, name) => clone(store.get(key(namespace, name))),
    put,
    setController(script) {
      controller = { ...controller, ...script };
    },
    reconcile,
    editWeights(namespace, name, rule, weights) {
      const route = clone(store.get(key(namespace, name)));
      for (const ref of route.spec.rules[rule].backendRefs) if (ref.name in weights) ref.weight = weights[ref.name];
      put(route);
    },
    holdController() {
      held ??= new Set();
    },
    releaseController() {
      const pending = held ?? new Set<string>();
      held = null;
      for (const k of pending) {
        const [namespace, name] = k.split("/") as [string, string];
        reconcile(namespace, name);
      }
    },
    raceNextWrites(n, edit) {
      racing = n;
      racingEdit = edit;
    },
    writes: () => requests.filter((r) => r.method === "PATCH" || r.method === "PUT"),
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const w of watchers) w.res.end();
      watchers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
