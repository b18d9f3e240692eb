// CodeMirror 6 set up for plans: JSON with the plan's JSON Schema (completion, hover, inline validation from
// codemirror-json-schema) plus the server's plan check as diagnostics, colours from CSS variables so light and dark
// follow the operating system like the rest of the app (globals.css), and Ctrl/Cmd+Enter to create the release.
import { json, jsonLanguage, jsonParseLinter } from "@codemirror/lang-json";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { linter, lintGutter } from "@codemirror/lint";
import { type Extension, Prec } from "@codemirror/state";
import { EditorView, hoverTooltip, keymap } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import { handleRefresh, jsonCompletion, jsonSchemaHover, stateExtensions } from "codemirror-json-schema";
import { editorSchema } from "./editor-schema";
import { planLinter } from "./plan-check-lint";

const theme = EditorView.theme({
  "&": { color: "var(--cm-fg)", backgroundColor: "var(--cm-bg)", fontSize: "12px", maxHeight: "70vh", borderRadius: "0.375rem" },
  "&.cm-focused": { outline: "2px solid var(--cm-focus)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.6", overflow: "auto" },
  ".cm-content, .cm-gutter": { minHeight: "22rem" },
  ".cm-content": { caretColor: "var(--cm-fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--cm-fg)" },
  ".cm-gutters": { backgroundColor: "var(--cm-gutter-bg)", color: "var(--cm-muted)", borderRight: "1px solid var(--cm-border)" },
  ".cm-activeLine": { backgroundColor: "var(--cm-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active-line)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--cm-selection)",
  },
  ".cm-matchingBracket": { backgroundColor: "var(--cm-selection)", outline: "none" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--cm-gutter-bg)", color: "var(--cm-muted)", border: "1px solid var(--cm-border)" },
  ".cm-tooltip": { backgroundColor: "var(--cm-tooltip-bg)", color: "var(--cm-fg)", border: "1px solid var(--cm-border)", borderRadius: "0.375rem", maxWidth: "min(28rem, 90vw)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--cm-focus)", color: "var(--cm-on-focus)" },
  ".cm-tooltip.cm-completionInfo": { padding: "0.25rem 0.5rem" },
  ".cm-diagnostic": { padding: "0.25rem 0.5rem", whiteSpace: "pre-wrap" },
  ".cm-diagnostic-error": { borderLeft: "4px solid var(--cm-error)" },
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy var(--cm-error)", textUnderlineOffset: "3px" },
  ".cm-panels": { backgroundColor: "var(--cm-gutter-bg)", color: "var(--cm-fg)" },
  ".cm-textfield": { backgroundColor: "var(--cm-bg)", color: "var(--cm-fg)", border: "1px solid var(--cm-border)" },
  ".cm-button": { backgroundImage: "none", backgroundColor: "var(--cm-gutter-bg)", color: "var(--cm-fg)", border: "1px solid var(--cm-border)" },
  ".cm6-json-schema-hover": { padding: "0.25rem 0.5rem", fontSize: "12px" },
  ".cm6-json-schema-hover--code": { fontFamily: "var(--font-mono)", color: "var(--cm-muted)" },
  ".cm6-json-schema-hover code": { fontFamily: "var(--font-mono)", color: "var(--cm-key)" },
  ".cm6-json-schema-hover p": { margin: "0" },
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--cm-key)" },
  { tag: tags.string, color: "var(--cm-string)" },
  { tag: tags.number, color: "var(--cm-number)" },
  { tag: [tags.bool, tags.null], color: "var(--cm-keyword)" },
  { tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation], color: "var(--cm-muted)" },
]);

export function planCodeExtensions(options: { label: string; describedBy?: string; onSubmit: () => void }): Extension[] {
  return [
    basicSetup,
    json(),
    EditorView.lineWrapping,
    linter(jsonParseLinter(), { delay: 300 }),
    linter(planLinter(), { delay: 300, needsRefresh: handleRefresh }),
    lintGutter(),
    jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(editorSchema()),
    theme,
    syntaxHighlighting(highlight),
    EditorView.contentAttributes.of({ "aria-label": options.label, ...(options.describedBy ? { "aria-describedby": options.describedBy } : {}) }),
    Prec.highest(
      keymap.of([
        {
          key: "Mod-Enter",
          run: () => {
            options.onSubmit();
            return true;
          },
        },
      ]),
    ),
  ];
}
