/**
 * Writes the golden test's pictures (PNG, as the tests decode them) and label sets to a folder, for
 * scripts/golden/zero_shot_goldens.py: npx tsx scripts/golden/export-pictures.ts <folder>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_LABEL_SETS, GOLDEN_PICTURES, goldenPng } from '../../src/clip/testing/zeroShotGolden';

const folder = process.argv[2];
if (!folder) throw new Error('usage: npx tsx scripts/golden/export-pictures.ts <folder>');
mkdirSync(folder, { recursive: true });
for (const picture of GOLDEN_PICTURES) writeFileSync(join(folder, picture.name), goldenPng(picture));
const spec = { pictures: GOLDEN_PICTURES.map((p) => p.name), labelSets: GOLDEN_LABEL_SETS };
writeFileSync(join(folder, 'spec.json'), JSON.stringify(spec, null, 1));
console.log(`wrote ${GOLDEN_PICTURES.length} pictures and ${GOLDEN_LABEL_SETS.length} label sets to ${folder}`);
