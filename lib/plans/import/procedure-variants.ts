// "Creating a strategy (console)", "Creating a strategy (command line)", "Install [ Linux ]": one procedure written
// for different tools, interfaces or systems. Its variants are ways to do the same thing, never stages one after
// the other, so no share is invented for them.
import { cleanInline, type Section } from "./document";

export function areVariants(sections: Section[]): boolean {
  const base = sections.map((s) => cleanInline(s.heading).replace(/\([^)]*\)|\[[^\]]*\]/g, "").replace(/\s+/g, " ").trim().toLowerCase());
  return sections.length >= 2 && base[0] !== "" && base.every((b) => b === base[0]);
}
