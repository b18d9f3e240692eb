// GET /api/audit's query: page size, cursor and filters, validated before anything is read. Pure (zod only).
import { z } from "zod";
import { ADMIN_ACTION_TYPES, ADMIN_TARGET_TYPES } from "./admin-actions";

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

/** The cursor is the id of the last entry of the previous page: the next page holds the entries older than it. */
const cursor = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, "must be the nextCursor of an earlier page")
  .transform(Number);
const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-12-07T10:00:00Z" }).transform((s) => new Date(s));

export const AuditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    cursor: cursor.optional(),
    action: z.enum(ADMIN_ACTION_TYPES, { message: `must be one of: ${ADMIN_ACTION_TYPES.join(", ")}` }).optional(),
    /** Who acted: a user's or token's id, or the label the log shows (an email, "token:<name>"). */
    actor: z.string().trim().min(1).max(200).optional(),
    since: instant.optional(),
    until: instant.optional(),
    targetType: z.enum(ADMIN_TARGET_TYPES).optional(),
    /** The id of the record acted on (a token, user, endpoint or delivery). */
    target: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((q) => !(q.since && q.until) || q.since <= q.until, { message: "since must not be after until", path: ["since"] });

export type AuditQuery = z.infer<typeof AuditQuerySchema>;
