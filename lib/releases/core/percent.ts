// A traffic share as people write it ("10%", "2.5%"). Its own module, free of zod, for the browser too.

/** Whole numbers stay whole, fractions keep one decimal; a non-number shows as "?%". */
export function fmtPercent(v: number): string {
  if (!Number.isFinite(v)) return "?%";
  return `${Number.isInteger(v) ? v : Number(v.toFixed(1))}%`;
}
