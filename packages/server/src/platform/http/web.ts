/**
 * The web console (packages/web/dist) served at `/`: real files by path, and index.html for any
 * other GET outside /api so the console's client-side routes survive a reload. Unknown /api
 * paths keep the JSON ROUTE_NOT_FOUND answer. No route is registered (the route table stays the
 * API's), so the console is served from the not-found handler.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app.js';
import { handleNotFound } from './errors.js';

/** WEB_DIST_DIR = auto: packages/web/dist beside this server package (src or dist build). */
export function resolveWebRoot(setting: string): string {
  if (setting !== 'auto') return isAbsolute(setting) ? setting : resolve(setting);
  return fileURLToPath(new URL('../../../../web/dist', import.meta.url));
}

/** The file under `root` a URL path names, or null when it names none (or tries to leave root). */
export function staticFileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === '' || relative.startsWith('..')) return null;
  const full = join(root, relative);
  if (!full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? relative : null;
  } catch {
    return null;
  }
}

export async function registerWebConsole(app: App, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, { root, serve: false });
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (isApi || (req.method !== 'GET' && req.method !== 'HEAD')) return handleNotFound(req, reply);
    const file = staticFileFor(root, path);
    if (file) {
      // Vite names built assets by content hash: cache them for good; index.html never.
      const immutable = file.startsWith(`assets${sep}`) || file.startsWith('assets/');
      if (immutable) return reply.sendFile(file, { maxAge: '365d', immutable: true });
      void reply.header('cache-control', 'no-cache');
      return reply.sendFile(file, { cacheControl: false });
    }
    void reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false });
  });
  return true;
}
