// Immutable edits of a parsed plan by path, for the plan editor's form: only the objects on the path are copied, so
// every field the form does not know (v2 additions, flags, sources, fields of a newer format) survives untouched.
// Hand-written because the form edits untyped JSON (a plan that may not be valid yet) and needs "unset" to delete
// the key rather than write `undefined`; lodash/fp-style helpers would add a dependency for twenty lines.

export type PlanPath = readonly (string | number)[];
type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/** The value at `path`, or undefined when any step is missing or not a container. */
export function getIn(root: unknown, path: PlanPath): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function copyOf(node: unknown, key: string | number): Container {
  if (Array.isArray(node)) return [...node];
  if (isContainer(node)) return { ...node };
  // A missing step becomes an array for an index, an object for a name.
  return typeof key === "number" ? [] : {};
}

/**
 * A copy of `root` with `value` at `path`. `undefined` removes the key (or the array item), so clearing an
 * optional field in the form leaves no trace in the JSON.
 */
export function setIn<T>(root: T, path: PlanPath, value: unknown): T {
  if (path.length === 0) return value as T;
  // Clearing what is not there changes nothing (and creates no empty parents).
  if (value === undefined && getIn(root, path) === undefined) return root;
  const [key, ...rest] = path;
  const copy = copyOf(root, key) as Record<string | number, unknown>;
  const next = rest.length === 0 ? value : setIn(copy[key], rest, value);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
  } else {
    copy[key] = next;
  }
  return copy as T;
}

/** Applies `change` to the value at `path` (undefined when absent). */
export function updateIn<T>(root: T, path: PlanPath, change: (current: unknown) => unknown): T {
  return setIn(root, path, change(getIn(root, path)));
}

function listAt(root: unknown, path: PlanPath): unknown[] {
  const list = getIn(root, path);
  return Array.isArray(list) ? list : [];
}

/** Appends `item` to the list at `path`, creating the list when the plan has none yet. */
export function appendAt<T>(root: T, path: PlanPath, item: unknown): T {
  return setIn(root, path, [...listAt(root, path), item]);
}

/** Inserts `item` at position `index` (clamped) of the list at `path`. */
export function insertAt<T>(root: T, path: PlanPath, index: number, item: unknown): T {
  const list = listAt(root, path);
  const at = Math.max(0, Math.min(list.length, index));
  return setIn(root, path, [...list.slice(0, at), item, ...list.slice(at)]);
}

/** Removes item `index` of the list at `path`; an emptied optional list stays as `[]`. */
export function removeAt<T>(root: T, path: PlanPath, index: number): T {
  const list = listAt(root, path);
  if (index < 0 || index >= list.length) return root;
  return setIn(root, path, list.filter((_, i) => i !== index));
}

/** Moves item `from` of the list at `path` to position `to` (clamped); nothing else in the list changes. */
export function moveAt<T>(root: T, path: PlanPath, from: number, to: number): T {
  const list = listAt(root, path);
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from < 0 || from >= list.length || from === target) return root;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item);
  return setIn(root, path, next);
}
