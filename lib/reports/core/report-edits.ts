// What people fill in on a post-rollout report: the lessons learned and action items (owner, due date). Pure schemas.
import { z } from "zod";

const dueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a calendar date");

export const LessonsSchema = z
  .object({
    text: z.string().max(20_000),
    /** The lessons version the writer saw (0 when there were none yet): a stale write is refused with 409. */
    expectedVersion: z.number().int().min(0),
  })
  .strict();

export const NewActionItemSchema = z
  .object({ text: z.string().trim().min(1).max(500), owner: z.string().trim().min(1).max(200), dueDate: dueDate.nullable().optional() })
  .strict();

export const ActionItemPatchSchema = z
  .object({
    expectedVersion: z.number().int().min(1),
    text: z.string().trim().min(1).max(500).optional(),
    owner: z.string().trim().min(1).max(200).optional(),
    dueDate: dueDate.nullable().optional(),
    done: z.boolean().optional(),
  })
  .strict();

export type ActionItemPatch = z.infer<typeof ActionItemPatchSchema>;
