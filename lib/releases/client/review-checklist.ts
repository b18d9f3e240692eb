// The review page's reading of checklist items: the metric binding in words, and the owner / state filters.
import type { ChecklistState } from "@/lib/releases/core/gates";
import { describeMetricKey, formatMetric } from "../../guardrails/client/metric-units";
import type { ReleaseView } from "./types";

export type ChecklistItemView = ReleaseView["preChecklist"][number];

const CHECKLIST_STATES: readonly ChecklistState[] = ["open", "met", "not_met", "waived"];

/** "needs_action" = what still blocks (open or not met); the API's state names otherwise. */
export type StateFilter = "all" | "needs_action" | ChecklistState;

export interface ChecklistFilter {
  /** "" = every owner. */
  owner: string;
  state: StateFilter;
}

export const NO_FILTER: ChecklistFilter = { owner: "", state: "all" };

export interface MetricBinding {
  metric: string;
  comparator: string;
  threshold: number;
}

/** The item's live-metric binding, or null for items people tick. The API sends it as parsed JSON. */
export function metricBinding(item: ChecklistItemView): MetricBinding | null {
  const m = item.metric as Partial<MetricBinding> | null;
  if (!m || typeof m.metric !== "string" || typeof m.threshold !== "number") return null;
  return { metric: m.metric, comparator: typeof m.comparator === "string" ? m.comparator : "<", threshold: m.threshold };
}

/** "P95 latency < 500 ms": the condition the item checks by itself. */
export function describeBinding(b: MetricBinding): string {
  const { label, unit } = describeMetricKey(b.metric);
  return `${label} ${b.comparator} ${formatMetric(b.threshold, unit)}`;
}

export function stateOf(item: ChecklistItemView): ChecklistState {
  return (CHECKLIST_STATES as readonly string[]).includes(item.state) ? (item.state as ChecklistState) : "open";
}

export function matchesFilter(item: ChecklistItemView, f: ChecklistFilter): boolean {
  if (f.owner && (item.ownerRole ?? UNASSIGNED) !== f.owner) return false;
  const state = stateOf(item);
  if (f.state === "all") return true;
  if (f.state === "needs_action") return item.required && (state === "open" || state === "not_met");
  return state === f.state;
}

/** The owner filter's name for items without an owner role (the commander answers for them). */
export const UNASSIGNED = "Unassigned";

/** Every owner role in plan order (pre-deployment first), each once. */
export function ownerRolesOf(view: ReleaseView): string[] {
  const all = [...view.preChecklist, ...view.waves.flatMap((w) => w.checklist)].map((c) => c.ownerRole ?? UNASSIGNED);
  return [...new Set(all)];
}

/** Required items done (met or waived) out of required items. */
export function progressOf(items: ChecklistItemView[]): { done: number; required: number } {
  const required = items.filter((c) => c.required);
  return { done: required.filter((c) => c.state === "met" || c.state === "waived").length, required: required.length };
}
