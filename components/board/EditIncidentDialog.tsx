// A commander edits the incident: status, severity, title, impact, next steps, point of contact. Sent with the
// version they saw; if someone edited first, the dialog says so and shows the current record.
"use client";
import { useState } from "react";
import { isApiError } from "@/lib/platform/browser/api-error";
import type { IncidentView } from "@/lib/incidents/client/use-release-incidents";
import { useUpdateIncident } from "@/lib/incidents/client/use-update-incident";
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from "@/lib/incidents/core/incident-fields";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { DialogActions } from "../ui/DialogActions";
import { inputClass } from "../ui/field-styles";
import { InlineError } from "../ui/InlineError";

export function EditIncidentDialog({ releaseId, incident, onClose }: { releaseId: string; incident: IncidentView; onClose: () => void }) {
  const update = useUpdateIncident(releaseId, incident.id);
  const [form, setForm] = useState({
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    impact: incident.impact,
    nextSteps: incident.nextSteps,
    contact: incident.contact,
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = () => update.mutate({ expectedVersion: incident.version, ...form }, { onSuccess: onClose });
  const error = update.error
    ? isApiError(update.error, "version_conflict")
      ? "Someone else edited this incident while you were typing. Close and reopen to see their version, then edit again."
      : update.error.message
    : null;
  const label = "flex flex-col gap-1 text-sm font-medium";
  return (
    <Dialog title="Edit incident" onClose={onClose} testId="incident-dialog">
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className={label}>
          Title
          <input className={inputClass} value={form.title} onChange={(e) => set("title", e.target.value)} maxLength={200} required data-autofocus />
        </label>
        <div className="grid grid-cols-2 gap-3">
          <label className={label}>
            Status
            <select className={inputClass} value={form.status} onChange={(e) => set("status", e.target.value as IncidentStatus)} data-testid="incident-status-select">
              {INCIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s[0].toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            Severity
            <select className={inputClass} value={form.severity} onChange={(e) => set("severity", e.target.value as Severity)} data-testid="incident-severity-select">
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className={label}>
          Impact
          <textarea className={`${inputClass} h-24`} value={form.impact} onChange={(e) => set("impact", e.target.value)} maxLength={4000} />
        </label>
        <label className={label}>
          Next steps
          <textarea className={`${inputClass} h-20`} value={form.nextSteps} onChange={(e) => set("nextSteps", e.target.value)} maxLength={4000} />
        </label>
        <label className={label}>
          Point of contact
          <input className={inputClass} value={form.contact} onChange={(e) => set("contact", e.target.value)} maxLength={200} required />
        </label>
        {error ? <InlineError message={error} testId="incident-error" /> : null}
        <DialogActions onCancel={onClose}>
          <Button type="submit" variant="primary" disabled={update.isPending} data-testid="incident-save">
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
