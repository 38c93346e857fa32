import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerRoutes } from '../api/register-routes';
import { installAccessControl } from './access-control';
import type { AppDeps } from './app-deps';
import { installErrorHandler } from './error-handler';

// The HTTP app: security headers, CORS for the add-in origins only, rate and body limits, zod-validated routes,
// an OpenAPI document generated from the same schemas, and the access rule on every route.

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: import('./access-control').RouteEntry[];
  }
}

export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger
      ? { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] }
      : false,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  deps.warn ??= (line) => app.log.warn(line);
  app.decorate('routeTable', installAccessControl(app, deps));

  await app.register(helmet, {
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
  });
  await app.register(rateLimit, {
    max: deps.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.headers.authorization ?? request.headers.cookie ?? request.ip,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `Too many requests: at most ${context.max} a minute. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'Liaison API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await registerRoutes(app, deps);
  return app;
}
