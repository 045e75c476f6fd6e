#!/usr/bin/env bash
# The one command that runs every test, on a fresh machine too:
#   1. installs what is missing: as root, PostgreSQL 15, Redis, Chromium, libgomp1 and Prometheus (for promtool) with
#      apt-get; otherwise it says exactly what to install and stops. Then the npm packages (`npm ci`) of widget/,
#      tests/openapi-lint/ (Spectral, for the OpenAPI lint test), deploy/validate/ (the deployment files' validators)
#      and, when it exists, frontend/.
#   2. starts PostgreSQL and Redis on loopback (deploy/local/services.sh),
#   3. builds the solution (which builds the widget), runs `dotnet test` with TRX results (the browser tests drive
#      Debian's /usr/bin/chromium),
#   4. runs the Vitest tests of widget/, frontend/ and deploy/validate/ (JUnit reports), the failure drill of the
#      cluster shape (bench `failures`, docs/reliability.md) and deploy/local/security-scan.sh when it exists (a failed
#      scan counts as one failed test),
# and closes with one line "N passed, N failed" (", N skipped" when some were), always the last line printed. Exits
# non-zero when anything failed, or when no test ran.
#
#   deploy/local/test.sh                                  everything
#   deploy/local/test.sh --filter "FullyQualifiedName~Storage"   extra arguments go to dotnet test (and skip the npm
#                                                                tests and the scan)
#
# When CHATSPHERE_TEST_POSTGRES and CHATSPHERE_TEST_REDIS are both set already, those servers are used and
# nothing is started (nor installed). Servers this script starts are stopped when it ends; ones already running are left.
# Results: .ci/work/test-results/*.trx and *-vitest.xml (or $CHATSPHERE_TEST_RESULTS).
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
services="$repo_root/deploy/local/services.sh"
results="${CHATSPHERE_TEST_RESULTS:-$repo_root/.ci/work/test-results}"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

started_services=0
stop_services() {
    if [ "$started_services" -eq 1 ]; then
        bash "$services" stop || true
    fi
}
trap stop_services EXIT

# ---- 1. what the tests need -------------------------------------------------------------------------------------
# Stops before any test with the closing line, so that CI still reads a count.
give_up() {
    echo "test: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

use_running_servers=0
if [ -n "${CHATSPHERE_TEST_POSTGRES:-}" ] && [ -n "${CHATSPHERE_TEST_REDIS:-}" ]; then
    use_running_servers=1
fi

missing=()
if [ "$use_running_servers" -eq 0 ]; then
    [ -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ] || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fi
# The vector index's native library needs OpenMP.
has_libgomp() {
    local lib
    for lib in /usr/lib/*/libgomp.so.1 /lib/*/libgomp.so.1 /usr/lib/libgomp.so.1; do
        [ -e "$lib" ] && return 0
    done
    /sbin/ldconfig -p 2>/dev/null | grep -q 'libgomp\.so\.1'
}
has_libgomp || missing+=(libgomp1)
# The browser tests drive Debian's Chromium (no browser is ever downloaded).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The deployment checks (deploy/validate) run Prometheus' promtool on the alert rules and scrape configuration.
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        give_up "missing ${missing[*]}; install them first (Debian 12, as root): apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    echo "test: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
        || give_up "apt-get could not install ${missing[*]}"
fi

command -v dotnet >/dev/null 2>&1 \
    || give_up "the .NET SDK is missing: install the version global.json names (https://dotnet.microsoft.com/download)"
command -v npm >/dev/null 2>&1 \
    || give_up "npm is missing: install Node.js 20 or later with npm (https://nodejs.org/en/download)"

# The npm projects' locked packages, installed when absent or older than the lock file: the widget, Spectral for the
# OpenAPI lint test (tests/openapi-lint), the deployment files' validators (deploy/validate), and the dashboard.
npm_projects=(widget tests/openapi-lint deploy/validate)
[ -f frontend/package.json ] && npm_projects+=(frontend)
for project in "${npm_projects[@]}"; do
    installed="$project/node_modules/.package-lock.json"
    if [ ! -f "$installed" ] || [ "$project/package-lock.json" -nt "$installed" ]; then
        if [ -f "$project/package-lock.json" ]; then
            echo "test: npm ci in $project/"
            (cd "$project" && npm ci --no-audit --no-fund) || give_up "npm ci failed in $project/"
        else
            echo "test: npm install in $project/ (it has no package-lock.json)"
            (cd "$project" && npm install --no-audit --no-fund) || give_up "npm install failed in $project/"
        fi
    fi
done

# ---- 2. servers ---------------------------------------------------------------------------------------------------
if [ "$use_running_servers" -eq 1 ]; then
    echo "test: using the servers named by CHATSPHERE_TEST_POSTGRES and CHATSPHERE_TEST_REDIS"
else
    bash "$services" status || started_services=1
    exports="$(bash "$services" start)" || { echo "test: could not start PostgreSQL and Redis" >&2; echo "0 passed, 1 failed"; exit 1; }
    eval "$exports"
    export CHATSPHERE_TEST_POSTGRES CHATSPHERE_TEST_REDIS
fi

rm -rf "$results"
mkdir -p "$results"

# ---- 3. build and .NET tests ----------------------------------------------------------------------------------------

# Build once with all cores, then run the test assemblies one after another: each starts real silos and
# servers, and two at once on a small machine would only make them slower and their timeouts tighter.
build_status=0
dotnet build ChatSphere.sln -nologo -v:minimal || build_status=$?

test_status=0
if [ "$build_status" -eq 0 ]; then
    dotnet test ChatSphere.sln --no-build -nologo -m:1 --logger "trx" --results-directory "$results" "$@" || test_status=$?
fi

# ---- 4. the npm projects' unit tests and the security scan -----------------------------------------------------------
# Vitest in widget/, deploy/validate/ and (when it exists) frontend/, each counted into the same summary through its
# JUnit report. Skipped when arguments select some .NET tests only.
vitest_projects=(widget deploy/validate)
[ -f frontend/package.json ] && vitest_projects+=(frontend)
# Every JUnit report to count: its exit status and file, by name.
declare -A report_status=() report_file=()
if [ "$build_status" -eq 0 ] && [ "$#" -eq 0 ]; then
    for project in "${vitest_projects[@]}"; do
        report_status[$project]=0
        report_file[$project]="$results/${project//\//-}-vitest.xml"
        (cd "$project" && npx vitest run --reporter=default --reporter=junit --outputFile.junit="${report_file[$project]}") \
            || report_status[$project]=$?
    done
fi

# The failure drill of the cluster shape (bench `failures`; docs/reliability.md) on the build above: PostgreSQL,
# Redis, 3 silos and 2 API nodes as processes, with visitors chatting through every fault. One test per fault and
# one for the transcripts.
if [ "$build_status" -eq 0 ] && [ "$#" -eq 0 ]; then
    report_status[failure-drill]=0
    report_file[failure-drill]="$results/failure-drill.xml"
    dotnet bench/ChatSphere.Bench/bin/Debug/net10.0/ChatSphere.Bench.dll failures --configuration Debug --no-build \
        --junit "${report_file[failure-drill]}" --report "$results/reliability.md" || report_status[failure-drill]=$?
fi

# The security scan (deploy/local/security-scan.sh, when present): a failure counts as one failed test.
scan_failed=0
if [ "$#" -eq 0 ] && [ -f deploy/local/security-scan.sh ]; then
    bash deploy/local/security-scan.sh || { echo "test: deploy/local/security-scan.sh failed (exit $?)" >&2; scan_failed=1; }
fi

# One attribute of a TRX file's <Counters .../> element (0 when absent).
count() { echo "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    passed=$((passed + $(count "$counters" passed)))
    failed=$((failed + $(count "$counters" failed) + $(count "$counters" error) + $(count "$counters" timeout) + $(count "$counters" aborted)))
    skipped=$((skipped + $(count "$counters" notExecuted)))
done

for project in "${!report_status[@]}"; do
    junit="${report_file[$project]}"
    if [ -f "$junit" ]; then
        suites="$(grep -o '<testsuites [^>]*>' "$junit" | head -n 1)"
        total=$(count "$suites" tests)
        project_failed=$(($(count "$suites" failures) + $(count "$suites" errors)))
        project_skipped=$(count "$suites" skipped)
        passed=$((passed + total - project_failed - project_skipped))
        failed=$((failed + project_failed))
        skipped=$((skipped + project_skipped))
        if [ "${report_status[$project]}" -ne 0 ] && [ "$project_failed" -eq 0 ]; then
            echo "test: $project exited with ${report_status[$project]} without a failed test" >&2
            failed=$((failed + 1))
        fi
    elif [ "${report_status[$project]}" -ne 0 ]; then
        echo "test: $project's tests did not run (exit ${report_status[$project]})" >&2
        failed=$((failed + 1))
    fi
done
failed=$((failed + scan_failed))

if [ "$build_status" -ne 0 ]; then
    echo "test: the build failed (exit $build_status)" >&2
    failed=$((failed + 1))
elif [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # dotnet test failed without a failed test in the results: a crashed or aborted test host.
    echo "test: dotnet test exited with $test_status" >&2
    failed=$((failed + 1))
fi

if [ "$files" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then
    echo "test: no test ran" >&2
    failed=$((failed + 1))
fi

# Stop the servers now, so that the summary is the last line printed.
stop_services
started_services=0

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
    summary="$summary, $skipped skipped"
fi
echo "$summary"
[ "$failed" -eq 0 ]
