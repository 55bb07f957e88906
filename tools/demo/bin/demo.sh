#!/usr/bin/env bash
# `npm run demo`: installs what is missing, then runs the example pipeline end to end.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# Dependencies: installed when absent or older than the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
fi
export SWC_NODE_PROJECT="$PWD/tsconfig.json"
exec node -r @swc-node/register tools/demo/src/main.ts "$@"
