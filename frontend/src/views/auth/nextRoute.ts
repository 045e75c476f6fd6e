import type { LocationQuery } from 'vue-router';

/** Where to go after signing in: the `next` the guard kept, if it is a path of this dashboard, else home. */
export function nextRoute(query: LocationQuery): string {
  const next = typeof query.next === 'string' ? query.next : '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
