import type { LocationQuery } from 'vue-router';

/** The `token` of an emailed link (?token=...), or '' when missing. */
export function queryToken(query: LocationQuery): string {
  return typeof query.token === 'string' ? query.token : '';
}
