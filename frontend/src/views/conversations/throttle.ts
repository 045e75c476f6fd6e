/** At most one call of `fn` per `intervalMs`: the first goes at once, the ones inside the interval are dropped (the
 * agent's keystrokes become one typing signal every few seconds). `now` is the clock (tests pass their own). */
export function throttle(fn: () => void, intervalMs: number, now: () => number = () => Date.now()): () => boolean {
  let last = -Infinity;
  return () => {
    const at = now();
    if (at - last < intervalMs) return false;
    last = at;
    fn();
    return true;
  };
}
