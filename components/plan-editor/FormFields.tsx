// The plan form's inputs, each bound to one field path: text, number, duration ("1h 30m"), choice, checkbox and
// comma-separated list. Typing that does not read as a value yet stays in the field (with a hint) and writes nothing.
"use client";
import { type InputHTMLAttributes, type ReactNode, useId, useState } from "react";
import { durationText, parseDurationText } from "@/lib/plans/edit/duration-text";
import { getIn, type PlanPath } from "@/lib/plans/edit/update-in";
import { focusRing } from "../ui/Button";
import { FIELD_HELP } from "./field-help";
import { pathKey, usePlanForm } from "./plan-form-context";

const inputClass = `h-8 w-full min-w-0 rounded-md border bg-white px-2 text-sm text-zinc-900 disabled:opacity-60 dark:bg-zinc-950 dark:text-zinc-100 ${focusRing}`;
const borderOk = "border-zinc-300 dark:border-zinc-700";
const borderBad = "border-red-500 dark:border-red-500";

type Parsed<T> = { ok: true; value: T } | { ok: false; hint: string };

/** The field's text while typing: follows the plan when the plan changes elsewhere, keeps unfinished input. */
function useDraft<T>(value: unknown, format: (v: unknown) => string, parse: (text: string) => Parsed<T>) {
  const external = format(value);
  const [draft, setDraft] = useState(external);
  const [lastExternal, setLastExternal] = useState(external);
  if (external !== lastExternal) {
    setLastExternal(external);
    const mine = parse(draft);
    if (!mine.ok || format(mine.value) !== external) setDraft(external);
  }
  const parsed = parse(draft);
  return { draft, setDraft, parsed };
}

interface FieldProps {
  path: PlanPath;
  label: string;
  className?: string;
}

function Shell({ id, label, path, hint, className = "", children }: { id: string; label: string; path: PlanPath; hint?: string; className?: string; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const { issuesAt } = usePlanForm();
  const messages = [...(hint ? [hint] : []), ...issuesAt(path)];
  const describedBy = messages.length ? `${id}-issues` : undefined;
  const help = FIELD_HELP[String(path[path.length - 1])];
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${className}`}>
      <label htmlFor={id} className="truncate text-xs font-medium text-zinc-600 dark:text-zinc-400" title={help}>
        {label}
      </label>
      {children(describedBy, messages.length > 0)}
      {messages.length ? (
        <p id={describedBy} data-testid="field-issue" className="text-xs break-words text-red-700 dark:text-red-400">
          {messages.join("; ")}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ path, label, className, optional = false, mono = false, placeholder, list }: FieldProps & { optional?: boolean; mono?: boolean; placeholder?: string; list?: string }) {
  const form = usePlanForm();
  const id = useId();
  const value = getIn(form.plan, path);
  return (
    <Shell id={id} label={label} path={path} className={className}>
      {(describedBy, invalid) => (
        <input
          id={id}
          data-testid={`field-${pathKey(path)}`}
          className={`${inputClass} ${invalid ? borderBad : borderOk} ${mono ? "font-mono text-xs" : ""}`}
          value={typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)}
          placeholder={placeholder}
          list={list}
          disabled={form.readOnly}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          spellCheck={false}
          onChange={(e) => form.set(path, optional && e.target.value === "" ? undefined : e.target.value)}
        />
      )}
    </Shell>
  );
}

/**
 * A text input for a value that is typed as text and read by `parse` (a number, a duration): unfinished input stays
 * in the field with a hint, and only what parses is written to the plan.
 */
function ParsedTextField<T>({
  path,
  label,
  className,
  placeholder,
  format,
  parse,
  inputProps,
}: FieldProps & { placeholder?: string; format: (v: unknown) => string; parse: (text: string) => Parsed<T>; inputProps: { className: string } & Pick<InputHTMLAttributes<HTMLInputElement>, "inputMode" | "spellCheck"> }) {
  const form = usePlanForm();
  const id = useId();
  const { draft, setDraft, parsed } = useDraft(getIn(form.plan, path), format, parse);
  const { className: inputClassName, ...rest } = inputProps;
  return (
    <Shell id={id} label={label} path={path} className={className} hint={parsed.ok ? undefined : parsed.hint}>
      {(describedBy, invalid) => (
        <input
          {...rest}
          id={id}
          data-testid={`field-${pathKey(path)}`}
          className={`${inputClass} ${invalid ? borderBad : borderOk} ${inputClassName}`}
          value={draft}
          placeholder={placeholder}
          disabled={form.readOnly}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setDraft(e.target.value);
            // Only what parses is written: empty clears an optional value; a required one stays in the JSON until
            // a valid value replaces it.
            const next = parse(e.target.value);
            if (next.ok) form.set(path, next.value);
          }}
        />
      )}
    </Shell>
  );
}

const formatNumber = (v: unknown) => (typeof v === "number" ? String(v) : "");

export function NumberField({ optional = false, placeholder, ...field }: FieldProps & { optional?: boolean; placeholder?: string }) {
  const parse = (text: string): Parsed<number | undefined> => {
    const t = text.trim();
    if (t === "") return optional ? { ok: true, value: undefined } : { ok: false, hint: "a number is required" };
    const n = Number(t);
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, hint: "not a number" };
  };
  return (
    <ParsedTextField
      {...field}
      placeholder={placeholder ?? (optional ? "none" : undefined)}
      format={formatNumber}
      parse={parse}
      inputProps={{ className: "tabular-nums", inputMode: "decimal" }}
    />
  );
}

const formatSeconds = (v: unknown) => (typeof v === "number" ? durationText(v) : "");

export function DurationField({ optional = true, placeholder, ...field }: FieldProps & { optional?: boolean; placeholder?: string }) {
  const parse = (text: string): Parsed<number | undefined> => {
    if (text.trim() === "") return optional ? { ok: true, value: undefined } : { ok: false, hint: "a duration is required" };
    const s = parseDurationText(text);
    return s === null ? { ok: false, hint: "not a duration (try 90s, 15m, 1h 30m, 3d)" } : { ok: true, value: s };
  };
  return (
    <ParsedTextField
      {...field}
      placeholder={placeholder ?? (optional ? "none" : "0s")}
      format={formatSeconds}
      parse={parse}
      inputProps={{ className: "", spellCheck: false }}
    />
  );
}

export function SelectField({ path, label, className, options, emptyLabel }: FieldProps & { options: readonly string[]; emptyLabel?: string }) {
  const form = usePlanForm();
  const id = useId();
  const value = getIn(form.plan, path);
  const current = typeof value === "string" ? value : "";
  // A value the form does not offer (a newer format, a typo in JSON) is still shown, not silently replaced.
  const choices = current && !options.includes(current) ? [...options, current] : options;
  return (
    <Shell id={id} label={label} path={path} className={className}>
      {(describedBy, invalid) => (
        <select
          id={id}
          data-testid={`field-${pathKey(path)}`}
          className={`${inputClass} ${invalid ? borderBad : borderOk}`}
          value={current}
          disabled={form.readOnly}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => form.set(path, e.target.value === "" ? undefined : e.target.value)}
        >
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {choices.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </Shell>
  );
}

/** A boolean with a default: choosing the default removes the key, so the JSON stays as short as people write it. */
export function CheckField({ path, label, className = "", defaultValue }: FieldProps & { defaultValue: boolean }) {
  const form = usePlanForm();
  const id = useId();
  const value = getIn(form.plan, path);
  const checked = typeof value === "boolean" ? value : defaultValue;
  const issues = form.issuesAt(path);
  return (
    <div className={`flex min-w-0 flex-col justify-end gap-0.5 ${className}`}>
      <label htmlFor={id} className="flex h-8 items-center gap-2 text-sm" title={FIELD_HELP[String(path[path.length - 1])]}>
        <input
          id={id}
          type="checkbox"
          data-testid={`field-${pathKey(path)}`}
          className={`size-4 accent-sky-700 dark:accent-sky-400 ${focusRing}`}
          checked={checked}
          disabled={form.readOnly}
          onChange={(e) => form.set(path, e.target.checked === defaultValue ? undefined : e.target.checked)}
        />
        {label}
      </label>
      {issues.length ? <p className="text-xs text-red-700 dark:text-red-400">{issues.join("; ")}</p> : null}
    </div>
  );
}

const formatList = (v: unknown) => (Array.isArray(v) ? v.map(String).join(", ") : "");
const splitList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** A list of names as "Development Lead, Product Manager". */
export function ListField({ path, label, className, placeholder }: FieldProps & { placeholder?: string }) {
  const form = usePlanForm();
  const id = useId();
  const { draft, setDraft } = useDraft<string[]>(getIn(form.plan, path), formatList, (text) => ({ ok: true, value: splitList(text) }));
  return (
    <Shell id={id} label={label} path={path} className={className}>
      {(describedBy, invalid) => (
        <input
          id={id}
          data-testid={`field-${pathKey(path)}`}
          className={`${inputClass} ${invalid ? borderBad : borderOk}`}
          value={draft}
          placeholder={placeholder ?? "none (comma-separated)"}
          disabled={form.readOnly}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setDraft(e.target.value);
            const list = splitList(e.target.value);
            form.set(path, list.length || Array.isArray(getIn(form.plan, path)) ? list : undefined);
          }}
        />
      )}
    </Shell>
  );
}
