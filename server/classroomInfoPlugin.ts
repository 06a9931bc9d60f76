/**
 * Serves `classroom.json` (src/app/share/classroomInfo.ts) from the classroom server, so the page
 * knows the address students use, even when the lecturer opened it as localhost.
 */
import type { Plugin } from 'vite';
import { CLASSROOM_INFO_FILE, type ClassroomInfo } from '../src/app/share/classroomInfo';

/** `info` is read per request: the port is known only once the server listens. */
export function classroomInfoPlugin(info: () => ClassroomInfo | null): Plugin {
  return {
    name: 'classroom-info',
    configurePreviewServer(server) {
      const base = server.config.base;
      const headers = server.config.preview.headers ?? {};
      server.middlewares.use((req, res, next) => {
        const [pathname] = (req.url ?? '').split('?');
        const current = info();
        if (pathname !== `${base}${CLASSROOM_INFO_FILE}` || current === null || (req.method !== 'GET' && req.method !== 'HEAD')) {
          next();
          return;
        }
        const body = JSON.stringify(current);
        // The same headers as every other response of the app (COOP/COEP...), from the app's config.
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Content-Length', Buffer.byteLength(body));
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    },
  };
}
