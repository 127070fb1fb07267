#!/usr/bin/env bash
# Runs node's built-in test runner over every *.test.ts below the given folders (default: src test).
# Node 20's --test has no glob support, so the files are listed here.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(src test)
mapfile -t files < <(find "${dirs[@]}" -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test files found under ${dirs[*]}" >&2
  exit 1
fi
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
