// `tidegate completion bash|zsh`: a shell completion script written from the program's own commands and options, so
// it cannot drift from what the CLI accepts.
import type { Command } from "commander";

export const SHELLS = ["bash", "zsh"] as const;
export type Shell = (typeof SHELLS)[number];

interface Spec {
  name: string;
  description: string;
  options: { flags: string[]; description: string; takesValue: boolean }[];
}

function specOf(program: Command): { globals: Spec["options"]; commands: Spec[] } {
  const optionsOf = (cmd: Command) =>
    cmd.options.map((o) => ({ flags: [o.short, o.long].filter((f): f is string => !!f), description: o.description, takesValue: o.required || o.optional }));
  return {
    globals: [...optionsOf(program), { flags: ["-h", "--help"], description: "show help", takesValue: false }, { flags: ["-V", "--version"], description: "print the version", takesValue: false }],
    commands: program.commands.map((c) => ({ name: c.name(), description: c.description(), options: [...optionsOf(c), { flags: ["-h", "--help"], description: "show help", takesValue: false }] })),
  };
}

const words = (list: string[]) => list.join(" ");

function bash(program: Command): string {
  const { globals, commands } = specOf(program);
  const valued = [...globals, ...commands.flatMap((c) => c.options)].filter((o) => o.takesValue).flatMap((o) => o.flags);
  const globalFlags = globals.flatMap((o) => o.flags);
  const cases = commands.map((c) => `    ${c.name}) opts="${words([...new Set([...c.options.flatMap((o) => o.flags), ...globalFlags])])}" ;;`).join("\n");
  return `# tidegate completion for bash. Load it with: source <(tidegate completion bash)
_tidegate() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i opts
  case " ${words([...new Set(valued)])} " in *" $prev "*) return 0 ;; esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --url|--token) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "${words(commands.map((c) => c.name))} ${words(globalFlags)}" -- "$cur"))
    return 0
  fi
  case "$cmd" in
${cases}
    *) opts="${words(globalFlags)}" ;;
  esac
  [[ "$cmd" == completion ]] && opts="${words([...SHELLS])} $opts"
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _tidegate tidegate
`;
}

/** zsh's _arguments spec syntax gives ":" and brackets meaning. */
const zq = (text: string) => text.replace(/\\/g, "\\\\").replace(/'/g, "'\\''").replace(/:/g, "\\:").replace(/\[/g, "\\[").replace(/\]/g, "\\]");

function zsh(program: Command): string {
  const { globals, commands } = specOf(program);
  const optionSpecs = (options: Spec["options"]) =>
    options.flatMap((o) => o.flags.map((f) => `'${f}[${zq(o.description)}]${o.takesValue ? `:${f.replace(/^-+/, "")}:` : ""}'`)).join(" ");
  const cases = commands
    .map((c) => `      ${c.name}) _arguments -s ${optionSpecs(c.options)}${c.name === "completion" ? ` '1:shell:(${SHELLS.join(" ")})'` : ""} ;;`)
    .join("\n");
  return `#compdef tidegate
# tidegate completion for zsh. Load it with: source <(tidegate completion zsh)   (after compinit)
_tidegate() {
  local -a commands
  commands=(
${commands.map((c) => `    '${c.name}:${zq(c.description)}'`).join("\n")}
  )
  _arguments -C ${optionSpecs(globals)} '1:command:->command' '*::arg:->args'
  case $state in
    command) _describe -t commands 'tidegate command' commands ;;
    args)
      case $words[1] in
${cases}
      esac ;;
  esac
}
compdef _tidegate tidegate
`;
}

export function completionScript(shell: Shell, program: Command): string {
  return shell === "bash" ? bash(program) : zsh(program);
}
