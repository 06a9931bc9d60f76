import { Linter } from 'eslint';
import globals from 'globals';
import { describe, expect, it } from 'vitest';
import { browserGlobalsInPage } from './browserGlobalsInPage.mjs';

/** Lints `code` as bench/ is linted: Node and browser globals, and the rule (`page` and `context` stand for Playwright's). */
function problems(code: string): string[] {
  const messages = new Linter().verify(code, [
    {
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node, ...globals.browser, page: 'readonly', context: 'readonly' } },
      plugins: { local: { rules: { 'browser-globals-in-page': browserGlobalsInPage } } },
      rules: { 'local/browser-globals-in-page': 'error', 'no-undef': 'error' },
    },
  ]);
  return messages.map((m) => `${m.line}:${m.column} ${m.message}`);
}

describe('browser-globals-in-page', () => {
  it('accepts browser globals inside the functions Playwright runs in the page', () => {
    expect(problems('await page.evaluate(() => window.peer.run(document.title));')).toEqual([]);
    expect(problems('await page.evaluate(async ({ n }) => { const f = () => new OffscreenCanvas(n, n); return f(); }, { n: 1 });')).toEqual([]);
    expect(problems('await page.waitForFunction(() => window.ready, null, { timeout: 1 });')).toEqual([]);
    expect(problems('await context.addInitScript(function () { window.t = 1; });')).toEqual([]);
    expect(problems('await page.evaluateHandle(() => new DataTransfer());')).toEqual([]);
  });

  it('reports them in Node code, including next to a page callback', () => {
    expect(problems('const w = window;')).toEqual(["1:11 'window' exists only in the browser: use it inside a page.evaluate() (or similar) callback."]);
    expect(problems('await page.evaluate(() => 1);\ndocument.title;')).toHaveLength(1);
    // Only the first argument runs in the page; the second is data sent from Node.
    expect(problems('await page.evaluate((x) => x, window.x);')).toHaveLength(1);
    expect(problems('await page.goto(() => location.href);')).toHaveLength(1);
  });

  it('leaves globals that Node has too, and local variables of the same name, alone', () => {
    expect(problems('const t = performance.now(); await fetch(new URL("http://127.0.0.1/"));')).toEqual([]);
    expect(problems('const name = "x"; console.log(name);')).toEqual([]);
    expect(problems('export function f({ location }) { return location; }')).toEqual([]);
  });
});
