import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  errorBody,
  FieldsInvalidError,
  langFromAcceptLanguage,
  type ErrorCode,
} from '../../errors.js';

export interface FieldError {
  /** Dotted path of the field, prefixed by where it was: `body.plate`, `query.from`. */
  field: string;
  reason: string;
}

interface AjvIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

const contextName: Record<string, string> = {
  querystring: 'query',
  body: 'body',
  params: 'params',
  headers: 'headers',
};

/** Turns Ajv's validation output into `{ field, reason }` items that name the field. */
export function fieldErrors(issues: readonly AjvIssue[], context: string | undefined): FieldError[] {
  const where = contextName[context ?? ''] ?? context ?? 'request';
  return issues.map((i) => {
    const path = i.instancePath.split('/').filter(Boolean);
    if (i.keyword === 'required' && typeof i.params.missingProperty === 'string') {
      path.push(i.params.missingProperty);
    }
    if (i.keyword === 'additionalProperties' && typeof i.params.additionalProperty === 'string') {
      path.push(i.params.additionalProperty);
      return { field: [where, ...path].join('.'), reason: 'is not an allowed field' };
    }
    return { field: [where, ...path].join('.'), reason: i.message ?? i.keyword };
  });
}

function codeFor(err: FastifyError): ErrorCode {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'MALFORMED_REQUEST';
  }
  switch (err.statusCode) {
    case 400:
      return 'MALFORMED_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return 'INTERNAL';
  }
}

/** Every error leaves as `{ code, message, details? }`; internals are logged, never sent. */
export function handleError(
  err: FastifyError | AppError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  const lang = langFromAcceptLanguage(req.headers['accept-language']);
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, 'request failed');
    void reply.status(err.status).send(errorBody(err.code, lang, err.details));
    return;
  }
  if (err instanceof FieldsInvalidError) {
    void reply.status(400).send(errorBody('VALIDATION_FAILED', lang, { fields: err.localized(lang) }));
    return;
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const fields = fieldErrors(fe.validation as AjvIssue[], fe.validationContext);
    void reply.status(400).send(errorBody('VALIDATION_FAILED', lang, { fields }));
    return;
  }
  const code = codeFor(fe);
  // Say what the limit is: the caller can split its batch to fit.
  const body =
    code === 'PAYLOAD_TOO_LARGE'
      ? errorBody(code, lang, { maxBytes: req.routeOptions.bodyLimit })
      : errorBody(code, lang);
  if (code === 'INTERNAL') {
    req.log.error({ err }, 'request failed');
    void reply.status(500).send(body);
    return;
  }
  void reply.status(fe.statusCode ?? 500).send(body);
}

export function handleNotFound(req: FastifyRequest, reply: FastifyReply): void {
  const lang = langFromAcceptLanguage(req.headers['accept-language']);
  void reply.status(404).send(errorBody('ROUTE_NOT_FOUND', lang, { method: req.method, url: req.url }));
}
