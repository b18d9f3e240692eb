// The draft plan read back field by field. Pointing at (or focusing) a field highlights the lines it came from.
"use client";
import { createContext, memo, useContext, type ReactNode } from "react";
import { focusRing } from "../ui/Button";
import { formatDuration as formatBake } from "@/lib/releases/core/gates";

type Item = { text: string; ownerRole?: string; required?: boolean; group?: string };
type AnyPlan = {
  name?: string;
  service?: string;
  version?: string;
  preChecklist?: Item[];
  guardrails?: { metric: string; comparator: string; critical: number; warning?: number; relativeTo?: string; forSeconds?: number; onCritical?: string }[];
  waves?: { name: string; trafficPercent: number; bakeSeconds?: number; audience?: string; checklist?: Item[]; triggers?: { name: string; action?: string }[] }[];
  rollback?: { levels: { name: string; scope?: string; objectiveSeconds?: number; steps?: { text: string; command?: string }[] }[] };
  hypercare?: { durationSeconds: number; checklist?: Item[] };
  preSignoffs?: { roles: string[] };
  /** A programme (TRACKS.md): each track a step or a ramp of its own waves, in start order. */
  tracks?: {
    key: string;
    name: string;
    kind?: "ramp" | "step";
    after?: { track: string; when: "completed" | { wave: number } };
    flags?: { key: string }[];
    waves?: { name: string; trafficPercent: number; bakeSeconds?: number }[];
    checklist?: Item[];
  }[];
};

const muted = "text-zinc-500 dark:text-zinc-400";

export const DraftPlan = memo(function DraftPlan({ plan, onField }: { plan: Record<string, unknown>; onField: (field: string) => void }) {
  const p = plan as AnyPlan;
  // Row and Items read onField from context: defined here, they would remount on every render and lose focus.
  return (
    <FieldContext.Provider value={onField}>
    <div data-testid="draft-plan" className="flex flex-col gap-4 text-sm">
      <div>
        <Row field="name">
          <span className="font-semibold">{p.name}</span>
        </Row>
        <Row field="service" className={`text-xs ${muted}`}>
          service {p.service}
        </Row>
        <Row field="version" className={`text-xs ${muted}`}>
          version <span className="font-mono">{p.version}</span>
        </Row>
      </div>

      {p.preChecklist?.length ? (
        <Section title={`Pre-deployment checklist · ${p.preChecklist.length}`}>
          <Items items={p.preChecklist} path="preChecklist" />
        </Section>
      ) : null}

      {p.tracks ? (
        <Section title={`Tracks · ${p.tracks.length}`}>
          <ol className="flex flex-col gap-2" data-testid="draft-tracks">
            {p.tracks.map((t, k) => (
              <li key={t.key} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800" data-testid="draft-track">
                <Row field={`tracks[${k}]`} className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-semibold">
                    {k + 1}. {t.name}
                  </span>
                  <span className={`text-xs ${muted}`}>{t.kind ?? "ramp"}</span>
                  {t.flags?.length ? <span className="font-mono text-xs">{t.flags.map((f) => f.key).join(", ")}</span> : null}
                </Row>
                {t.after ? (
                  <p className={`text-xs ${muted}`}>
                    after {t.after.track} {t.after.when === "completed" ? "completes" : `reaches wave ${t.after.when.wave}`}
                  </p>
                ) : null}
                {t.waves?.map((w, i) => (
                  <Row key={i} field={`tracks[${k}].waves[${i}]`} className="flex flex-wrap items-baseline gap-x-2 text-xs">
                    <span>{w.name}</span>
                    <span className="font-mono font-bold text-sky-800 tabular-nums dark:text-sky-300">{w.trafficPercent}%</span>
                    <span className={muted}>bake {formatBake(w.bakeSeconds ?? 0)}</span>
                  </Row>
                ))}
                <Items items={t.checklist} path={`tracks[${k}].checklist`} />
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      {p.tracks ? null : <Section title={`Waves · ${p.waves?.length ?? 0}`}>
        <ol className="flex flex-col gap-2" data-testid="draft-waves">
          {p.waves?.map((w, i) => (
            <li key={i} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800" data-testid="draft-wave">
              <Row field={`waves[${i}]`} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-semibold">
                  {i + 1}. {w.name}
                </span>
                <span className="font-mono font-bold text-sky-800 tabular-nums dark:text-sky-300">{w.trafficPercent}%</span>
              </Row>
              <Row field={`waves[${i}].bakeSeconds`} className={`text-xs ${muted}`}>
                bake {formatBake(w.bakeSeconds ?? 0)}
              </Row>
              {w.audience ? (
                <Row field={`waves[${i}].audience`} className={`text-xs ${muted}`}>
                  {w.audience}
                </Row>
              ) : null}
              <Items items={w.checklist} path={`waves[${i}].checklist`} />
              {w.triggers?.length ? (
                <div className="mt-1">
                  <p className={`text-xs font-semibold ${muted}`}>Triggers a person declares</p>
                  {w.triggers.map((t, k) => (
                    <Row key={k} field={`waves[${i}].triggers[${k}]`} className="text-xs">
                      {t.name} → {t.action ?? "rollback"}
                    </Row>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </Section>}

      {p.guardrails?.length ? (
        <Section title={`Guardrails · ${p.guardrails.length}`}>
          <ul data-testid="draft-guardrails">
            {p.guardrails.map((g, j) => (
              <li key={j}>
                <Row field={`guardrails[${j}]`} className="font-mono text-xs">
                  {g.metric} {g.comparator} {g.relativeTo ? `+${Math.round(g.critical * 100)}% vs ${g.relativeTo}` : g.critical}
                  <span className={muted}>
                    {" "}
                    for {formatBake(g.forSeconds ?? 60)} → {g.onCritical ?? "pause"}
                  </span>
                </Row>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {p.rollback?.levels.length ? (
        <Section title="Rollback levels">
          <ol className="flex flex-col gap-2">
            {p.rollback.levels.map((l, k) => (
              <li key={k}>
                <Row field={`rollback.levels[${k}]`}>
                  <span className="font-semibold">
                    {k + 1}. {l.name}
                  </span>{" "}
                  <span className={`text-xs ${muted}`}>
                    {l.scope ?? "release"}
                    {l.objectiveSeconds ? ` · within ${formatBake(l.objectiveSeconds)}` : ""}
                  </span>
                </Row>
                <ol className="ml-4 list-decimal text-xs">
                  {l.steps?.map((s, m) => (
                    <li key={m}>
                      <Row field={`rollback.levels[${k}].steps[${m}]`}>
                        {s.text}
                        {s.command ? <code className="mt-0.5 block overflow-x-auto rounded bg-zinc-100 px-1 py-0.5 whitespace-pre dark:bg-zinc-800">{s.command}</code> : null}
                      </Row>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      {p.hypercare ? (
        <Section title="After the last wave">
          <Row field="hypercare.durationSeconds" className="text-xs">
            Observe for {formatBake(p.hypercare.durationSeconds)}
          </Row>
          <Items items={p.hypercare.checklist} path="hypercare.checklist" />
        </Section>
      ) : null}

      {p.preSignoffs?.roles.length ? (
        <Section title="Sign-off roles">
          <ul className="flex flex-wrap gap-1.5">
            {p.preSignoffs.roles.map((r, k) => (
              <li key={r}>
                <Row field={`preSignoffs.roles[${k}]`} className="rounded-full border border-zinc-300 px-2 text-xs dark:border-zinc-700">
                  {r}
                </Row>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
    </FieldContext.Provider>
  );
});

const FieldContext = createContext<(field: string) => void>(() => {});

function Row({ field, children, className = "" }: { field: string; children: ReactNode; className?: string }) {
  const onField = useContext(FieldContext);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: pointing at or focusing a field only highlights its source lines; nothing is done
    <div
      tabIndex={0}
      data-field={field}
      onMouseEnter={() => onField(field)}
      onFocus={() => onField(field)}
      className={`-mx-1 cursor-default rounded px-1 py-0.5 hover:bg-sky-50 dark:hover:bg-sky-950/40 ${focusRing} ${className}`}
    >
      {children}
    </div>
  );
}

function Items({ items, path }: { items?: Item[]; path: string }) {
  if (!items?.length) return null;
  const groups = [...new Set(items.map((i) => i.group ?? ""))];
  return (
    <div className="mt-1 flex flex-col gap-1">
      {groups.map((g) => {
        const inGroup = items.map((it, k) => ({ it, k })).filter(({ it }) => (it.group ?? "") === g);
        return (
          <details key={g} className="rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800">
            <summary className="cursor-pointer text-xs font-semibold">
              {g || "Items"} <span className={muted}>({inGroup.length})</span>
            </summary>
            <ul className="mt-1 flex flex-col">
              {inGroup.map(({ it, k }) => (
                <li key={k}>
                  <Row field={`${path}[${k}]`} className="text-xs">
                    {it.text}{" "}
                    <span className={muted}>
                      · {it.ownerRole ?? "unassigned"}
                      {it.required === false ? " · optional" : ""}
                    </span>
                  </Row>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">{title}</h3>
      {children}
    </section>
  );
}
