// A feature flag bound to a release plan: what the plan author writes. Pure zod, no I/O.
import { z } from "zod";

/** lower-kebab (`new-checkout`) or snake_case (`new_checkout`): both are what flag SDKs and CLIs already use. */
export const FLAG_KEY = /^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[a-z][a-z0-9]*(?:_[a-z0-9]+)*)$/;

const attributeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,62}$/, "context attribute names start with a letter: letters, digits, _ . -");

export const CONSTRAINT_OPERATORS = ["in", "not_in", "eq", "gte", "lte"] as const;
export type ConstraintOperator = (typeof CONSTRAINT_OPERATORS)[number];

const scalar = z.union([z.string().max(200), z.number().finite(), z.boolean()]);

export const ConstraintSchema = z
  .object({
    attribute: attributeName,
    operator: z.enum(CONSTRAINT_OPERATORS),
    /** For `eq`, `gte` and `lte`. */
    value: scalar.optional(),
    /** For `in` and `not_in`. */
    values: z.array(z.union([z.string().max(200), z.number().finite()])).min(1).max(1000).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.operator === "in" || c.operator === "not_in") && !c.values) {
      ctx.addIssue({ code: "custom", path: ["values"], message: `"${c.operator}" needs a list of values` });
    }
    if ((c.operator === "eq" || c.operator === "gte" || c.operator === "lte") && c.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `"${c.operator}" needs a value` });
    }
    if ((c.operator === "gte" || c.operator === "lte") && typeof c.value !== "number") {
      ctx.addIssue({ code: "custom", path: ["value"], message: `"${c.operator}" compares numbers: give a number` });
    }
  });

export const FlagSchema = z
  .object({
    key: z.string().max(100).regex(FLAG_KEY, "flag keys are lower-kebab-case or snake_case, starting with a letter"),
    description: z.string().max(500).optional(),
    /**
     * The context attribute that decides who is in the cohort; the targeting key when absent (Unleash's
     * "default" stickiness, i.e. userId).
     */
    stickiness: attributeName.optional(),
    /** Targeting keys that always get the flag while the release is live (internal testers, beta users). */
    allow: z.array(z.string().min(1).max(200)).max(1000).optional(),
    /** All must hold before the percentage applies. */
    constraints: z.array(ConstraintSchema).max(20).optional(),
  })
  .strict();

export type FlagSpec = z.infer<typeof FlagSchema>;
export type Constraint = z.infer<typeof ConstraintSchema>;

/** Whether a percentage is a whole number of 0.001 % steps (the finest share bucketing can serve). */
export const PERCENT_STEP_CHECK = (percent: number) => Math.abs(percent * 1000 - Math.round(percent * 1000)) < 1e-6;
