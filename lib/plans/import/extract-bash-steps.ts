// Shell blocks under a stage or rollback level to ordered steps: each comment names a step, the lines after it are its command.
import type { CodeBlock } from "./document";

export interface ShellStep {
  text: string;
  command?: string;
  fromLine: number;
  toLine: number;
}

const SHELL_LANGS = new Set(["bash", "sh", "shell", "console", "zsh", "powershell", "ps1", "cmd"]);

export const isShellBlock = (block: CodeBlock) => SHELL_LANGS.has(block.lang);

export function extractShellSteps(block: CodeBlock): ShellStep[] {
  const steps: ShellStep[] = [];
  let current: ShellStep | null = null;
  const close = () => {
    if (current && (current.command || current.text)) steps.push(current);
    current = null;
  };
  for (const { n, text } of block.body) {
    const line = text.trim();
    if (!line) continue;
    const comment = line.match(/^#+\s*(.*)$/);
    if (comment) {
      // "# 1. Stop new service" / "# Command: Disable feature flag" -> "Stop new service" / "Disable feature flag".
      const words = comment[1].replace(/^\d+[.)]\s*/, "").replace(/^(command|step)\s*:\s*/i, "").replace(/:\s*$/, "").trim();
      if (!words) continue;
      if (!current || current.command) {
        close();
        current = { text: words, fromLine: n, toLine: n };
      } else {
        current.text = `${current.text}. ${words}`;
        current.toLine = n;
      }
      continue;
    }
    const command = line.replace(/^\$\s+/, "");
    if (!current) current = { text: command.slice(0, 200), fromLine: n, toLine: n };
    current.command = current.command ? `${current.command}\n${command}` : command;
    current.toLine = n;
  }
  close();
  return steps.map((s) => ({ ...s, text: s.text.slice(0, 500), ...(s.command ? { command: s.command.slice(0, 4000) } : {}) }));
}
