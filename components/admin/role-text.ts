// What each role may do, in a few words for the role picker, and the sign-off roles people usually hold.
import type { Role } from "@/lib/auth/core/roles";

export const ROLE_TEXT: Record<Role, string> = {
  viewer: "watches releases",
  approver: "ticks checklists and signs off",
  commander: "runs rollouts; ticks and signs off",
  admin: "everything, plus people and tokens",
};

/**
 * Offered as checkboxes; a plan may name any role, so the picker also takes free text. These are the roles of
 * the demo plan and the README.
 */
export const COMMON_SIGNOFF_ROLES = ["Product Manager", "Development Lead", "Operations Lead", "Incident Commander", "Security"];
