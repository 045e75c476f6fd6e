#!/usr/bin/env bash
# The one command that runs every test: starts PostgreSQL and Redis on loopback (deploy/local/services.sh),
# builds the solution (which builds the widget with npm), runs `dotnet test` with TRX results (the browser tests
# drive Debian's /usr/bin/chromium), then the widget's Vitest unit tests, and closes with one line "N passed, N failed"
# (", N skipped" when some were). Exits non-zero when the build or any test failed, or when no test ran.
#
#   deploy/local/test.sh                                  everything
#   deploy/local/test.sh --filter "FullyQualifiedName~Storage"   extra arguments go to dotnet test
#
# When CHATSPHERE_TEST_POSTGRES and CHATSPHERE_TEST_REDIS are both set already, those servers are used and
# nothing is started. Servers this script starts are stopped when it ends; ones already running are left.
# Results: .ci/work/test-results/*.trx (or $CHATSPHERE_TEST_RESULTS).
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

if [ -n "${CHATSPHERE_TEST_POSTGRES:-}" ] && [ -n "${CHATSPHERE_TEST_REDIS:-}" ]; then
    echo "test: using the servers named by CHATSPHERE_TEST_POSTGRES and CHATSPHERE_TEST_REDIS"
else
    bash "$services" status || started_services=1
    exports="$(bash "$services" start)" || { echo "test: could not start PostgreSQL and Redis" >&2; echo "0 passed, 1 failed"; exit 1; }
    eval "$exports"
    export CHATSPHERE_TEST_POSTGRES CHATSPHERE_TEST_REDIS
fi

rm -rf "$results"
mkdir -p "$results"

# Build once with all cores, then run the test assemblies one after another: each starts real silos and
# servers, and two at once on a small machine would only make them slower and their timeouts tighter.
build_status=0
dotnet build ChatSphere.sln -nologo -v:minimal || build_status=$?

test_status=0
if [ "$build_status" -eq 0 ]; then
    dotnet test ChatSphere.sln --no-build -nologo -m:1 --logger "trx" --results-directory "$results" "$@" || test_status=$?
fi

# The widget's unit tests (Vitest, in widget/; the build above installed its packages), counted into the same
# summary through their JUnit report. Skipped when arguments select some .NET tests only.
widget_status=0
widget_junit="$results/widget-vitest.xml"
if [ "$build_status" -eq 0 ] && [ "$#" -eq 0 ]; then
    (cd widget && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$widget_junit") || widget_status=$?
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

if [ -f "$widget_junit" ]; then
    suites="$(grep -o '<testsuites [^>]*>' "$widget_junit" | head -n 1)"
    widget_total=$(count "$suites" tests)
    widget_failed=$(($(count "$suites" failures) + $(count "$suites" errors)))
    widget_skipped=$(count "$suites" skipped)
    passed=$((passed + widget_total - widget_failed - widget_skipped))
    failed=$((failed + widget_failed))
    skipped=$((skipped + widget_skipped))
elif [ "$widget_status" -ne 0 ]; then
    echo "test: the widget's tests did not run (exit $widget_status)" >&2
    failed=$((failed + 1))
fi

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
