import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, DEV_CONTENT_SECURITY_POLICY, PRODUCTION_HEADERS, REFERRER_POLICY } from './securityHeaders.mjs';

describe('security headers', () => {
  it('is the strict policy the app works with', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co; img-src 'self' blob: data:; style-src 'self'; media-src 'self' blob:; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
    expect(PRODUCTION_HEADERS).toMatchObject({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  });

  it('gives a reason for every directive and never allows inline script or eval in production', () => {
    for (const [name, directive] of Object.entries(CSP_DIRECTIVES)) expect(directive.why.length, name).toBeGreaterThan(10);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*(?!\.)/);
    // The dev server's looser policy is only for Vite's hot reload.
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("'unsafe-inline'");
  });

  it("is the policy the README's deployment section gives for static hosts", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`);
    expect(readme).toContain(`Referrer-Policy: ${REFERRER_POLICY}`);
  });
});
