#!/bin/sh
# Remakes src/clip/testing/zeroShotGolden.json: the pictures come from the TypeScript module the
# tests use; the scores are computed in Python, independently of the project's TypeScript and of
# onnxruntime (see zero_shot_goldens.py). Needs Debian's python3-onnx, python3-numpy, python3-pil.
set -e
cd "$(dirname "$0")/../.."
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
npx tsx scripts/golden/export-pictures.ts "$folder"
/usr/bin/python3 scripts/golden/zero_shot_goldens.py "$folder"
