import type { AxiosError } from 'axios';

/** RFC 7807 ProblemDetails as the API writes it (validation failures add `errors`: field -> messages). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

/**
 * Every failed API call rejects with this: the HTTP status (0 when the API could not be reached), the problem's title
 * and detail, and the field errors keyed by the field's path in camelCase ("answer.temperature"), ready for a form.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fields: Readonly<Record<string, string[]>>;
  readonly problem: ProblemDetails | undefined;

  constructor(status: number, problem: ProblemDetails | undefined, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.title = problem?.title ?? fallback;
    this.detail = problem?.detail;
    this.fields = normaliseFields(problem?.errors);
  }

  /** The first message for a field, if the API named it. */
  field(name: string): string | undefined {
    return this.fields[name]?.[0];
  }

  get isValidation(): boolean {
    return this.status === 400 && Object.keys(this.fields).length > 0;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Field names as the form uses them: each dotted segment camelCased ("Answer.Temperature" -> "answer.temperature"). */
export function fieldKey(name: string): string {
  return name
    .split('.')
    .map((part) => (part ? part[0]!.toLowerCase() + part.slice(1) : part))
    .join('.');
}

function normaliseFields(errors: ProblemDetails['errors']): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (!errors || typeof errors !== 'object') {
    return fields;
  }
  for (const [name, messages] of Object.entries(errors)) {
    const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    (fields[fieldKey(name)] ??= []).push(...list);
  }
  return fields;
}

function isProblem(data: unknown): data is ProblemDetails {
  return typeof data === 'object' && data !== null && ('title' in data || 'status' in data || 'errors' in data);
}

/** Turns whatever axios rejected with into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  const axiosError = error as AxiosError;
  const response = axiosError?.response;
  if (!response) {
    return new ApiError(0, undefined, axiosError?.message || 'The API could not be reached.');
  }
  const problem = isProblem(response.data) ? response.data : undefined;
  return new ApiError(response.status, problem, response.statusText || `HTTP ${response.status}`);
}
