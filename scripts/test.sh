#!/usr/bin/env bash
# `npm test`: typecheck, lint, build, then every test layer (docs/architecture.md): domain, stand-in, functions,
# runtime and pages in jest; miniprogram-simulate on the weapp build; Chromium through the H5 build.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "== installing Chromium and CJK fonts from Debian (browser tests and their screenshots need them)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null || exit 1
  else
    echo "Chromium or its CJK fonts are missing: run  sudo apt-get install -y chromium fonts-noto-cjk  and then npm test again" >&2
    exit 1
  fi
fi

set -e
echo "== typecheck" && npm run --silent typecheck
echo "== lint" && npm run --silent lint
echo "== build functions" && npm run --silent build:functions
echo "== build h5" && npm run --silent build:h5 >/tmp/xwg-build-h5.log 2>&1 || { cat /tmp/xwg-build-h5.log; exit 1; }
echo "== build weapp" && npm run --silent build:weapp >/tmp/xwg-build-weapp.log 2>&1 || { cat /tmp/xwg-build-weapp.log; exit 1; }
set +e

results=$(mktemp -d)
status=0
run_jest() {
  local name=$1; shift
  echo "== $name"
  npx jest "$@" --json --outputFile="$results/$name.json" || status=1
}
run_jest unit
run_jest mp -c test/mp/jest.config.js
run_jest e2e -c test/e2e/jest.config.js

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$results"
exit $status
