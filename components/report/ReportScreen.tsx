// The post-rollout report on screen and on paper: outcome, waves (time, who promoted and why, gates, sign-offs,
// canary vs baseline), breaches, incidents, scorecard, and the lessons and action items people fill in.
"use client";
import { formatDuration, formatMetricValue } from "@/lib/guardrails/core/format";
import { formatClock } from "@/lib/platform/browser/format-time";
import { hasPermission, useMe } from "@/lib/auth/client/use-me";
import { useRelease } from "@/lib/releases/client/use-release";
import { useReleaseLive } from "@/lib/releases/client/use-release-live";
import { useReleaseReport } from "@/lib/reports/client/use-release-report";
import { fmtPercent } from "@/lib/releases/core/percent";
import { thresholdText, waveLabel, type GateOutcome, type Report, type WavePass } from "@/lib/reports/core/build-report";
import { IncidentStatusChip, SeverityChip } from "../board/IncidentChips";
import { ReleaseScreenFrame } from "../layout/ReleaseScreenFrame";
import { Button } from "../ui/Button";
import { LevelChip } from "../ui/LevelChip";
import { PageLoading, PageProblem } from "../ui/PageState";
import { StatusBadge } from "../ui/StatusBadge";
import { LessonsSection } from "./LessonsSection";
import { WaveSparkline } from "./WaveSparkline";

// In print a section may break across pages (a wave with its gates and charts is taller than what is left of page 1,
// and keeping it whole left the first page two-thirds empty); its small parts (rows, charts, items) stay whole.
const section = "rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 print:border-zinc-300 print:p-3";
const h2 = "mb-3 text-base font-bold print:break-after-avoid";
const th = "px-2 py-1.5 text-left text-xs font-semibold text-zinc-500 uppercase dark:text-zinc-400";
const td = "px-2 py-1.5 align-top break-words";
const when = (iso: string | null) => (iso ? formatClock(Date.parse(iso)) : "—");

export function ReportScreen({ releaseId }: { releaseId: string }) {
  const release = useRelease(releaseId);
  const live = useReleaseLive(releaseId, release.data?.lastSeq);
  const report = useReleaseReport(releaseId);
  const me = useMe();
  const canWrite = hasPermission(me.data, "checklist");
  return (
    <ReleaseScreenFrame
      releaseId={releaseId}
      release={release}
      live={live}
      loadingLabel="Loading report…"
      printable
      crumbs={(v) => (
        <>
          <a href={`/releases/${encodeURIComponent(v.id)}`} className="truncate hover:underline">
            {v.name}
          </a>
          <span className="text-zinc-400">/</span>
          <span className="text-zinc-800 dark:text-zinc-200">Report</span>
        </>
      )}
    >
      {() =>
        report.data ? (
          <ReportBody report={report.data} canWrite={canWrite} />
        ) : report.isError ? (
          <PageProblem title="The report could not be built">{report.error.message}</PageProblem>
        ) : (
          <PageLoading label="Building the report…" />
        )
      }
    </ReleaseScreenFrame>
  );
}

function ReportBody({ report, canWrite }: { report: Report; canWrite: boolean }) {
  // A file to keep (Content-Disposition: attachment), not text the browser opens in place of the report.
  const markdownUrl = `/api/releases/${encodeURIComponent(report.releaseId)}/report?format=markdown&download=1`;
  const markdownFile = `report-${report.name}-${report.version}.md`.replace(/[^\w.-]/g, "_");
  return (
    <div data-testid="report" data-status={report.status} className="flex flex-col gap-4 print:gap-3">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">Post-rollout report</p>
          <h1 className="text-2xl font-bold break-words">
            {report.name} <span className="font-mono text-lg text-zinc-500 dark:text-zinc-400">{report.version}</span>
          </h1>
          <p className="mt-1 max-w-4xl text-base" data-testid="report-outcome">
            {report.outcome}
          </p>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {report.service} · started {when(report.startedAt)} · ended {when(report.endedAt)}
            {report.live ? ` · live, as of ${formatClock(Date.parse(report.generatedAt))}` : ""}
          </p>
          {report.policies.length > 0 || report.separateApprover ? (
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="report-policies">
              {report.policies.length > 0 ? `Policies (as at creation): ${report.policies.join(", ")}` : ""}
              {report.policies.length > 0 && report.separateApprover ? " · " : ""}
              {report.separateApprover ? "separate approver required" : ""}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2 print:hidden">
          <StatusBadge status={report.status as never} size="sm" />
          <Button size="sm" onClick={() => window.print()} data-testid="report-print">
            Print / PDF
          </Button>
          <a className="inline-flex h-8 items-center rounded-md border border-zinc-300 px-3 text-sm font-semibold dark:border-zinc-700" href={markdownUrl} download={markdownFile} data-testid="report-markdown">
            Markdown
          </a>
        </div>
      </header>

      {report.startGates.length ? (
        <section className={section} aria-label="Before the first wave">
          <h2 className={h2}>Before the first wave</h2>
          <GateList gates={report.startGates} />
        </section>
      ) : null}

      {report.stages.length ? (
        <section aria-label="Stages" className="flex flex-col gap-3" data-testid="report-stages">
          <h2 className="text-base font-bold">Stages</h2>
          {report.stages.map((s) => (
            <section key={s.key} className={section} aria-label={`Stage ${s.name}`} data-testid="report-stage" data-stage={s.key}>
              <h3 className={h2}>
                {s.name} <span className="font-normal normal-case">· {s.environment}</span>
              </h3>
              <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="text-zinc-500 dark:text-zinc-400">Opened</dt>
                <dd>
                  {s.openedAt ? `${when(s.openedAt)} by ${s.automatic ? "automatic promotion" : s.openedBy}${s.overridden ? " (gate overridden)" : ""}` : "not opened"}
                </dd>
                <dt className="text-zinc-500 dark:text-zinc-400">Promotion approvals</dt>
                <dd>{s.approvals.length ? s.approvals.map((a) => `${a.by} (${a.role}) ${when(a.at)}${a.comment ? `: ${a.comment}` : ""}`).join("; ") : "none needed or given"}</dd>
                <dt className="text-zinc-500 dark:text-zinc-400">Outcome</dt>
                <dd>{s.rolledBackAt ? `rolled back ${when(s.rolledBackAt)}` : s.completedAt ? `completed ${when(s.completedAt)}` : s.openedAt ? "in progress" : "—"}</dd>
                {s.soakSeconds ? (
                  <>
                    <dt className="text-zinc-500 dark:text-zinc-400">Soak</dt>
                    <dd>{Math.round(s.soakSeconds / 60) >= 1 ? `${Math.round(s.soakSeconds / 60)} min` : `${s.soakSeconds} s`} before the next stage</dd>
                  </>
                ) : null}
                {s.promotionPaused.map((p) => (
                  <div key={p.at} className="contents">
                    <dt className="text-red-700 dark:text-red-300">Promotion paused</dt>
                    <dd>
                      {when(p.at)} by {p.by}
                      {p.paused.length ? `; paused ${p.paused.join(", ")}` : ""}
                      {p.upstream.length ? `; upstream ${p.upstream.join(", ")}: ${p.rollbackUpstream === "yes" ? "rolled back too" : p.rollbackUpstream === "ask" ? "asked whether to roll back" : "left as they are"}` : ""}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </section>
      ) : null}

      <section aria-label="Waves" className="flex flex-col gap-3">
        <h2 className="text-base font-bold">Waves</h2>
        {report.waves.length === 0 ? <p className="text-sm text-zinc-500">No wave has started yet.</p> : null}
        {report.tracks.length === 0
          ? report.waves.map((w) => <WaveCard key={`${w.run}-${w.index}-${w.startedAt}`} wave={w} runs={report.runs} />)
          : // Issue 22/25: a programme's waves under each track, a stage with its environment.
            report.tracks.map((t) => {
              const mine = report.waves.filter((w) => w.track?.key === t.key);
              return (
                <div key={t.key} className="flex flex-col gap-3" data-testid="report-track" data-track={t.key}>
                  <h3 className="text-sm font-bold">
                    {t.name}
                    {t.environment ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> · stage: {t.environment}</span> : null}
                  </h3>
                  {mine.length === 0 ? <p className="text-sm text-zinc-500">No wave of this track has started yet.</p> : null}
                  {mine.map((w) => (
                    <WaveCard key={`${w.run}-${w.index}-${w.startedAt}`} wave={w} runs={report.runs} />
                  ))}
                </div>
              );
            })}
      </section>

      <section className={section} aria-label="Breaches" data-testid="report-breaches">
        <h2 className={h2}>Breaches</h2>
        {report.breaches.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No guardrail breach.</p>
        ) : (
          <ul className="flex flex-col gap-2 text-sm">
            {report.breaches.map((b) => (
              <li key={`${b.metric}-${b.openedAt}`} data-testid="report-breach" className="border-l-4 border-red-500 pl-3 print:break-inside-avoid">
                <div className="font-semibold">
                  {b.level.toUpperCase()} on {b.metric}
                  {b.wave ? ` in "${b.wave}"` : ""} at {when(b.openedAt)}
                </div>
                <div className="break-words">{b.evidence}</div>
                <div className="text-zinc-600 dark:text-zinc-400">
                  Acted: {b.acted}. {b.acknowledgedBy ? `Acknowledged by ${b.acknowledgedBy} after ${formatDuration((b.secondsToAcknowledge ?? 0) * 1000)}.` : "Not acknowledged."}{" "}
                  {b.closedAt ? `Closed ${when(b.closedAt)}.` : "Still open."}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {report.freezeBreaks.length ? (
        <section className={section} aria-label="Freezes broken" data-testid="report-freeze-breaks">
          <h2 className={h2}>Freezes broken</h2>
          <ul className="flex flex-col gap-2 text-sm">
            {report.freezeBreaks.map((b) => (
              <li key={`${b.at}-${b.action}`} data-testid="report-freeze-break" className="border-l-4 border-sky-500 pl-3 print:break-inside-avoid">
                <div className="font-semibold">
                  {b.by} broke {b.source === "window" ? `the release window (${b.freezeReason})` : `the freeze "${b.freezeReason}"${b.freezeBy ? ` (${b.freezeBy})` : ""}`} to {b.action.replace("_", " ")} at {when(b.at)}
                </div>
                <div className="break-words text-zinc-600 dark:text-zinc-400">Reason: {b.reason ?? "none given"}</div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className={section} aria-label="Incidents" data-testid="report-incidents">
        <h2 className={h2}>Incidents</h2>
        {report.incidents.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">No incident.</p> : null}
        {report.incidents.map((i) => (
          <div key={i.id} className="mb-3 text-sm print:break-inside-avoid" data-testid="report-incident">
            <div className="flex flex-wrap items-center gap-2">
              <SeverityChip severity={i.severity} />
              <IncidentStatusChip status={i.status} />
              <span className="font-semibold break-words">{i.title}</span>
            </div>
            <p className="mt-1 break-words">{i.impact}</p>
            <ol className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              {i.timeline.map((t) => (
                <li key={t.seq} className="break-words">
                  <span className="font-mono tabular-nums">{when(t.at)}</span> <b className="uppercase">{t.kind}</b> {t.text}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>

      <section className={section} aria-label="Scorecard" data-testid="report-scorecard">
        <h2 className={h2}>Scorecard</h2>
        <table className="w-full table-auto text-sm sm:table-fixed">
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th className={`${th} sm:w-[40%]`}>Measure</th>
              <th className={th}>Target</th>
              <th className={th}>Actual</th>
              <th className={`${th} sm:w-16`}>Met</th>
            </tr>
          </thead>
          <tbody>
            {report.scorecard.lines.map((l) => (
              <tr key={l.label} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800 print:break-inside-avoid" data-testid="score-line" data-met={String(l.met)}>
                <td className={td}>{l.label}</td>
                <td className={td}>{l.target}</td>
                <td className={td}>{l.actual}</td>
                <td className={`${td} font-semibold`}>{l.met === null ? "—" : l.met ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <LessonsSection report={report} canWrite={canWrite} className={section} />
    </div>
  );
}

function WaveCard({ wave: w, runs }: { wave: WavePass; runs: number }) {
  const left = w.leftBy;
  return (
    <article className={section} data-testid="report-wave" data-wave={w.index + 1} data-run={w.run}>
      <h3 className="mb-2 text-sm font-bold print:break-after-avoid">
        {waveLabel(w, runs)} · {fmtPercent(w.trafficPercent)}
        {left ? "" : " · in progress"}
      </h3>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
        <dt className="text-zinc-500 dark:text-zinc-400">Planned bake</dt>
        <dd>{formatDuration(w.plannedBakeSeconds * 1000)}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Actual</dt>
        <dd data-testid="wave-actual">
          {formatDuration(w.actualSeconds * 1000)}
          {w.pausedSeconds ? ` (paused ${formatDuration(w.pausedSeconds * 1000)})` : ""}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Entered</dt>
        <dd className="break-words">
          {w.enteredBy.how} by {w.enteredBy.actor} at {when(w.enteredBy.at)}
          {w.enteredBy.reason ? `: "${w.enteredBy.reason}"` : ""}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Left</dt>
        <dd className="break-words" data-testid="wave-left">
          {left ? `${left.how.replace("_", " ")} by ${left.automatic ? "guardrail" : left.actor} at ${when(left.at)}${left.reason ? `: "${left.reason}"` : ""}` : "still in this wave"}
        </dd>
      </dl>
      {w.pauses.length ? (
        <ul className="mt-2 text-sm">
          {w.pauses.map((p) => (
            <li key={p.at} className="break-words">
              Paused by {p.automatic ? "guardrail" : p.actor} at {when(p.at)}
              {p.reason ? `: "${p.reason}"` : ""}
              {p.resumedAt ? `, resumed ${when(p.resumedAt)}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3 grid gap-4 md:grid-cols-2 print:grid-cols-2">
        <div>
          <h4 className="mb-1 text-xs font-semibold text-zinc-500 uppercase dark:text-zinc-400">Gates</h4>
          {w.gates.length ? <GateList gates={w.gates} /> : <p className="text-sm text-zinc-500">No checklist for this wave.</p>}
        </div>
        <div>
          <h4 className="mb-1 text-xs font-semibold text-zinc-500 uppercase dark:text-zinc-400">Sign-offs</h4>
          {w.signoffs.length ? (
            <ul className="flex flex-col gap-1 text-sm">
              {w.signoffs.map((s) => (
                <li key={`${s.role}|${s.by ?? ""}`} className="break-words" data-testid="report-signoff" data-decision={s.decision}>
                  <b>{s.role}</b>
                  {s.needed ? ` (${s.needed} needed)` : ""}: {s.decision === "missing" ? "not given" : `${s.decision} by ${s.by} at ${when(s.at)}${s.comment ? ` ("${s.comment}")` : ""}`}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-zinc-500">None required.</p>
          )}
        </div>
      </div>
      {w.metrics.length ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-2 xl:grid-cols-3 print:grid-cols-2">
          {w.metrics.map((m) => (
            <figure key={m.metric} data-testid="report-metric" data-metric={m.metric} data-level={m.level} className="min-w-0 rounded-md border border-zinc-200 p-2 dark:border-zinc-800 print:break-inside-avoid">
              <figcaption className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold">{m.label}</span>
                <LevelChip level={m.level} />
              </figcaption>
              <WaveSparkline metric={m} />
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                Canary {m.canaryMean === null ? "no data" : formatMetricValue(m.metric, m.canaryMean)} vs baseline{" "}
                {m.baselineMean === null ? "no data" : formatMetricValue(m.metric, m.baselineMean)} · worst {m.bucketSeconds} s {m.worstText} · critical {thresholdText(m, m.critical)}
              </p>
              {m.verdict ? (
                <p data-testid="report-verdict" className="text-xs break-words text-zinc-700 tabular-nums dark:text-zinc-200">
                  Judge: {m.verdict}
                </p>
              ) : null}
            </figure>
          ))}
        </div>
      ) : null}
    </article>
  );
}

function GateList({ gates }: { gates: GateOutcome[] }) {
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {gates.map((g, i) => (
        <li key={`${g.text}-${i}`} className="break-words" data-testid="report-gate" data-state={g.state}>
          <span className={`mr-1 inline-block rounded px-1 text-xs font-semibold uppercase ${g.state === "met" ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : g.state === "open" ? "bg-zinc-200 dark:bg-zinc-800" : "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}>
            {g.state.replace("_", " ")}
          </span>
          {g.text}
          {g.by ? <span className="text-zinc-500 dark:text-zinc-400"> · {g.by}{g.at ? ` at ${when(g.at)}` : ""}</span> : null}
          {g.reason ? <span className="text-zinc-500 dark:text-zinc-400"> · “{g.reason}”</span> : null}
        </li>
      ))}
    </ul>
  );
}
