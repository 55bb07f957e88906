#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every check. Installs npm dependencies,
# starts (and if needed installs) PostgreSQL, Redis and a Kafka broker through the stack script,
# then runs static checks, unit tests and integration tests against the real services.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$1" "$SECONDS"; }

step "dependencies"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "${CI:-}" = "true" ] || [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.lock-hash
fi

step "local stack (Kafka, PostgreSQL, Redis)"
npm run --silent stack -- up

step "contracts: generated code fresh, schemas compatible"
npm run --silent schemas:check
npm run --silent schemas:compat

step "typecheck"
npx tsc -p tsconfig.json

step "lint"
npm run --silent lint

results=$(mktemp -d)
step "unit tests"
npx jest --selectProjects unit --json --outputFile="$results/unit.json" || unit_failed=1

step "integration tests (real Kafka, PostgreSQL, Redis)"
npx jest --selectProjects integration --runInBand --json --outputFile="$results/integration.json" || integration_failed=1

step "summary"
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { failed += 1; console.log(`${f}: no results (the runner crashed)`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests;
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results/unit.json" "$results/integration.json"
echo "total time: ${SECONDS}s"
[ -z "${unit_failed:-}" ] && [ -z "${integration_failed:-}" ]
