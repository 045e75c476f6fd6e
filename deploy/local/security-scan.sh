#!/usr/bin/env bash
# Known-vulnerable packages: the .NET solution (direct and transitive NuGet packages) and the npm projects
# (widget/, and frontend/ when it exists). Prints what it finds; exits 1 when any package has a high or
# critical advisory, 0 otherwise. When a registry serves no vulnerability data (a mirror without the NuGet
# VulnerabilityInfo resource, an npm registry without the audit endpoint) that check cannot run: the script
# says so plainly as a WARNING and does not fail on it.
#
#   bash deploy/local/security-scan.sh
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

failed=0
warnings=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

warn() { echo "security-scan: WARNING: $*" >&2; warnings=$((warnings + 1)); }

# --- NuGet --------------------------------------------------------------------------------------------
# dotnet reports "no vulnerable packages" when no source serves vulnerability data at all, so first check
# that at least one enabled source's service index has a VulnerabilityInfo resource.
nuget_data=0
while read -r source; do
    if curl -fsS --max-time 20 "$source" 2>/dev/null | grep -q '"VulnerabilityInfo'; then
        nuget_data=1
    fi
done < <(dotnet nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ && $2 ~ /^https?:/ {print $2}')

echo "security-scan: dotnet list ChatSphere.sln package --vulnerable --include-transitive"
if ! dotnet list ChatSphere.sln package --vulnerable --include-transitive >"$work/nuget.txt" 2>&1; then
    cat "$work/nuget.txt"
    warn "dotnet list package --vulnerable failed (see above); the NuGet check did not run"
elif [ "$nuget_data" -eq 0 ]; then
    grep -E 'vulnerable|^\s*>' "$work/nuget.txt" || true
    warn "no NuGet source here serves vulnerability data (no VulnerabilityInfo resource in its service index):" \
         "'no vulnerable packages' above means nothing; the NuGet check could not run"
else
    grep -E 'vulnerable|^\s*>|Severity' "$work/nuget.txt" || true
    if grep -E '^\s*>' "$work/nuget.txt" | grep -Eq '\b(High|Critical)\b'; then
        echo "security-scan: FAIL: NuGet packages with high or critical advisories (above)"
        failed=1
    else
        echo "security-scan: NuGet: no high or critical advisories"
    fi
fi

# --- npm ----------------------------------------------------------------------------------------------
for project in widget frontend; do
    [ -f "$project/package-lock.json" ] || { [ "$project" = frontend ] && continue; warn "$project/package-lock.json is missing"; continue; }
    echo "security-scan: npm audit --audit-level=high ($project/)"
    (cd "$project" && npm audit --json >"$work/npm-$project.json" 2>"$work/npm-$project.err")
    # npm audit exits non-zero both for findings and for a registry without the audit endpoint: read the report.
    verdict="$(node -e '
        const fs = require("fs");
        let report;
        try { report = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { console.log("nodata"); process.exit(0); }
        if (report.error || !report.metadata || !report.metadata.vulnerabilities) { console.log("nodata"); process.exit(0); }
        const v = report.metadata.vulnerabilities;
        for (const [name, entry] of Object.entries(report.vulnerabilities || {})) {
            console.error(`  ${entry.severity.padEnd(8)} ${name} ${entry.range || ""}`);
        }
        console.error(`  totals: critical ${v.critical || 0}, high ${v.high || 0}, moderate ${v.moderate || 0}, low ${v.low || 0}`);
        console.log((v.high || 0) + (v.critical || 0) > 0 ? "fail" : "ok");
    ' "$work/npm-$project.json")"
    case "$verdict" in
        fail) echo "security-scan: FAIL: $project/ has npm packages with high or critical advisories (above)"; failed=1 ;;
        ok) echo "security-scan: npm ($project/): no high or critical advisories" ;;
        *) sed -n '1,5p' "$work/npm-$project.err" >&2
           warn "the npm registry here serves no audit data for $project/ (the audit endpoint answered with an error); the npm check could not run" ;;
    esac
done

if [ "$failed" -ne 0 ]; then
    echo "security-scan: failed: high or critical advisories found"
    exit 1
fi
echo "security-scan: passed ($warnings warning(s))"
exit 0
