// The written reason or comment a change carries into the audit trail; it says whether it is required.
"use client";
import { useId, type ReactNode } from "react";
import { inputClass } from "./field-styles";

export function ReasonField({
  label = "Reason",
  required,
  value,
  onChange,
  testId,
  describedBy,
  placeholder,
  children,
}: {
  label?: string;
  required: boolean;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  /** The id of the hint that explains what is missing. */
  describedBy?: string;
  placeholder: string;
  /** Shown under the field, typically that hint. */
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}{" "}
        {required ? <span className="font-semibold text-red-700 dark:text-red-400">(required)</span> : <span className="text-zinc-500">(optional)</span>}
      </label>
      <textarea
        id={id}
        data-testid={testId}
        data-autofocus
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={3}
        maxLength={2000}
        required={required}
        aria-describedby={describedBy}
        className={inputClass}
        placeholder={placeholder}
      />
      {children}
    </div>
  );
}
