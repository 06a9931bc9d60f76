/**
 * ESLint rule for Node scripts that drive a browser with Playwright (bench/): browser-only
 * globals (window, document, OffscreenCanvas, ...) may be used only inside the callbacks that
 * Playwright runs in the page (`page.evaluate(() => window.x)`), where they exist. Anywhere else
 * they are Node code and would throw at run time. Enable it together with browser globals in
 * `languageOptions.globals`, so that `no-undef` accepts them inside the callbacks.
 */
import globals from 'globals';

/** Methods whose first argument is a function Playwright serialises and runs in the page. */
const PAGE_METHODS = new Set(['evaluate', 'evaluateHandle', 'evaluateAll', 'waitForFunction', 'addInitScript', '$eval', '$$eval']);

/** Globals of browsers that Node lacks (names both have, such as `performance`, are fine anywhere). */
export const BROWSER_ONLY_GLOBALS = new Set(
  Object.keys(globals.browser).filter((name) => !(name in globals.node) && !(name in globals.builtin)),
);

/** Whether `fn` is the first argument of a call such as `page.evaluate(fn, arg)`. */
function isPageCallback(fn) {
  const call = fn.parent;
  return (
    call?.type === 'CallExpression' &&
    call.arguments[0] === fn &&
    call.callee.type === 'MemberExpression' &&
    !call.callee.computed &&
    PAGE_METHODS.has(call.callee.property.name)
  );
}

const FUNCTIONS = new Set(['ArrowFunctionExpression', 'FunctionExpression']);

/** @type {import('eslint').Rule.RuleModule} */
export const browserGlobalsInPage = {
  meta: {
    type: 'problem',
    docs: { description: 'Browser-only globals only inside functions Playwright runs in the page' },
    schema: [],
    messages: {
      outside: "'{{name}}' exists only in the browser: use it inside a page.evaluate() (or similar) callback.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    const inPage = (identifier) => sourceCode.getAncestors(identifier).some((node) => FUNCTIONS.has(node.type) && isPageCallback(node));
    const check = (reference) => {
      const { identifier } = reference;
      if (BROWSER_ONLY_GLOBALS.has(identifier.name) && !inPage(identifier)) {
        context.report({ node: identifier, messageId: 'outside', data: { name: identifier.name } });
      }
    };
    return {
      'Program:exit'(program) {
        // Configured globals are variables of the global scope (names nobody declared are
        // no-undef's business).
        for (const variable of sourceCode.getScope(program).variables) variable.references.forEach(check);
      },
    };
  },
};
