/**
 * The API client: JSON over fetch with the session cookie, the CSRF token on writes, and the
 * console's language as Accept-Language (so server messages come in the user's language).
 * Every failure becomes an ApiError carrying the server's `{ code, message, details }`.
 */
import type { Lang } from '../i18n/dict.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const state: { lang: Lang; csrf: string | null } = { lang: 'zh-CN', csrf: null };

export function setApiLanguage(lang: Lang): void {
  state.lang = lang;
}
export function setCsrfToken(token: string | null): void {
  state.csrf = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A raw body (file upload) with its content type. */
  raw?: { data: Blob | ArrayBuffer; type: string };
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

function headers(opts: RequestOptions): Record<string, string> {
  const h: Record<string, string> = { 'accept-language': state.lang, accept: 'application/json' };
  const method = opts.method ?? 'GET';
  if (method !== 'GET' && state.csrf) h['x-csrf-token'] = state.csrf;
  if (opts.raw) h['content-type'] = opts.raw.type;
  else if (opts.body !== undefined) h['content-type'] = 'application/json';
  return h;
}

async function failure(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { code?: string; message?: string; details?: unknown };
    return new ApiError(
      res.status,
      body.code ?? 'HTTP_' + res.status,
      body.message ?? res.statusText,
      body.details,
    );
  } catch {
    return new ApiError(res.status, 'HTTP_' + res.status, text.slice(0, 200) || res.statusText);
  }
}

export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const res = await fetch(withQuery(path, opts.query), {
    method: opts.method ?? 'GET',
    headers: headers(opts),
    body: opts.raw ? opts.raw.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
    credentials: 'same-origin',
    signal: opts.signal ?? null,
  });
  if (!res.ok) throw await failure(res);
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await request(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
