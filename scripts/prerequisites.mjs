#!/usr/bin/env node
/**
 * What `npm run bench` and `npm run model:test` need besides npm packages, checked before they
 * start: on a fresh machine they would otherwise stop minutes in with a Python traceback
 * ("No module named 'torch'"). Prints what is missing and the Debian packages that provide it.
 *
 *   node scripts/prerequisites.mjs bench|model:test    exit status 1 when something is missing
 *
 * bench/run.mjs calls exitUnlessInstalled('bench') itself; package.json runs this file before
 * the model scripts.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The model scripts run with Debian's Python (its torch and onnx packages), not a venv. */
export const PYTHON = '/usr/bin/python3';
/** Playwright drives Debian's Chromium; its own browser downloads cannot work here. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * @typedef {{ kind: 'python', name: string, aptPackage: string } | { kind: 'program', name: string, aptPackage: string }} Need
 * @typedef {{ need: Need, reason: string }} Missing
 */

/** @returns {Need} */
const pythonModule = (name, aptPackage) => ({ kind: 'python', name, aptPackage });
/** @returns {Need} */
const program = (path, aptPackage) => ({ kind: 'program', name: path, aptPackage });

const TORCH = pythonModule('torch', 'python3-torch');
const ONNX = pythonModule('onnx', 'python3-onnx');
const NUMPY = pythonModule('numpy', 'python3-numpy'); // comes with torch and onnx on Debian

/** @satisfies {Record<string, Need[]>} */
export const NEEDS = {
  // scripts/bench-model/make_bench_model.py, then the browser runs
  bench: [TORCH, ONNX, NUMPY, program(CHROMIUM, 'chromium')],
  // scripts/test-model/make_test_model.py (PIL draws the training pictures)
  'model:test': [TORCH, ONNX, NUMPY, pythonModule('PIL', 'python3-pil')],
};

// Imports each module named on the command line; prints {module: "why it failed"} as JSON.
const PROBE = `
import importlib, json, sys
failed = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
print(json.dumps(failed))
`;

/**
 * The Python modules that cannot be imported, with the reason. Importing (not only finding)
 * catches broken installs too; torch takes a second or two.
 * @param {string[]} modules
 * @param {{ python?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Map<string, string>}
 */
export function failingPythonModules(modules, { python = PYTHON, env = process.env } = {}) {
  if (modules.length === 0) return new Map();
  const run = spawnSync(python, ['-c', PROBE, ...modules], { encoding: 'utf8', env, timeout: 120_000 });
  const everyModule = (reason) => new Map(modules.map((m) => [m, reason]));
  if (run.error) return everyModule(run.error.code === 'ENOENT' ? `${python} not found` : `${python}: ${run.error.message}`);
  try {
    const lines = run.stdout.trim().split('\n');
    return new Map(Object.entries(JSON.parse(lines[lines.length - 1])));
  } catch {
    return everyModule(`${python} failed: ${run.stderr.trim().split('\n').pop() ?? `exit status ${run.status}`}`);
  }
}

/**
 * Why a program cannot be run, or null when it can.
 * @param {string} path
 */
export function programProblem(path) {
  if (!existsSync(path)) return 'not found';
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return 'not executable';
  }
}

/**
 * @param {Need[]} needs
 * @param {{ python?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Missing[]}
 */
export function findMissing(needs, options = {}) {
  const python = needs.filter((n) => n.kind === 'python');
  const failing = failingPythonModules(python.map((n) => n.name), options);
  /** @type {Missing[]} */
  const missing = [];
  for (const need of needs) {
    const reason = need.kind === 'python' ? failing.get(need.name) : programProblem(need.name);
    if (reason) missing.push({ need, reason });
  }
  return missing;
}

/**
 * The apt-get commands that install what is missing: Python modules in one, programs in another.
 * @param {Missing[]} missing
 */
export function installCommands(missing) {
  const packagesOf = (kind) => [...new Set(missing.filter((m) => m.need.kind === kind).map((m) => m.need.aptPackage))];
  return [packagesOf('python'), packagesOf('program')].filter((p) => p.length > 0).map((p) => `apt-get install -y ${p.join(' ')}`);
}

/**
 * The message for a user of `npm run <command>`.
 * @param {string} command
 * @param {Missing[]} missing
 * @param {string} [python]
 */
export function describeMissing(command, missing, python = PYTHON) {
  const what = missing.map(({ need, reason }) => `  - ${need.kind === 'python' ? `Python module ${need.name} (${python})` : need.name}: ${reason}`);
  const how = installCommands(missing).map((c) => `  ${c}`);
  return [`npm run ${command} needs software this machine lacks:`, ...what, 'Install (as root), then run the command again:', ...how].join('\n');
}

/**
 * Exits with status 1 and says what to install when `command` cannot run here.
 * @param {keyof typeof NEEDS} command
 */
export function exitUnlessInstalled(command) {
  const missing = findMissing(NEEDS[command]);
  if (missing.length === 0) return;
  console.error(describeMissing(command, missing));
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (!Object.hasOwn(NEEDS, command)) {
    console.error(`usage: node scripts/prerequisites.mjs ${Object.keys(NEEDS).join('|')}`);
    process.exit(2);
  }
  exitUnlessInstalled(command);
}
