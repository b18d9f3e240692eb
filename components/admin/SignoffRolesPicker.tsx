// Pick sign-off roles: the usual ones as checkboxes, plus any other role a plan names, typed in.
"use client";
import { useId, useState } from "react";
import { focusRing } from "../ui/Button";
import { fieldClass, rowButton } from "./admin-styles";

export function SignoffRolesPicker({
  value,
  onChange,
  known,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  /** Roles to offer as checkboxes (the usual ones and any held by someone). */
  known: string[];
}) {
  const [other, setOther] = useState("");
  const otherId = useId();
  const offered = [...new Set([...known, ...value])];
  const toggle = (role: string, on: boolean) => onChange(on ? [...value, role] : value.filter((r) => r !== role));
  const add = () => {
    const role = other.trim();
    if (role && !value.includes(role)) onChange([...value, role]);
    setOther("");
  };

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-semibold text-zinc-600 dark:text-zinc-400">Sign-off roles</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1.5">
        {offered.map((role) => (
          <label key={role} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={value.includes(role)}
              onChange={(e) => toggle(role, e.target.checked)}
              className={`size-4 accent-sky-600 ${focusRing}`}
            />
            {role}
          </label>
        ))}
      </div>
      <div className="flex max-w-sm items-center gap-2">
        <label htmlFor={otherId} className="sr-only">
          Another sign-off role
        </label>
        <input
          id={otherId}
          value={other}
          onChange={(e) => setOther(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds the role instead of submitting the surrounding form.
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          maxLength={80}
          placeholder="Another role, e.g. Legal"
          className={fieldClass}
        />
        <button type="button" className={rowButton} onClick={add} disabled={!other.trim()}>
          Add
        </button>
      </div>
    </fieldset>
  );
}
