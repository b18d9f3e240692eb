// How each command looks and what its confirmation asks. The server decides what is allowed; this only words it.
import type { CommandType } from "@/lib/releases/client/types";
import type { ButtonVariant } from "../ui/Button";

export interface ActionMeta {
  label: string;
  question: string;
  confirm: string;
  variant: ButtonVariant;
  /** A rollback is the decision people are asked about afterwards: always write down why. */
  reasonRequired: boolean;
}

export const ACTION_ORDER: CommandType[] = ["start", "continue", "resume", "retry", "pause", "step_back", "rollback"];

export const ACTION_META: Record<CommandType, ActionMeta> = {
  start: { label: "Start", question: "Start the rollout?", confirm: "Start rollout", variant: "primary", reasonRequired: false },
  continue: { label: "Continue", question: "Continue to the next wave?", confirm: "Continue", variant: "primary", reasonRequired: false },
  pause: { label: "Pause", question: "Pause the rollout?", confirm: "Pause", variant: "warning", reasonRequired: false },
  resume: { label: "Resume", question: "Resume the rollout?", confirm: "Resume", variant: "primary", reasonRequired: false },
  rollback: { label: "Roll back", question: "Roll back this release?", confirm: "Roll back now", variant: "danger", reasonRequired: true },
  step_back: {
    label: "Step back",
    question: "Step back to the previous wave?",
    confirm: "Step back and hold",
    variant: "retreat",
    reasonRequired: true,
  },
  retry: { label: "Retry", question: "Retry the rollout from wave 1?", confirm: "Retry from wave 1", variant: "primary", reasonRequired: false },
};

/** PAUSE and ROLL BACK stop harm: they need no fresh data and apply to whatever state they meet. */
export function isStopCommand(action: CommandType): boolean {
  return action === "pause" || action === "rollback";
}

/** One-click reasons a commander reaches for under pressure; free text stays available beside them. */
export const QUICK_REASONS: Partial<Record<CommandType, string[]>> = {
  rollback: ["Error rate spike", "Latency regression", "Customer reports", "Data integrity concern", "Failed verification", "Security issue"],
  pause: ["Investigating an alert", "Waiting on a dependency", "Customer reports", "Off-hours: resume tomorrow"],
};
