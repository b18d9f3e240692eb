// The JSON view: a CodeMirror 6 editor bound to the plan text. Loaded only in the browser (see PlanJsonView), so
// the page's first paint does not wait for the editor.
"use client";
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { planCodeExtensions } from "./plan-code-extensions";

/** Marks changes that came from outside (the form, "Load example") so they are not echoed back. */
const external = Annotation.define<boolean>();

export interface PlanCodeEditorProps {
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  readOnly?: boolean;
  label: string;
  describedBy?: string;
}

export function PlanCodeEditor({ value, onChange, onSubmit, readOnly = false, label, describedBy }: PlanCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The editor lives across renders; it calls the latest handlers through refs.
  const handlers = useRef({ onChange, onSubmit });
  handlers.current = { onChange, onSubmit };
  const readOnlyCompartment = useRef(new Compartment());
  // What a (re)mounted editor starts from: the latest text and mode.
  const initial = useRef({ value, readOnly });
  initial.current = { value, readOnly };

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current.value,
        extensions: [
          planCodeExtensions({ label, describedBy, onSubmit: () => handlers.current.onSubmit() }),
          readOnlyCompartment.current.of(EditorState.readOnly.of(initial.current.readOnly)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(external))) {
              handlers.current.onChange(update.state.doc.toString());
            }
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [label, describedBy]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: external.of(true) });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: readOnlyCompartment.current.reconfigure(EditorState.readOnly.of(readOnly)) });
  }, [readOnly]);

  return <div ref={host} data-testid="plan-json" className="min-w-0 rounded-md border border-zinc-300 dark:border-zinc-700" />;
}
