/**
 * COOP/COEP on every response the worker serves: a page (and its module workers, and onnxruntime's
 * pthread workers) is cross-origin isolated only if its own response carried them, and WASM
 * threads need that isolation (SharedArrayBuffer). Static hosts such as GitHub Pages cannot set
 * the headers themselves.
 */
export function isolated(response: Response): Response {
  // Opaque and opaque-redirect responses (status 0) cannot be rewritten, nor do they need it.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
