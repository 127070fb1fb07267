#!/usr/bin/env bash
# The whole test command: system packages, type check, lint, layering rule, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
echo "== typecheck"; npx tsc -p tsconfig.json
echo "== lint"; npx eslint .
echo "== layers"; npx depcruise src --config .dependency-cruiser.cjs
echo "== tests"; bash scripts/run-node-tests.sh src test
