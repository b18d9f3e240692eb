// The shapes the browser receives from the API. Type-only re-exports from the server keep one source of truth;
// nothing here pulls server code into the client bundle.
export type { ReleaseView } from "@/lib/releases/server/release-view";
export type { EventView } from "@/lib/releases/server/event-view";
export type { ReleaseSummary } from "@/lib/releases/server/list-releases";
export type { UnmetGate } from "@/lib/releases/core/gates";
export type { CommandType, ReleaseStatus } from "@/lib/releases/core/machine";
export type { Permission, Role } from "@/lib/auth/core/roles";

import type { ReleaseView } from "@/lib/releases/server/release-view";
import type { EventView } from "@/lib/releases/server/event-view";
import type { Permission, Role } from "@/lib/auth/core/roles";

export type WaveView = ReleaseView["waves"][number];
export type AlertView = ReleaseView["alerts"][number];
export type { Health } from "@/lib/releases/server/release-view";

export interface Me {
  user: { id: string; name: string; email: string; role: Role; signoffRoles: string[] };
  permissions: Permission[];
}

/** An action answer: the new release view plus the events the action wrote. */
export type ActionResult = ReleaseView & { events: EventView[] };

export type { MetricUnit } from "../../guardrails/core/metric-info";
import type { MetricUnit } from "../../guardrails/core/metric-info";
/** no_traffic: the release was rolled back, so the last verdict is history rather than a live alarm. */
export type MetricLevel = "ok" | "warning" | "critical" | "inconclusive" | "no_traffic";

export interface MetricGuardrail {
  comparator: ">" | ">=" | "<" | "<=";
  target?: number;
  warning?: number;
  critical: number;
  relativeTo?: "baseline";
  forSeconds: number;
  onCritical: string;
}

export interface MetricPoint {
  t: number;
  canary: number | null;
  baseline: number | null;
}

export interface MetricSeries {
  metric: string;
  label: string;
  unit: MetricUnit;
  guardrail: MetricGuardrail | null;
  level: MetricLevel;
  current: number | null;
  previous: number | null;
  /** Relative guardrails: canary / baseline - 1 over the window (what the thresholds are compared with). */
  observed?: number | null;
  /** Since when the window has been past critical; with the guardrail's forSeconds, when its action is due. */
  criticalSince?: number | null;
  /** When the critical action is due, from a fixed boundary: the countdown reads this so it never rises. */
  actsAt?: number | null;
  /** A statistically judged metric's verdict in words: effect, interval, evidence still needed. */
  verdict?: string | null;
  points: MetricPoint[];
}

export interface MetricsView {
  metrics: MetricSeries[];
  waveMarkers: { t: number; label: string }[];
}

/** What the server pushes on `release:metrics`, a few times a second at most. */
export interface MetricsPush {
  releaseId: string;
  at: string | number;
  metrics: {
    metric: string;
    level: MetricLevel;
    current: number | null;
    previous: number | null;
    canary: number | null;
    baseline: number | null;
    observed?: number | null;
    criticalSince?: number | null;
    actsAt?: number | null;
    verdict?: string | null;
    t: number;
  }[];
}
