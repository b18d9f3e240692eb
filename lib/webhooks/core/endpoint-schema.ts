// The webhook endpoint API's input, shared by the routes and the admin screen. Pure (zod only).
import { z } from "zod";
import { EVENT_DATA } from "../../releases/core/events";
import { freeText, nameText } from "../../releases/core/text";

export const EVENT_TYPES = Object.keys(EVENT_DATA) as [keyof typeof EVENT_DATA, ...(keyof typeof EVENT_DATA)[]];

const url = z.string().trim().url("must be an http(s) URL").max(2000);
const events = z
  .array(z.enum(EVENT_TYPES, { message: `must be one of the audit event types: ${EVENT_TYPES.join(", ")}` }))
  .max(EVENT_TYPES.length)
  .nullable();

export const NewEndpointSchema = z
  .object({
    url,
    kind: z.enum(["standard", "slack"]).default("standard"),
    description: freeText(500).optional(),
    /** Only these audit event types (absent or null: every type). */
    events: events.optional(),
    releaseId: nameText(100).optional(),
    service: nameText(120).optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => !(b.releaseId && b.service), { message: "filter by a release or by a service, not both", path: ["service"] });

export const EndpointPatchSchema = z
  .object({
    url: url.optional(),
    kind: z.enum(["standard", "slack"]).optional(),
    description: freeText(500).optional(),
    events: events.optional(),
    releaseId: nameText(100).nullable().optional(),
    service: nameText(120).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to change", path: ["(body)"] });
