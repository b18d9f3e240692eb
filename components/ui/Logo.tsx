// Three rising waves: the product's idea in one glyph.
export function Logo({ className = "size-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`text-sky-600 dark:text-sky-400 ${className}`} aria-hidden="true">
      <rect x="3" y="14" width="4" height="7" rx="1" fill="currentColor" opacity="0.45" />
      <rect x="10" y="9" width="4" height="12" rx="1" fill="currentColor" opacity="0.7" />
      <rect x="17" y="3" width="4" height="18" rx="1" fill="currentColor" />
    </svg>
  );
}
