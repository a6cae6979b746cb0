#!/usr/bin/env bash
# npm run test:infra — brings up the real servers (scripts/infra/up), then runs every suite with
# their URLs set and REQUIRE_INFRA=1, so a suite that cannot reach its server fails instead of
# skipping. Includes the distributed end-to-end test (four apps as separate processes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/infra/up
# shellcheck disable=SC1091
set -a; source .infra/env; set +a
export REQUIRE_INFRA=1 RUN_E2E=1
node scripts/build.mjs --quiet
npm test -- "$@"
