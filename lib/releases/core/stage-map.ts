// Issue 25: a release's stages as one line of steps for screens (staging -> eu -> us): where each stands and what
// holds the next one. Pure; reads the track views' fields the overview and board already receive.
export interface StageMapInput {
  key: string;
  name: string;
  environment?: string | null;
  status: string;
  kind?: string;
  trafficPercent: number;
  waitingFor?: string | null;
  promotionBlocked?: string | null;
}

export type StageStep = "done" | "active" | "paused" | "rolled_back" | "waiting" | "blocked" | "ready";

export interface StageMapItem {
  key: string;
  name: string;
  environment: string;
  step: StageStep;
  /** "50 %", "done", "waiting", "blocked", "ready". */
  label: string;
}

export interface StageMap {
  stages: StageMapItem[];
  /** The first stage not yet open and why (null when every stage opened). */
  next: { name: string; reason: string } | null;
  /** The stage moving now ("EU 50 %"), or null when none is. */
  current: StageMapItem | null;
}

function stepOf(s: StageMapInput): StageStep {
  if (s.status === "completed") return "done";
  if (s.status === "running" || s.status === "hypercare") return "active";
  if (s.status === "paused") return "paused";
  if (s.status === "rolled_back") return "rolled_back";
  if (s.promotionBlocked) return "blocked";
  return s.waitingFor ? "waiting" : "ready";
}

const LABEL: Record<StageStep, (s: StageMapInput) => string> = {
  done: () => "done",
  active: (s) => (s.kind === "step" ? "in progress" : `${s.trafficPercent} %`),
  paused: (s) => `paused at ${s.trafficPercent} %`,
  rolled_back: () => "rolled back",
  waiting: () => "waiting",
  blocked: () => "blocked",
  ready: () => "ready to open",
};

/** Null when the tracks are not stages (none names an environment). */
export function stageMapOf(tracks: readonly StageMapInput[] | null | undefined): StageMap | null {
  const stages = (tracks ?? []).filter((t) => t.environment);
  if (stages.length === 0) return null;
  const items = stages.map((s) => ({ key: s.key, name: s.name, environment: s.environment!, step: stepOf(s), label: LABEL[stepOf(s)](s) }));
  const first = stages.find((s) => s.status === "draft");
  const reason = first ? (first.promotionBlocked ?? first.waitingFor ?? "ready to open") : null;
  // A stage's own name leads its reason ("US: waiting for EU soak"): the screen names the stage once.
  const own = first && reason ? [`${first.name}: `, `${first.name} `].find((p) => reason.startsWith(p)) : undefined;
  const next = first && reason ? { name: first.name, reason: own ? reason.slice(own.length) : reason } : null;
  const current = [...items].reverse().find((i) => i.step === "active" || i.step === "paused") ?? null;
  return { stages: items, next, current };
}
