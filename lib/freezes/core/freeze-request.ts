// What the freeze and quarantine endpoints accept (issue 25), validated once at the route.
import { z } from "zod";
import { freeText, nameText } from "../../releases/core/text";

const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a zone, e.g. 2026-11-27T00:00:00Z" }).transform((s) => new Date(s));
/** A reason a person writes and others read in the audit log: not empty, not only spaces. */
export const reasonText = freeText(2000).refine((r) => r.trim().length > 0, "a written reason is needed");

/** A freeze may last at most this long (a year): longer is a typo, or a policy that belongs in the plan's windows. */
export const MAX_FREEZE_MS = 366 * 86_400_000;

export const NewFreezeSchema = z
  .object({
    from: instant,
    to: instant,
    reason: nameText(300),
    /** Environment names it applies to; absent or empty: every environment. */
    environments: z.array(nameText(60)).max(50).optional(),
    /** Services it applies to; absent or empty: every service. */
    services: z.array(nameText(120)).max(200).optional(),
  })
  .strict()
  .refine((f) => f.to.getTime() > f.from.getTime(), { message: "a freeze ends after it begins", path: ["to"] })
  .refine((f) => f.to.getTime() - f.from.getTime() <= MAX_FREEZE_MS, { message: "a freeze lasts at most 366 days", path: ["to"] });

export const ReasonSchema = z.object({ reason: reasonText }).strict();
