// Tiny --flag value parser for the admin scripts (repeatable flags collect into arrays).
export function parseArgs(argv: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument "${arg}"`);
    const [key, inline] = arg.slice(2).split("=", 2);
    const value = inline ?? (argv[i + 1] && !argv[i + 1].startsWith("--") ? argv[++i] : "true");
    (out[key] ??= []).push(value);
  }
  return out;
}
