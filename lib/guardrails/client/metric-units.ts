// How each metric unit reads to a person: ratios as percentages, milliseconds, megabytes, rates.
import type { MetricUnit } from "../../releases/client/types";

/** Labels and units come from the one table the server uses too. */
export { metricInfo as describeMetricKey } from "../core/metric-info";

function fixed(v: number, digits: number): string {
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A value in its unit, e.g. 0.023 ratio -> "2.30%", 385 ms -> "385 ms". */
export function formatMetric(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "ratio":
      return `${fixed(value * 100, 2)}%`;
    case "percent":
      return `${fixed(value, 1)}%`;
    case "ms":
      return `${fixed(value, value < 10 ? 1 : 0)} ms`;
    case "MB":
      return `${fixed(value, value < 10 ? 1 : 0)} MB`;
    case "rps":
      return `${fixed(value, 1)}/s`;
    case "count":
      return fixed(value, Number.isInteger(value) ? 0 : 1);
  }
}

/** A short axis label without the unit spelled out twice. */
export function formatAxis(value: number, unit: MetricUnit): string {
  if (!Number.isFinite(value)) return "";
  if (unit === "ratio") return `${Number((value * 100).toPrecision(3))}%`;
  if (unit === "percent") return `${Number(value.toPrecision(3))}%`;
  return Number(value.toPrecision(3)).toLocaleString("en-US");
}

/** Change against the previous window, signed. Ratios change in percentage points ("pp"), not percent. */
export function formatDelta(current: number | null, previous: number | null, unit: MetricUnit): string | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const d = current - previous;
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  const abs = Math.abs(d);
  switch (unit) {
    case "ratio":
      return `${sign}${fixed(abs * 100, 2)} pp`;
    case "percent":
      return `${sign}${fixed(abs, 1)} pp`;
    case "ms":
      return `${sign}${fixed(abs, abs < 10 ? 1 : 0)} ms`;
    case "MB":
      return `${sign}${fixed(abs, abs < 10 ? 1 : 0)} MB`;
    case "rps":
      return `${sign}${fixed(abs, 1)}/s`;
    case "count":
      return `${sign}${fixed(abs, Number.isInteger(abs) ? 0 : 1)}`;
  }
}

/** The guardrail in one line: "warn > 2.00% · crit > 5.00%", or relative to baseline "+50% / +100% vs baseline". */
export function describeGuardrail(
  g: { comparator: string; warning?: number; critical: number; relativeTo?: string },
  unit: MetricUnit,
): string {
  const rel = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(Math.round(v * 1000) / 10)}%`;
  const show = (v: number) => (g.relativeTo ? rel(v) : formatMetric(v, unit));
  const parts = [...(g.warning !== undefined ? [`warn ${g.comparator} ${show(g.warning)}`] : []), `crit ${g.comparator} ${show(g.critical)}`];
  return parts.join(" · ") + (g.relativeTo ? " vs baseline" : "");
}

/** A change relative to the baseline, e.g. 0.123 -> "+12.3%", -0.05 -> "−5.0%". */
export function formatRelativeChange(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const pct = Math.round(v * 1000) / 10;
  return `${pct > 0 ? "+" : pct < 0 ? "−" : "±"}${Math.abs(pct).toFixed(1)}%`;
}

/** The guardrail's levels one per line ("Warning > +40%", "Critical > +100%"), never cut off. */
export function guardrailLevels(
  g: { comparator: string; warning?: number; critical: number; relativeTo?: string },
  unit: MetricUnit,
): { level: "warning" | "critical"; text: string }[] {
  const show = (v: number) => (g.relativeTo ? `${formatRelativeChange(v)} vs baseline` : formatMetric(v, unit));
  return [
    ...(g.warning !== undefined ? [{ level: "warning" as const, text: `${g.comparator} ${show(g.warning)}` }] : []),
    { level: "critical" as const, text: `${g.comparator} ${show(g.critical)}` },
  ];
}
