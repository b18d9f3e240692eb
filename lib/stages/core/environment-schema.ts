// Issue 25: an environment as admins declare it (POST /api/environments). Pure zod.
import { z } from "zod";
import { ENVIRONMENT_NAME } from "../../plans/core/plan";

const role = z.string().trim().min(1).max(80);

export const EnvironmentFieldsSchema = z
  .object({
    region: z.string().trim().min(1).max(80).nullable().optional(),
    /** Where it sits in the usual promotion order (staging 0, eu 1, us 2); screens sort by it. */
    order: z.number().int().min(0).max(1000).optional(),
    /** The flag scope or traffic router it uses, by name. */
    router: z.string().trim().min(1).max(120).nullable().optional(),
    /** Sign-off roles whose holders (and admins) may approve promotion into it; empty: no approval needed. */
    approverRoles: z.array(role).max(20).optional(),
    /** How many distinct people must approve when approverRoles is set. */
    requiredApprovals: z.number().int().min(1).max(20).optional(),
  })
  .strict();

export const NewEnvironmentSchema = EnvironmentFieldsSchema.extend({
  name: z.string().regex(ENVIRONMENT_NAME, "an environment name is lower-case letters, digits and dashes (at most 40)"),
}).strict();

export type NewEnvironment = z.infer<typeof NewEnvironmentSchema>;
export type EnvironmentFields = z.infer<typeof EnvironmentFieldsSchema>;

export interface EnvironmentView {
  name: string;
  region: string | null;
  order: number;
  router: string | null;
  approverRoles: string[];
  requiredApprovals: number;
  updatedAt: string;
}
