/**
 * The HTTP headers every response of the app carries, in one place: the Vite dev and preview
 * servers (vite.config.ts), the classroom server, the service worker's injected headers on hosts
 * that cannot set any (src/sw/isolation.ts), and the README's deployment section (a unit test
 * checks that the README gives the same policy). Plain JavaScript, so a Node script can import it.
 *
 * The Content-Security-Policy must be a header: a <meta> policy does not govern the worker, and the
 * worker is what downloads models. Each directive says why it allows what it allows; anything not
 * listed falls back to default-src 'none'. Keep it as strict as the app allows: when a feature
 * needs more (a blob: worker, another model host), add exactly that, with its reason.
 */

/** @type {Record<string, { sources: string[]; why: string }>} */
export const CSP_DIRECTIVES = {
  'default-src': { sources: ["'none'"], why: 'nothing that is not allowed below' },
  'script-src': {
    sources: ["'self'", "'wasm-unsafe-eval'"],
    why: "the app's own bundles; onnxruntime-web compiles WebAssembly ('wasm-unsafe-eval' allows that, not eval())",
  },
  'worker-src': {
    sources: ["'self'"],
    why: "the CLIP worker, onnxruntime's thread workers and the service worker are same-origin scripts (a blob: worker would need blob: here)",
  },
  'connect-src': {
    sources: ["'self'", 'https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'],
    why: "models from the app's own origin and the hub; the hub redirects large files to its CDN hosts (*.huggingface.co, *.hf.co). A ?host= elsewhere is refused here too",
  },
  'img-src': { sources: ["'self'", 'blob:', 'data:'], why: 'thumbnails and snapshots are blob: URLs; small icons may be data: URLs' },
  'style-src': { sources: ["'self'"], why: "the built CSS files; React's style props go through the CSSOM, which CSP allows" },
  'media-src': { sources: ["'self'", 'blob:'], why: 'the camera preview (a MediaStream) and recorded blobs' },
  'manifest-src': { sources: ["'self'"], why: 'the web app manifest, if the app has one' },
  'base-uri': { sources: ["'none'"], why: 'no <base> element may redirect relative URLs' },
  'form-action': { sources: ["'none'"], why: 'no form submits anywhere (dialogs close with method="dialog", which is no submission)' },
  'frame-ancestors': { sources: ["'none'"], why: 'no other site may frame the app (clickjacking)' },
  'object-src': { sources: ["'none'"], why: 'no plugins (<object>, <embed>)' },
};

/** @param {Record<string, { sources: string[] }>} directives */
export function cspHeader(directives) {
  return Object.entries(directives)
    .map(([name, { sources }]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The production policy: the preview and classroom servers, the service worker, static hosts. */
export const CONTENT_SECURITY_POLICY = cspHeader(CSP_DIRECTIVES);

/**
 * `npm run dev` only: Vite's dev server runs an inline React Refresh preamble, injects CSS as
 * <style> elements and talks to the page over a WebSocket for hot reload. Never deployed.
 */
export const DEV_CONTENT_SECURITY_POLICY = cspHeader({
  ...CSP_DIRECTIVES,
  'script-src': { sources: [...CSP_DIRECTIVES['script-src'].sources, "'unsafe-inline'"] },
  'style-src': { sources: [...CSP_DIRECTIVES['style-src'].sources, "'unsafe-inline'"] },
  'connect-src': { sources: [...CSP_DIRECTIVES['connect-src'].sources, 'ws:', 'wss:'] },
});

/** No page address goes to the hub or anywhere else (a link's labels and settings are in it). */
export const REFERRER_POLICY = 'no-referrer';

/** Cross-origin isolation gives SharedArrayBuffer, which onnxruntime-web needs for WASM threads. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** What every response of a deployed app carries. */
export const PRODUCTION_HEADERS = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': REFERRER_POLICY,
};

/** The dev server's: the same, with the dev policy. */
export const DEV_HEADERS = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': DEV_CONTENT_SECURITY_POLICY,
  'Referrer-Policy': REFERRER_POLICY,
};
