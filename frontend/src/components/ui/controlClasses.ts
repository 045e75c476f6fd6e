/** The look every text-like control shares, with the invalid state. */
export function controlClasses(invalid: boolean): string[] {
  return [
    'w-full rounded-control border bg-surface px-3 py-2 text-sm text-ink placeholder:text-muted',
    'disabled:cursor-not-allowed disabled:opacity-60',
    invalid ? 'border-danger' : 'border-line',
  ];
}
