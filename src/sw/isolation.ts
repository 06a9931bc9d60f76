/**
 * The headers a static host cannot set, added to every response the worker serves:
 * - COOP/COEP: a page (and its module workers, and onnxruntime's pthread workers) is cross-origin
 *   isolated only if its own response carried them, and WASM threads need that isolation
 *   (SharedArrayBuffer). Static hosts such as GitHub Pages cannot set the headers themselves.
 * - Content-Security-Policy and Referrer-Policy (scripts/securityHeaders.mjs): the same policy as
 *   the app's own servers. A host that sends its own policy keeps it (it may allow a model mirror).
 */
import { CONTENT_SECURITY_POLICY, ISOLATION_HEADERS, REFERRER_POLICY } from '../../scripts/securityHeaders.mjs';

export function isolated(response: Response): Response {
  // Opaque and opaque-redirect responses (status 0) cannot be rewritten, nor do they need it.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', REFERRER_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
