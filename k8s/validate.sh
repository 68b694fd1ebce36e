#!/bin/sh
#
# validate.sh [--smoke [DISTRIBUTION.tar.gz]]: static checks of the deployment files, no cluster or cloud needed.
#
#   1. kubectl kustomize renders k8s/base, k8s/overlays/dev and k8s/overlays/production
#   2. k8s/check-manifests.py checks each rendered overlay for consistency (python3 + PyYAML)
#   3. terraform fmt -check -recursive terraform/
#   4. terraform validate, when the AWS provider can be installed without the registry: a plugin mirror in
#      $TF_PLUGIN_DIR (default /opt/tf-plugins, if present); otherwise skipped
#   5. sh -n on the container scripts
#   6. --smoke: karaf-distribution/src/main/docker/smoke-test.sh boots the distribution in the container
#      layout (needs an assembled distribution; starts one Karaf JVM for about a minute)
#
# A tool that is not installed is skipped with a message; any check that runs and fails makes the exit
# status 1. Run from anywhere: k8s/validate.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SMOKE=0
TARBALL=""
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) SMOKE=1; shift; if [ $# -gt 0 ]; then TARBALL=$1; shift; fi ;;
        -h|--help) sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "validate.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

FAILED=0
SKIPPED=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; FAILED=$((FAILED + 1)); }
skip() { echo "SKIP  $*"; SKIPPED=$((SKIPPED + 1)); }
have() { command -v "$1" >/dev/null 2>&1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nautilus-validate.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1 + 2: Kubernetes manifests
if have kubectl; then
    for target in base overlays/dev overlays/production; do
        out="$WORK/$(echo "$target" | tr / _).yaml"
        if kubectl kustomize "$ROOT/k8s/$target" > "$out" 2> "$WORK/err"; then
            pass "kubectl kustomize k8s/$target ($(grep -c '^kind:' "$out") objects)"
        else
            fail "kubectl kustomize k8s/$target: $(cat "$WORK/err")"
            rm -f "$out"
        fi
    done
    if have python3 && python3 -c 'import yaml' 2>/dev/null; then
        for overlay in dev production; do
            out="$WORK/overlays_$overlay.yaml"
            [ -f "$out" ] || continue
            if result=$(python3 "$ROOT/k8s/check-manifests.py" --repo "$ROOT" --name "$overlay" "$out" 2>&1); then
                pass "check-manifests: $result"
            else
                fail "check-manifests:"; echo "$result" | sed 's/^/      /'
            fi
        done
    else
        skip "check-manifests.py (needs python3 with PyYAML)"
    fi
else
    skip "kubectl not installed: manifests not rendered"
fi

# 3 + 4: Terraform
if have terraform; then
    if out=$(terraform fmt -check -recursive -diff "$ROOT/terraform" 2>&1); then
        pass "terraform fmt -check -recursive terraform/"
    else
        fail "terraform fmt -check: files need 'terraform fmt -recursive terraform/':"; echo "$out" | sed 's/^/      /'
    fi
    PLUGINS=${TF_PLUGIN_DIR:-/opt/tf-plugins}
    if [ -d "$PLUGINS/registry.terraform.io/hashicorp/aws" ]; then
        # A copy, so no .terraform/ or lock file lands in the source tree.
        mkdir -p "$WORK/tf" && cp "$ROOT"/terraform/*.tf "$WORK/tf/"
        if out=$(cd "$WORK/tf" && TF_IN_AUTOMATION=1 terraform init -backend=false -input=false -plugin-dir="$PLUGINS" 2>&1 \
                 && TF_IN_AUTOMATION=1 terraform validate -no-color 2>&1); then
            pass "terraform validate (AWS provider from $PLUGINS: $(ls "$PLUGINS/registry.terraform.io/hashicorp/aws" | tr '\n' ' '))"
        else
            fail "terraform validate:"; echo "$out" | tail -n 30 | sed 's/^/      /'
        fi
    else
        skip "terraform validate: needs the AWS provider (registry access, or a plugin mirror in TF_PLUGIN_DIR)"
    fi
else
    skip "terraform not installed: fmt and validate not run"
fi

# 5: container scripts
for script in "$ROOT"/karaf-distribution/src/main/docker/*.sh "$ROOT/k8s/validate.sh"; do
    if sh -n "$script" 2>"$WORK/err"; then :; else fail "sh -n $script: $(cat "$WORK/err")"; fi
done
pass "sh -n container scripts and validate.sh"

# 6: container smoke test
if [ "$SMOKE" = 1 ]; then
    if sh "$ROOT/karaf-distribution/src/main/docker/smoke-test.sh" ${TARBALL:+"$TARBALL"}; then
        pass "container smoke test"
    else
        fail "container smoke test"
    fi
else
    skip "container smoke test (run with --smoke; needs an assembled distribution)"
fi

echo "validate.sh: $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
