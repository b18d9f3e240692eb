// An incident's status and severity choices, apart from incident.ts (which holds zod schemas) so the board's
// edit dialog can list them without shipping zod to the browser.
export const INCIDENT_STATUSES = ["investigating", "mitigating", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const SEVERITIES = ["P0", "P1", "P2", "P3"] as const;
export type Severity = (typeof SEVERITIES)[number];
