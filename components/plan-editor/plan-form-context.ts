// What every part of the plan form shares: the parsed plan (untyped: it may not be valid yet), edits by path that
// keep every field the form does not show, and the plan check's messages by field path.
"use client";
import { createContext, useContext } from "react";
import type { PlanPath } from "@/lib/plans/edit/update-in";

export interface PlanFormApi {
  plan: Record<string, unknown>;
  readOnly: boolean;
  set(path: PlanPath, value: unknown): void;
  append(listPath: PlanPath, item: unknown): void;
  insert(listPath: PlanPath, index: number, item: unknown): void;
  remove(listPath: PlanPath, index: number): void;
  move(listPath: PlanPath, from: number, to: number): void;
  /** The plan check's messages for exactly this field ("waves.0.trafficPercent"). */
  issuesAt(path: PlanPath): string[];
}

export const PlanFormContext = createContext<PlanFormApi | null>(null);

export function usePlanForm(): PlanFormApi {
  const api = useContext(PlanFormContext);
  if (!api) throw new Error("usePlanForm outside PlanForm");
  return api;
}

/** "waves.0.trafficPercent": the path as the plan check writes it. */
export const pathKey = (path: PlanPath) => path.join(".");
