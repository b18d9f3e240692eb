// What the importer could not decide: each question with the document's words, a proposal to confirm or change.
"use client";
import { useState } from "react";
import type { ImportQuestion, LineRange } from "@/lib/plans/import/types";
import { Button } from "../ui/Button";
import { inputClass } from "../ui/field-styles";
import { CheckCircleIcon } from "../ui/icons";
import { answerText, isDurationField, parseAnswer } from "./answer-value";
import { type WaveRow, WavesAnswer } from "./WavesAnswer";

export function QuestionList({
  questions,
  answers,
  onAnswer,
  onSource,
}: {
  questions: ImportQuestion[];
  answers: Record<string, unknown>;
  onAnswer: (id: string, value: unknown) => void;
  onSource: (range: LineRange) => void;
}) {
  if (questions.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing to decide: the document said it all.</p>;
  // Blocking questions first: they stand between the draft and "Create release".
  const ordered = [...questions].sort((a, b) => Number(b.blocking) - Number(a.blocking));
  return (
    <ol className="flex flex-col gap-3" data-testid="questions">
      {ordered.map((q) => (
        <QuestionCard key={q.id} q={q} answered={q.id in answers} value={answers[q.id]} onAnswer={onAnswer} onSource={onSource} />
      ))}
    </ol>
  );
}

function QuestionCard({
  q,
  answered,
  value,
  onAnswer,
  onSource,
}: {
  q: ImportQuestion;
  answered: boolean;
  value: unknown;
  onAnswer: (id: string, value: unknown) => void;
  onSource: (range: LineRange) => void;
}) {
  const [text, setText] = useState(answerText(answered ? value : q.proposed, q.field));
  const [error, setError] = useState<string | null>(null);
  const inputId = `answer-${q.id}`;
  function confirm() {
    const parsed = parseAnswer(q, text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    onAnswer(q.id, parsed.value);
  }
  const duration = isDurationField(q.field);
  const wavesRows = q.field === "waves" && Array.isArray(q.proposed);
  const lines = q.source.fromLine === q.source.toLine ? `line ${q.source.fromLine}` : `lines ${q.source.fromLine}-${q.source.toLine}`;
  return (
    <li
      data-testid="question"
      data-question-id={q.id}
      data-blocking={q.blocking || undefined}
      data-answered={answered || undefined}
      className={`rounded-md border p-3 ${answered ? "border-emerald-300 dark:border-emerald-800" : q.blocking ? "border-amber-400 dark:border-amber-600" : "border-zinc-200 dark:border-zinc-800"}`}
      onMouseEnter={() => onSource(q.source)}
    >
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {q.blocking ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">must answer</span>
        ) : (
          <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">optional</span>
        )}
        <button type="button" className="text-sky-700 underline dark:text-sky-400" onClick={() => onSource(q.source)}>
          {lines}
        </button>
        <span className="font-mono text-zinc-500 dark:text-zinc-400">{q.field}</span>
        {answered ? (
          <span className="ml-auto flex items-center gap-1 font-semibold text-emerald-700 dark:text-emerald-400">
            <CheckCircleIcon className="size-3.5" /> answered
          </span>
        ) : null}
      </div>
      <label htmlFor={inputId} className="mt-1.5 block text-sm font-medium">
        {q.question}
      </label>
      <pre className="mt-1.5 max-h-24 overflow-auto rounded bg-zinc-50 px-2 py-1 text-xs whitespace-pre-wrap text-zinc-700 dark:bg-zinc-950 dark:text-zinc-300">
        {q.excerpt}
      </pre>
      {wavesRows ? (
        <WavesAnswer initial={(answered ? value : q.proposed) as WaveRow[]} answered={answered} onConfirm={(rows) => onAnswer(q.id, rows)} />
      ) : (
      <div className="mt-2 flex gap-2">
        <input
          id={inputId}
          data-testid="answer-input"
          className={inputClass}
          value={text}
          placeholder={duration ? (q.proposed === null ? "leave out, or e.g. 2h, 30m, 1 d" : "e.g. 2h, 30m, 1 d") : q.proposed === null ? "leave out" : undefined}
          aria-describedby={duration ? `${inputId}-hint` : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              confirm();
            }
          }}
        />
        <Button size="sm" className="h-auto" data-testid="confirm-answer" onClick={confirm}>
          {answered ? "Update" : "Confirm"}
        </Button>
      </div>
      )}
      {duration && !wavesRows ? (
        <p id={`${inputId}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          A duration: 2h, 30m, 1 d, 1h 30m (a plain number is seconds).
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </li>
  );
}
