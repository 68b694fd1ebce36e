#!/usr/bin/env bash
#
# A new user's first minute: starts a fresh node from the distribution tarball in the foreground on a terminal (as
# ./run.sh does), types `nautilus:status` the moment the Karaf prompt appears, and checks that the command is there
# (its PART/STATE table, not "Command not found"). The console must open only once the platform's commands exist
# (etc/custom.properties: karaf.delay.console=true, boot features installed before the start level completes).
#
#   itests/console-at-boot.sh [TARBALL]      default: karaf-distribution/target/nautilus-distribution-*.tar.gz
#
# Starts Karaf on its default ports: run it under the shared lock on a shared machine,
#   flock /tmp/nautilus-itest.lock itests/console-at-boot.sh
# Prints the console's output and how long the prompt took; exits non-zero when the command was not found, when
# the prompt never came (180 s), or when the command did not answer (60 s).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tarball=${1:-$(ls "$root"/karaf-distribution/target/nautilus-distribution-*.tar.gz 2>/dev/null | head -n 1)}
[ -f "${tarball:-}" ] || { echo "console-at-boot: no distribution tarball (build it: mvn -B package -DskipTests)" >&2; exit 2; }
command -v script >/dev/null || { echo "console-at-boot: needs script(1) (util-linux) for a terminal" >&2; exit 2; }

work=$(mktemp -d)
karaf_pid=""
cleanup() {
    exec 3>&- 2>/dev/null || true
    if [ -n "$karaf_pid" ] && kill -0 "$karaf_pid" 2>/dev/null; then
        kill "$karaf_pid" 2>/dev/null || true
        sleep 2
    fi
    # bin/karaf's JVM, found by this node's own home directory (never by a broad name).
    for pid in $(pgrep -f -- "-Dkaraf.home=$work/" || true); do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

tar xzf "$tarball" -C "$work"
home=$(ls -d "$work"/nautilus-distribution-*)
out="$work/console.out"
mkfifo "$work/keys"
: >"$out"

started=$(date +%s)
# script(1) gives bin/karaf a terminal; what is written to the fifo is typed on it.
TERM=dumb script -q -f -c "$home/bin/karaf" "$out" <"$work/keys" >/dev/null 2>&1 &
karaf_pid=$!
exec 3>"$work/keys"

type_keys() { printf '%s\r' "$1" >&3; }
clean_output() { sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "$out"; }
wait_for() { # $1: extended regex in the console output, $2: seconds
    local deadline=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if grep -Eq -- "$1" <<<"$(clean_output)"; then return 0; fi
        kill -0 "$karaf_pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

if ! wait_for 'karaf@[^>]*>' 180; then
    echo "console-at-boot: FAILED: no prompt within 180 s" >&2; clean_output | tail -n 40 >&2; exit 1
fi
prompt_after=$(( $(date +%s) - started ))
type_keys "nautilus:status"
if ! wait_for 'Command not found|READY|STARTING' 60; then
    echo "console-at-boot: FAILED: nautilus:status did not answer within 60 s" >&2; clean_output | tail -n 40 >&2; exit 1
fi
sleep 1
console=$(clean_output)
grep -E 'Command not found|PART +STATE|READY|STARTING' <<<"$console" | head -n 20 || true
if grep -q 'Command not found' <<<"$console"; then
    echo "console-at-boot: FAILED: the prompt came after ${prompt_after} s, before the platform's commands" >&2
    exit 1
fi
echo "console-at-boot: ok: the prompt came after ${prompt_after} s and nautilus:status answered at once"
type_keys "shutdown -f"
wait "$karaf_pid" 2>/dev/null || true
karaf_pid=""
