import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { issueSentences, type IssueLike } from '../../src/api/issue-sentences';
import { HttpError } from './http-error';

// Every error is JSON `{ error, message, details? }` with a clear sentence; a stack trace never leaves the server.

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({
        error: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Sentences for people from zod's issues, each naming the value that was sent; the fields, for programs.
      const issues: IssueLike[] = error.validation.map((v) => ({
        ...v.params,
        code: v.keyword,
        path: v.instancePath
          .split('/')
          .filter(Boolean)
          .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        message: v.message ?? '',
      }));
      const part = error.validationContext;
      const sent =
        part === 'querystring'
          ? request.query
          : part === 'params'
            ? request.params
            : part === 'headers'
              ? request.headers
              : request.body;
      const problems = issueSentences(issues, sent);
      return reply.status(400).send({
        error: 'invalid_request',
        message: problems.join(' '),
        details: {
          problems,
          fields: issues.map((i) => [part ?? 'request', ...i.path].join('.')),
        },
      });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({
        error: 'internal',
        message: 'Something went wrong on the server. Try again; if it keeps failing, tell your admin.',
      });
    }
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 429
          ? 'rate_limited'
          : status === 415
            ? 'unsupported_media_type'
            : 'bad_request';
    const limit = request.routeOptions.bodyLimit;
    const message =
      status === 413 && limit
        ? `This request is too large: Liaison takes at most ${sizeText(limit)} here.`
        : error.message;
    return reply.status(status).send({ error: code, message });
  });
}

/** 5 MB, 34.3 MB, 4 KB: a size as people read it. */
function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}

/** Answers a path no route serves (build-app.ts installs it behind the rate limiter). */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.status(404).send({
    error: 'not_found',
    message: `There is no ${request.method} ${request.url.split('?')[0]} here.`,
  });
}
