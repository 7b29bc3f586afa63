#!/usr/bin/env bash
# npm test: typecheck, unit + integration tests (Vitest, with a throwaway slapd, SQLite files and the
# machine's PostgreSQL), production build, end-to-end tests (Playwright + /usr/bin/chromium).
# Stops at the first failing step and prints a summary either way.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

SUMMARY=()
START=$SECONDS

summary() {
  local rc=$?
  echo
  echo "==== npm test summary ($((SECONDS - START)) s) ===="
  for line in "${SUMMARY[@]}"; do echo "  $line"; done
  if [ "$rc" -eq 0 ]; then echo "  ALL PASSED"; else echo "  FAILED (exit $rc)"; fi
}
trap summary EXIT

step() {
  local name=$1; shift
  echo
  echo "==== $name: $* ===="
  local t0=$SECONDS
  if "$@"; then
    SUMMARY+=("ok    $name ($((SECONDS - t0)) s)")
  else
    local rc=$?
    SUMMARY+=("FAIL  $name ($((SECONDS - t0)) s): $*")
    exit "$rc"
  fi
}

step typecheck npx tsc --noEmit
step "unit+integration" npx vitest run
step build npx next build
if [ -f playwright.config.ts ]; then
  step e2e npx playwright test
else
  echo
  echo "==== e2e: SKIPPED: playwright.config.ts does not exist yet ===="
  SUMMARY+=("skip  e2e (no playwright.config.ts)")
fi
