#!/usr/bin/env bash
#
# Refreshes the API baseline from the current tree: builds the bundles that export API packages (nautilus-api,
# nautilus-model-weka-lib), keeps of each jar its manifest and its own classes (org/nautilus/**), stores them in
# build/baseline/repository (a Maven repository in the source tree) under a version named after their content, and
# points the parent pom's <nautilus.baseline.version> at it. Commit the result (the repository and pom.xml).
#
# Run it after a release, and after merging branches that changed and versioned API packages: from then on the
# build compares the API with this state. Check first that the tree passes its baseline (a refresh accepts whatever
# the tree holds):
#
#   mvn -B -pl bundles/api,plugins-models/weka-lib -am verify -DskipTests && build/baseline/refresh.sh
#
# The version is the content's hash, never reused: Maven caches a resolved baseline in ~/.m2 for good, so a new
# baseline must have a new version (the old one is deleted from the source tree).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

modules=(bundles/api:nautilus-api plugins-models/weka-lib:nautilus-model-weka-lib)
repo=build/baseline/repository

echo "refresh-baseline: building the API bundles (tests skipped)..."
mvn -B -q -pl bundles/api,plugins-models/weka-lib -am package -DskipTests

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${modules[@]}"; do
    module=${entry%%:*}; artifact=${entry##*:}
    built=$(ls "$module"/target/"$artifact"-*.jar | grep -v -e '-sources.jar$' -e '-tests.jar$' | head -n 1)
    # Only what baselining reads: the manifest (exports and their versions) and our classes. Fixed entry times and
    # order, so the same API gives the same bytes and the same version.
    python3 - "$built" "$work/$artifact.jar" <<'PY'
import sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    names = sorted(n for n in src.namelist()
                   if n == "META-INF/MANIFEST.MF" or (n.startswith("org/nautilus/") and not n.endswith("/")))
    names.remove("META-INF/MANIFEST.MF")
    for name in ["META-INF/MANIFEST.MF"] + names:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(info, src.read(name))
PY
done

version="baseline-$(cat "$work"/*.jar | sha256sum | cut -c1-12)"
rm -rf "$repo"
for entry in "${modules[@]}"; do
    artifact=${entry##*:}
    dir="$repo/org/nautilus/$artifact/$version"
    mkdir -p "$dir"
    cp "$work/$artifact.jar" "$dir/$artifact-$version.jar"
    sha1sum "$dir/$artifact-$version.jar" | cut -d' ' -f1 | tr -d '\n' >"$dir/$artifact-$version.jar.sha1"
done
sed -i "s|<nautilus.baseline.version>[^<]*</nautilus.baseline.version>|<nautilus.baseline.version>$version</nautilus.baseline.version>|" pom.xml
grep -q "<nautilus.baseline.version>$version<" pom.xml

echo "refresh-baseline: baseline $version in $repo; pom.xml points at it. Commit both:"
echo "  git add -A $repo pom.xml && git commit -m 'API baseline refreshed ($version)'"
