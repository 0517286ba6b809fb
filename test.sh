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

# Known-vulnerable packages (direct or transitive) fail the run, named. The advisories come from the package source's
# vulnerability database (nuget.org publishes one as the VulnerabilityInfo resource of its service index). A source
# that cannot be reached, or publishes no such database (a mirror or an offline feed), cannot say a package is
# vulnerable, and `dotnet list` then reports "no vulnerable packages" all the same: that is said plainly instead, with
# the packages left unchecked counted, and does not fail the run.
check_vulnerable_packages() {
  local report rc sources with_data=() without_data=() source
  report=$(dotnet list Marketplace.sln package --vulnerable --include-transitive 2>&1) && rc=0 || rc=$?
  if grep -q "has the following vulnerable packages" <<<"$report"; then
    echo "Known-vulnerable packages (dotnet list package --vulnerable --include-transitive):"
    grep -E "has the following vulnerable packages|^ *> " <<<"$report"
    return 1
  fi
  sources=$(sed -n '/The following sources were used:/,/^$/p' <<<"$report" | grep -oE 'https?://[^ ]+' | sort -u)
  for source in $sources; do
    if curl -fsS --max-time 20 "$source" 2>/dev/null | grep -q '"VulnerabilityInfo'; then with_data+=("$source"); else without_data+=("$source"); fi
  done
  if [ "$rc" -ne 0 ] || [ ${#with_data[@]} -eq 0 ]; then
    local count
    count=$(dotnet list Marketplace.sln package --include-transitive 2>/dev/null | grep -E "^ *> " | awk '{print $2}' | sort -u | wc -l)
    echo "WARNING: no package was checked against known vulnerabilities: no package source could be asked for advisories"
    echo "  (unreachable, or no VulnerabilityInfo in its service index: ${without_data[*]:-none listed})."
    echo "  What could be checked here: the solution restores ${count} distinct packages (direct and transitive) from the"
    echo "  local cache; none of them was checked. Run ./test.sh where https://api.nuget.org/v3/index.json is reachable."
    grep -iE "^error|unable to load" <<<"$report" | head -3 | sed 's/^/  /'
    return 0
  fi
  echo "No known-vulnerable package (direct or transitive) according to the vulnerability data of ${with_data[*]}."
  [ ${#without_data[@]} -eq 0 ] || echo "  (${without_data[*]} publishes no vulnerability data and was not consulted.)"
}
check_vulnerable_packages || { echo "test.sh: stopping: upgrade or pin the vulnerable packages named above in Directory.Packages.props."; exit 1; }

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
  if command -v python3 >/dev/null; then
    python3 .ci/failures.py "$trx"
  else
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*' "$trx" | grep -o 'testName="[^"]*"' | sed -e 's/^testName="/  FAILED /' -e 's/"$//'
  fi
done
[ ${#trx_files[@]} -gt 0 ] || echo "no test results were written: the test run did not start, or a test host crashed"
exit $status
