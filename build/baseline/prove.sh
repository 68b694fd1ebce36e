#!/usr/bin/env bash
#
# Proves that API baselining guards the build, on a copy of the source tree (the tree itself is not touched):
#   1. a method removed from an exported interface without a version bump fails `verify`, and the baseline report
#      names the package and the major version it needs;
#   2. a method added to a provider interface without a bump fails too (a minor bump is needed);
#   3. the same removal with the package's major version bumped passes.
# Exits non-zero when any of the three does not happen. Run from anywhere: build/baseline/prove.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT

echo "prove-baseline: copying the source tree to $copy"
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$copy")

service=bundles/api/src/main/java/org/nautilus/api/metrics/MetricsService.java
info=bundles/api/src/main/java/org/nautilus/api/metrics/package-info.java
report=bundles/api/target/baseline/nautilus-api-0.1.0-SNAPSHOT.txt
old_version=$(sed -n 's/^@Version("\([0-9.]*\)")$/\1/p' "$copy/$info")
major=${old_version%%.*}
[ -n "$old_version" ] || { echo "prove-baseline: no @Version in $info" >&2; exit 2; }
cp "$copy/$service" "$copy/$service.orig"

verify() { # runs the API bundle's verify (tests skipped) in the copy; its log in $copy/verify.log
    (cd "$copy" && mvn -B -pl bundles/api verify -DskipTests >"$copy/verify.log" 2>&1)
}
expect_failure() { # $1: what was changed, $2: the version the report must suggest
    if verify; then
        echo "prove-baseline: FAILED: $1 and the build passed" >&2; exit 1
    fi
    if ! grep -E "^\* +org\.nautilus\.api\.metrics +PACKAGE +(MAJOR|MINOR) +$old_version +$old_version +$2" \
            "$copy/$report"; then
        echo "prove-baseline: FAILED: $1: the build failed, but not on the baseline of org.nautilus.api.metrics" >&2
        tail -n 40 "$copy/verify.log" >&2; exit 1
    fi
    echo "prove-baseline: ok: $1 fails the build"
}

# 1. Removal without a bump.
grep -q '^    String scrape();$' "$copy/$service" || { echo "prove-baseline: $service changed: update this script" >&2; exit 2; }
sed -i '/^    String scrape();$/d' "$copy/$service"
expect_failure "MetricsService.scrape() removed without a version bump" "$((major + 1)).0.0"

# 2. Addition to a @ProviderType interface without a bump.
cp "$copy/$service.orig" "$copy/$service"
sed -i 's/^    String scrape();$/    String scrape();\n\n    String scrapeAgain();/' "$copy/$service"
expect_failure "MetricsService.scrapeAgain() added without a version bump" "$major\.$(( $(echo "$old_version" | cut -d. -f2) + 1 ))\.0"

# 3. Removal with the major bump.
cp "$copy/$service.orig" "$copy/$service"
sed -i '/^    String scrape();$/d' "$copy/$service"
sed -i "s/^@Version(\"$old_version\")$/@Version(\"$((major + 1)).0.0\")/" "$copy/$info"
if ! verify; then
    echo "prove-baseline: FAILED: the removal with @Version $((major + 1)).0.0 did not pass" >&2
    tail -n 40 "$copy/verify.log" >&2; exit 1
fi
echo "prove-baseline: ok: the removal with the package at $((major + 1)).0.0 passes"
echo "prove-baseline: API baselining guards the build"
