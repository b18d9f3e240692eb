// Where a plan problem sits in the JSON text: a zod issue path as a JSON pointer ("/waves/0/trafficPercent"), and the
// nearest pointer the document actually has (a missing field points at the object that lacks it).

export function toPointer(path: readonly (string | number)[]): string {
  return path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** The pointer of `path` or of its nearest ancestor present in the document; "" (the root) when none is. */
export function nearestPointer(path: readonly (string | number)[], known: { has(pointer: string): boolean }): { pointer: string; exact: boolean } {
  for (let n = path.length; n > 0; n--) {
    const pointer = toPointer(path.slice(0, n));
    if (known.has(pointer)) return { pointer, exact: n === path.length };
  }
  return { pointer: "", exact: path.length === 0 };
}
