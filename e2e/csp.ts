/**
 * Watches a page for Content-Security-Policy violations: the `securitypolicyviolation` event in
 * the page (installed before any script runs) and the console messages Chromium writes for
 * violations in the page and in its workers (the CLIP worker downloads the models).
 */
import type { Page, Worker } from '@playwright/test';

export interface CspWatch {
  /** Everything reported so far, one line per violation. */
  violations(): Promise<string[]>;
}

export async function watchCsp(page: Page): Promise<CspWatch> {
  const fromConsole: string[] = [];
  const onConsole = (text: string) => {
    if (/Content Security Policy/i.test(text)) fromConsole.push(text);
  };
  page.on('console', (message) => onConsole(message.text()));
  const workers = new Set<Worker>();
  page.on('worker', (worker) => {
    workers.add(worker);
    worker.on('close', () => workers.delete(worker));
    worker.on('console', (message) => onConsole(`worker ${worker.url()}: ${message.text()}`));
    // Workers report their own violations on their global scope.
    void worker
      .evaluate(() => {
        const scope = self as unknown as { __cspViolations?: string[] };
        scope.__cspViolations = [];
        self.addEventListener('securitypolicyviolation', (event) => {
          scope.__cspViolations?.push(`worker: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      })
      .catch(() => undefined);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return {
    async violations() {
      const inPage = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      // onnxruntime's thread workers sit in Atomics.wait and never answer: give each a moment.
      const inWorkers = await Promise.all(
        [...workers].map((worker) =>
          Promise.race([
            worker.evaluate(() => (self as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => []),
            new Promise<string[]>((resolve) => setTimeout(() => resolve([]), 2000)),
          ]),
        ),
      );
      return [...inPage, ...inWorkers.flat(), ...fromConsole];
    },
  };
}
