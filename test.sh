#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need that the
# machine lacks (Chromium and a CJK font for the browser tests, the PostgreSQL server binaries for
# the tests that run on both database providers), then builds and tests.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Lucene]
set -euo pipefail
cd "$(dirname "$0")"

need_pkgs=()
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need_pkgs+=(fonts-wqy-microhei)
# pdftoppm turns the PDFs the product issues into PNG pages the tests look at.
command -v pdftoppm >/dev/null 2>&1 || need_pkgs+=(poppler-utils)
# The tests start a throwaway cluster from /usr/lib/postgresql/<version>/bin themselves (no service needed).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkgs+=(postgresql)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "Installing ${need_pkgs[*]} for the browser and database tests …"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends "${need_pkgs[@]}" >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y --no-install-recommends "${need_pkgs[@]}" >/dev/null; }
fi

# Tests write their own scratch data; keep HOME-based caches (Chromium, Data Protection) out of the real home.
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

dotnet build Marketplace.sln -c Release -warnaserror --nologo -v quiet

# Failures and each assembly's summary only (the skipped Elasticsearch copy would otherwise fill the log),
# and a recap from the TRX files at the very end, so the last lines of a CI log say what failed.
results="$(pwd)/TestResults/run-$(date -u +%Y%m%dT%H%M%S)"
status=0
dotnet test Marketplace.sln -c Release --no-build --nologo \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" "$@" || status=$?

echo
echo "== Test recap (exit code $status) =="
set +e +o pipefail
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  name=$(grep -o 'storage="[^"]*"' "$trx" | head -1 | sed -e 's/.*\///' -e 's/"$//')
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9][0-9]*'; }
  total=$(get total); executed=$(get executed)
  echo "${name:-(no test matched)}: $(get passed) passed, $(get failed) failed, $(( ${total:-0} - ${executed:-0} )) not run"
  grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*' "$trx" | grep -o 'testName="[^"]*"' | sed -e 's/^testName="/  FAILED /' -e 's/"$//'
done
[ ${#trx_files[@]} -gt 0 ] || echo "no test results were written: the test run did not start, or a test host crashed"
exit $status
