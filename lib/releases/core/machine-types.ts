// The state machine's vocabulary (statuses, commands, state, events, refusals), apart from the machine so the
// programme machine (programme.ts) and tracks.ts can use it without an import cycle.
import type { TypedEvent, TypedEventOf } from "./events";
import type { UnmetGate } from "./gates";

export const RELEASE_STATUSES = ["draft", "running", "paused", "hypercare", "completed", "rolled_back"] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const COMMANDS = ["start", "continue", "pause", "resume", "rollback", "retry", "step_back"] as const;
export type CommandType = (typeof COMMANDS)[number];

export interface ReleaseState {
  status: ReleaseStatus;
  currentWaveIndex: number;
  trafficPercent: number;
  /** When the current wave began taking traffic; bake time counts from here. */
  waveStartedAt: Date | null;
  /** Issue 22, a programme: each track's own state, keyed by track; absent for a plan without tracks. */
  tracks?: TrackStates;
}

/** One track of a programme: the one-track state plus what its successors' `after` conditions count from. */
export interface TrackState extends Omit<ReleaseState, "tracks"> {
  /** When the track completed (a successor's delay counts from here); null until then. */
  completedAt: Date | null;
  /** When each wave (0-based) was first reached in this run, for `after: { when: { wave } }` and its delay. */
  reachedAt: (Date | null)[];
}

export type TrackStates = Record<string, TrackState>;

export interface Command {
  type: CommandType;
  actor: string;
  reason?: string | null;
  /** A commander's explicit decision to pass unmet gates; needs a reason. */
  override?: boolean;
  /** ROLLBACK (plan v2): which of the plan's rollback levels is carried out, 1-based; default the first. */
  level?: number;
  /** Issue 22, a programme: the track the command is for; PAUSE and ROLLBACK without one apply to every running track. */
  track?: string;
  /**
   * Issue 25: an admin's decision to pass a freeze (or a closed release window) for this one command, with a
   * reason; the route lets only admins send it. It passes the freeze only: other unmet gates still need `override`.
   */
  breakFreeze?: { reason: string };
}

export interface StateSnapshot {
  status: ReleaseStatus;
  currentWaveIndex: number;
  trafficPercent: number;
}

export type MachineEventType =
  | "started"
  | "promoted"
  | "completed"
  | "paused"
  | "resumed"
  | "rolled_back"
  | "retried"
  | "stepped_back"
  | "hypercare_started"
  | "override"
  | "freeze_broken";

/** Who caused an event, when, and the state around it: everything but its typed `{ type, data }`. */
export interface EventContext {
  actor: string;
  reason: string | null;
  at: Date;
  before: StateSnapshot | null;
  after: StateSnapshot | null;
}

/** An event about to be written: its context plus one member of the typed union (`data` must match `type`). */
export type DomainEvent = EventContext & TypedEvent;

/** A DomainEvent of one known type (its `data` typed as that type's schema). */
export type DomainEventOf<K extends DomainEvent["type"]> = EventContext & TypedEventOf<K>;

export type Refusal =
  | { code: "invalid_transition"; message: string; details: { status: ReleaseStatus; action: CommandType; allowed: CommandType[] } }
  | { code: "gates_unmet"; message: string; details: { unmet: UnmetGate[] } }
  | { code: "reason_required"; message: string; details: { field: "reason" } }
  | { code: "invalid_request"; message: string; details: { field: "level"; level: number; levels: number } }
  | { code: "invalid_request"; message: string; details: { field: "track"; track: string | null; tracks: string[] } }
  | { code: "track_waiting"; message: string; details: { track: string; after: string; readyAt: string | null } }
  | { code: "frozen"; message: string; details: { freeze: Extract<UnmetGate, { kind: "freeze" }>; unmet: UnmetGate[] } }
  | { code: "quarantined"; message: string; details: { quarantine: Extract<UnmetGate, { kind: "quarantine" }>; unmet: UnmetGate[] } }
  | { code: "reason_required"; message: string; details: { field: "breakFreeze.reason" } }
  | { code: "promotion_blocked"; message: string; details: { track: string; after: string; blockers: string[] } };

export type Decision =
  | { ok: true; state: ReleaseState; events: DomainEvent[] }
  | { ok: false; refusal: Refusal };

/** Which commands each status accepts; the UI reads this too, so buttons and server agree. */
export const ALLOWED_COMMANDS: Record<ReleaseStatus, CommandType[]> = {
  draft: ["start"],
  running: ["continue", "pause", "rollback", "step_back"],
  paused: ["resume", "rollback", "step_back"],
  // Plan v2: the observation after the last wave, at 100%. CONTINUE ends it early (gated), ROLLBACK still works.
  hypercare: ["continue", "rollback"],
  completed: [],
  rolled_back: ["retry"],
};
