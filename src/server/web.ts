// The configuration page: the built files of src/web (dist/web), served at `/`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

export function registerWebPage(app: FastifyInstance, root: string): void {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply
        .status(503)
        .send(errorBody('page_not_built', 'The configuration page is not built: run `npm run build:web`.')),
    );
    return;
  }
  void app.register(fastifyStatic, { root, index: ['index.html'], wildcard: false, maxAge: '1h' });
}
