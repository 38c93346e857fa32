import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerRoutes } from '../api/register-routes';
import { installAccessControl, rateLimitKey } from './access-control';
import type { AppDeps } from './app-deps';
import { installErrorHandler, notFound } from './error-handler';
import { installNulRefusal } from './nul-refusal';
import { installBodyDrain } from './drain-unread-body';
import { installChangesHeard } from './changes-heard';
import { installSecurityHeaders } from './security-headers';

// The HTTP app: security headers, CORS for the add-in origins only, rate and body limits, zod-validated routes,
// an OpenAPI document generated from the same schemas, and the access rule on every route.

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: import('./access-control').RouteEntry[];
  }
}

/**
 * Every route is checked and answered with zod (the setters below): given as the factory too, fastify never builds its
 * default compilers (ajv and fast-json-stringify, three copies of ajv: a tenth of a second at every start). Fastify
 * types the factory for ajv's schemas; these take zod's, as the setters do through the type provider.
 */
const ZOD_COMPILERS = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'];

export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger
      ? { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] }
      : false,
    // One log line per request (below) instead of fastify's two: under load the log is a good part of the work.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: false,
    schemaController: { compilersFactory: ZOD_COMPILERS },
  }).withTypeProvider<ZodTypeProvider>();
  if (options.logger) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          url: request.url,
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  deps.warn ??= (line) => app.log.warn(line);
  app.decorate('routeTable', installAccessControl(app, deps));
  installNulRefusal(app);
  installBodyDrain(app);

  installChangesHeard(app, deps);
  installSecurityHeaders(app, {
    // The task pane runs inside Outlook's frame, so framing is allowed; scripts only from this origin.
    frameguard: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", 'https://appsforoffice.microsoft.com'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'https://login.microsoftonline.com'],
        frameAncestors: [
          "'self'",
          'https://*.office.com',
          'https://*.office365.com',
          'https://*.outlook.com',
          'https://outlook.live.com',
        ],
        // Over plain HTTP (a laptop, the tests) upgrading would break every same-origin script.
        upgradeInsecureRequests: deps.config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  const allowed = new Set([deps.config.publicUrl, ...deps.config.addinOrigins]);
  await app.register(cors, {
    origin: (origin, done) => done(null, origin === undefined || allowed.has(origin)),
    credentials: true,
    // A bare OPTIONS (no Origin or requested method) gets an empty 204 rather than a plain-text 400.
    strictPreflight: false,
  });
  await app.register(rateLimit, {
    max: deps.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `Too many requests: at most ${context.max} a minute. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  // Probing paths that do not exist counts against the same allowance.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFound);
  await app.register(swagger, {
    openapi: { info: { title: 'Liaison API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await registerRoutes(app, deps);
  return app;
}
