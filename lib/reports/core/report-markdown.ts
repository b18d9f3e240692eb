// The post-rollout report as Markdown (GET /api/releases/:id/report?format=markdown): for a wiki, a ticket or a chat.
import { formatDuration, formatMetricValue } from "../../guardrails/core/format";
import { escapeMd, fmtPercent, utc } from "../../incidents/core/incident";
import { thresholdText, waveLabel, type GateOutcome, type Report, type WaveMetric } from "./build-report";

const cell = (text: string) => escapeMd(text).replace(/\n/g, " ");
const when = (iso: string | null) => (iso ? utc(iso) : "—");
const yesNo = (met: boolean | null) => (met === null ? "—" : met ? "yes" : "**no**");

function gateLine(g: GateOutcome): string {
  const how = g.state === "waived" ? `waived${g.reason ? ` (${g.reason})` : ""}` : g.state === "overridden" ? `overridden${g.reason ? ` (${g.reason})` : ""}` : g.state.replace("_", " ");
  const by = g.by ? ` by ${g.by}${g.at ? ` at ${utc(g.at)}` : ""}` : "";
  return `- ${cell(g.text)}${g.ownerRole ? ` _(owner: ${cell(g.ownerRole)})_` : ""}: ${cell(how)}${cell(by)}`;
}

function metricRow(m: WaveMetric): string {
  const value = (v: number | null) => (v === null ? "no data" : formatMetricValue(m.metric, v));
  return `| ${cell(m.label)} | ${value(m.canaryMean)} | ${value(m.baselineMean)} | ${cell(m.worstText)} (${m.bucketSeconds} s) | ${cell(thresholdText(m, m.critical))} | ${m.level} |`;
}

export function reportMarkdown(report: Report): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const waveSection = (w: Report["waves"][number], heading: string) => {
    push(`${heading} ${cell(waveLabel(w, report.runs))} (${fmtPercent(w.trafficPercent)})`, "");
    push(`- Planned bake: ${formatDuration(w.plannedBakeSeconds * 1000)}; actual: ${formatDuration(w.actualSeconds * 1000)}${w.pausedSeconds ? ` (paused ${formatDuration(w.pausedSeconds * 1000)})` : ""}${w.endedAt ? "" : " (still running)"}`);
    push(`- Entered: ${w.enteredBy.how} by ${cell(w.enteredBy.actor)} at ${utc(w.enteredBy.at)}${w.enteredBy.reason ? `: "${cell(w.enteredBy.reason)}"` : ""}`);
    if (w.leftBy) push(`- Left: ${w.leftBy.how.replace("_", " ")} by ${cell(w.leftBy.automatic ? "guardrail" : w.leftBy.actor)} at ${utc(w.leftBy.at)}${w.leftBy.reason ? `: "${cell(w.leftBy.reason)}"` : ""}`);
    for (const p of w.pauses) push(`- Paused by ${cell(p.automatic ? "guardrail" : p.actor)} at ${utc(p.at)}${p.reason ? `: "${cell(p.reason)}"` : ""}${p.resumedAt ? `, resumed ${utc(p.resumedAt)}` : ""}`);
    if (w.gates.length) push("", "Gates:", ...w.gates.map(gateLine));
    if (w.signoffs.length) {
      push("", "Sign-offs:", ...w.signoffs.map((s) => `- ${cell(s.role)}${s.needed ? ` (${s.needed} needed)` : ""}: ${s.decision === "missing" ? "not given" : `${s.decision} by ${cell(s.by ?? "?")} at ${when(s.at)}${s.comment ? ` ("${cell(s.comment)}")` : ""}`}`));
    }
    if (w.metrics.length) {
      push("", "| Metric | Canary mean | Baseline mean | Worst window | Critical | Level |", "| --- | --- | --- | --- | --- | --- |", ...w.metrics.map(metricRow));
      const verdicts = w.metrics.filter((m) => m.verdict);
      // The sequential judge's verdict in words: effect, interval, how much data it rested on.
      if (verdicts.length) push("", ...verdicts.map((m) => `- Judge: ${m.verdict}`));
    }
    push("");
  };
  push(`# Post-rollout report: ${cell(report.name)} ${cell(report.version)}`, "");
  push(`**Outcome:** ${cell(report.outcome)}`, "");
  push(`Service ${cell(report.service)} · status ${report.status.replace("_", " ")} · started ${when(report.startedAt)} · ended ${when(report.endedAt)}${report.live ? ` · live report as of ${utc(report.generatedAt)}` : ""}`, "");
  if (report.policies.length > 0 || report.separateApprover) {
    const parts = [...(report.policies.length > 0 ? [`policies (as at creation): ${report.policies.map(cell).join(", ")}`] : []), ...(report.separateApprover ? ["separate approver required"] : [])];
    push(`Governance: ${parts.join(" · ")}`, "");
  }

  if (report.startGates.length) {
    push("## Before the first wave", "", ...report.startGates.map(gateLine), "");
  }
  push("## Waves", "");
  if (report.waves.length === 0) push("_No wave has started yet._", "");
  if (report.tracks.length === 0) {
    for (const w of report.waves) waveSection(w, "###");
  } else {
    // Issue 22/25: a programme's waves under each track (a stage with its environment), in the plan's order.
    for (const t of report.tracks) {
      const stage = report.stages.find((s) => s.key === t.key);
      push(`### ${cell(t.name)}${t.environment ? ` (stage: ${cell(t.environment)})` : ""}`, "");
      if (stage) {
        const opened = stage.openedAt ? `opened ${utc(stage.openedAt)} by ${cell(stage.automatic ? "schedule (autoPromote)" : (stage.openedBy ?? "?"))}${stage.overridden ? " (gates overridden)" : ""}` : "not opened";
        const ended = stage.rolledBackAt ? `rolled back ${utc(stage.rolledBackAt)}` : stage.completedAt ? `completed ${utc(stage.completedAt)}` : null;
        const soak = stage.soakSeconds ? `soak ${formatDuration(stage.soakSeconds * 1000)}` : null;
        push(`Stage ${[opened, ended, soak].filter(Boolean).join(" · ")}`, "");
        for (const a of stage.approvals) push(`- Promotion approved by ${cell(a.by)} (${cell(a.role)}) at ${utc(a.at)}${a.comment ? `: "${cell(a.comment)}"` : ""}`);
        if (stage.approvals.length) push("");
      }
      const mine = report.waves.filter((w) => w.track?.key === t.key);
      if (mine.length === 0) push("_No wave of this track has started yet._", "");
      for (const w of mine) waveSection(w, "####");
    }
  }

  push("## Breaches", "");
  if (report.breaches.length === 0) push("_None._");
  for (const b of report.breaches) {
    push(`- **${b.level}** on ${cell(b.metric)}${b.wave ? ` in "${cell(b.wave)}"` : ""} at ${utc(b.openedAt)}: ${cell(b.evidence)}. Acted: ${b.acted}. ${b.acknowledgedBy ? `Acknowledged by ${cell(b.acknowledgedBy)} after ${formatDuration((b.secondsToAcknowledge ?? 0) * 1000)}.` : "Not acknowledged."}${b.closedAt ? ` Closed ${utc(b.closedAt)}.` : " Still open."}`);
  }
  if (report.freezeBreaks.length) {
    push("", "## Freezes broken", "");
    for (const b of report.freezeBreaks) {
      const what = b.source === "window" ? `the release window (${cell(b.freezeReason)})` : `the freeze "${cell(b.freezeReason)}"${b.freezeBy ? ` (${cell(b.freezeBy)})` : ""}`;
      push(`- ${cell(b.by)} broke ${what} to ${b.action.replace("_", " ")} at ${utc(b.at)}${b.until ? ` (it held until ${utc(b.until)})` : ""}: "${cell(b.reason ?? "")}"`);
    }
  }
  push("", "## Incidents", "");
  if (report.incidents.length === 0) push("_None._");
  for (const i of report.incidents) {
    push(`- **${i.severity} · ${i.status}**: ${cell(i.title)} (started ${utc(i.startedAt)}, up to ${fmtPercent(i.affectedPercent)} of traffic, contact ${cell(i.contact)})`);
  }
  push("", "## Scorecard", "", "| | Target | Actual | Met |", "| --- | --- | --- | --- |");
  for (const l of report.scorecard.lines) push(`| ${cell(l.label)} | ${cell(l.target)} | ${cell(l.actual)} | ${yesNo(l.met)} |`);
  push("", "## Lessons learned", "", report.lessons?.text ? report.lessons.text : "_Not written yet._", "");
  push("### Action items", "");
  if (report.actionItems.length === 0) push("_None yet._");
  for (const a of report.actionItems) push(`- [${a.done ? "x" : " "}] ${cell(a.text)} (owner: ${cell(a.owner)}${a.dueDate ? `, due ${a.dueDate}` : ""})`);
  push("");
  return out.join("\n");
}
