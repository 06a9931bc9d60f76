import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeMissing, failingPythonModules, findMissing, installCommands, NEEDS, programProblem, PYTHON } from './prerequisites.mjs';

// Real probes: Debian's Python imports the modules, the file system answers for programs.
const hasPython = existsSync(PYTHON);

// A folder with a module that is installed but broken (as a torch missing its native library is).
const fake = mkdtempSync(path.join(tmpdir(), 'prerequisites-'));
writeFileSync(path.join(fake, 'broken_for_test.py'), 'raise ImportError("libexample.so: cannot open shared object file")\n');
afterAll(() => rmSync(fake, { recursive: true, force: true }));

describe('failingPythonModules', () => {
  it.skipIf(!hasPython)('reports modules that cannot be imported, with the reason, and only those', () => {
    const failing = failingPythonModules(['json', 'no_such_module_for_this_test', 'broken_for_test'], {
      env: { ...process.env, PYTHONPATH: fake },
    });
    expect([...failing.keys()].sort()).toEqual(['broken_for_test', 'no_such_module_for_this_test']);
    expect(failing.get('no_such_module_for_this_test')).toBe("ModuleNotFoundError: No module named 'no_such_module_for_this_test'");
    expect(failing.get('broken_for_test')).toContain('libexample.so');
  });

  it('reports every module when there is no Python at all', () => {
    const failing = failingPythonModules(['torch', 'onnx'], { python: '/nonexistent/python3' });
    expect(Object.fromEntries(failing)).toEqual({ torch: '/nonexistent/python3 not found', onnx: '/nonexistent/python3 not found' });
  });
});

describe('programProblem', () => {
  it('tells a missing program from a file that cannot be run', () => {
    expect(programProblem(process.execPath)).toBeNull();
    expect(programProblem('/nonexistent/chromium')).toBe('not found');
    expect(programProblem(path.resolve('package.json'))).toBe('not executable');
  });
});

describe('what to install', () => {
  const chromium = { kind: 'program', name: '/nonexistent/chromium', aptPackage: 'chromium' } as const;
  const missingAll = findMissing([...NEEDS['model:test'], chromium], { python: '/nonexistent/python3' });

  it('checks every need and keeps their order', () => {
    expect(missingAll.map((m) => m.need.name)).toEqual(['torch', 'onnx', 'numpy', 'PIL', '/nonexistent/chromium']);
  });

  it('puts Python modules in one apt-get command and programs in another, each package once', () => {
    expect(installCommands(missingAll)).toEqual([
      'apt-get install -y python3-torch python3-onnx python3-numpy python3-pil',
      'apt-get install -y chromium',
    ]);
    const twice = [...missingAll.slice(0, 1), ...missingAll.slice(0, 1)];
    expect(installCommands(twice)).toEqual(['apt-get install -y python3-torch']);
    expect(installCommands(missingAll.slice(-1))).toEqual(['apt-get install -y chromium']);
    expect(installCommands([])).toEqual([]);
  });

  it('names the command, each missing thing and why', () => {
    const message = describeMissing('bench', [missingAll[0]!, missingAll[4]!], '/nonexistent/python3');
    expect(message.split('\n')).toEqual([
      'npm run bench needs software this machine lacks:',
      '  - Python module torch (/nonexistent/python3): /nonexistent/python3 not found',
      '  - /nonexistent/chromium: not found',
      'Install (as root), then run the command again:',
      '  apt-get install -y python3-torch',
      '  apt-get install -y chromium',
    ]);
  });

  it.skipIf(!hasPython)('finds nothing missing for a need this machine has', () => {
    expect(findMissing([{ kind: 'python', name: 'json', aptPackage: 'python3' }, { kind: 'program', name: process.execPath, aptPackage: 'nodejs' }])).toEqual([]);
  });
});
