import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { send } from '@fastify/send';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteContext } from '../api/route-context';

// Serves one webpack-built face (dist/web/<name>/, see webpack.config.js): its hashed assets under /<name>/ and
// its HTML pages at the paths given. Hashed files are cached for a year; HTML is never cached, so a new build is
// picked up on the next load.

/** Where the builds are; LIAISON_WEB_DIR points elsewhere (a deployment's own copy, a test's folder). */
export function webRoot(): string {
  return process.env.LIAISON_WEB_DIR ?? join(projectRoot(__dirname), 'dist', 'web');
}

/** The checkout: the nearest folder with a package.json above this file (the sources or their compiled copy). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;

export interface BuiltPage {
  /** The URL path that serves the page, e.g. `/` or `/preview`. */
  path: string;
  /** The HTML file inside dist/web/<name>/. */
  file: string;
}

/** Streams one file from `root` (@fastify/send refuses paths that leave it, dotfiles and malformed escapes). */
async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  root: string,
  cache: string,
) {
  const { statusCode, headers, stream } = await send(request.raw, `/${file}`, { root, dotfiles: 'deny' });
  if (statusCode >= 400) {
    return reply.status(statusCode === 403 ? 403 : 404).send({
      statusCode: statusCode === 403 ? 403 : 404,
      error: statusCode === 403 ? 'forbidden' : 'not_found',
      message: statusCode === 403 ? 'This path is not served.' : `No file ${file} here.`,
    });
  }
  return reply
    .status(statusCode)
    .headers({ ...headers, 'cache-control': cache })
    .send(stream);
}

function notBuilt(reply: FastifyReply, name: string): FastifyReply {
  return reply
    .status(503)
    .type('application/json')
    .send({
      statusCode: 503,
      error: 'not_built',
      message: `The ${name} has not been built. Run \`npm run build\` (npm start does it when needed).`,
    });
}

export function serveBuiltApp({ app }: RouteContext, name: string, pages: BuiltPage[]): void {
  const root = join(webRoot(), name);

  app.get(`/${name}/*`, {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      if (!existsSync(root)) return notBuilt(reply, name);
      const file = (request.params as { '*': string })['*'];
      const cache = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
      return sendFile(request, reply, file, root, cache);
    },
  });

  for (const page of pages) {
    app.get(page.path, {
      config: { access: 'public' },
      schema: { hide: true },
      handler: async (request, reply) => {
        if (!existsSync(join(root, page.file))) return notBuilt(reply, name);
        return sendFile(request, reply, page.file, root, 'no-cache');
      },
    });
  }
}
