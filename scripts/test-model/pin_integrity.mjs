// Pins the size and SHA-256 of every file of the bundled model for the catalog, so the app can
// verify downloads. Run after make_test_model.py (npm run model:test does both).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = 'public/models/clip-shapes-tiny';
const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!name.endsWith('training_report.json')) {
      const bytes = readFileSync(path);
      files[relative(root, path)] = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
  }
};
walk(root);
writeFileSync('src/clip/bundledModelIntegrity.json', `${JSON.stringify(files, null, 2)}\n`);
console.log(`pinned ${Object.keys(files).length} files of ${root}`);
