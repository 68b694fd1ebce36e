#!/bin/sh
#
# smoke-test.sh [DISTRIBUTION.tar.gz]: the container's start-up path without a Docker engine. Unpacks the
# distribution into a temporary directory, lays it out as the Dockerfile does (prepare.sh), mounts a fake
# ConfigMap the way the kubelet does (..data symlink swapped atomically on update), starts Karaf through
# docker-entrypoint.sh as the image would, and checks:
#   1. the entrypoint execs the JVM (the started PID is java: SIGTERM reaches it)
#   2. overlay files are applied, with ${env:...} resolved from the environment (POD_NAME)
#   3. overlay files replace etc/'s copies before the boot (SSH comes up on the overlay's port)
#   4. a ConfigMap update (symlink swap) is applied live
#   5. a runtime edit (config:property-set) of a ConfigMap-managed PID: refused as the image's user (read-only
#      mount, value unchanged); the next ConfigMap update applies
#   6. if the distribution embeds Ignite: the node starts once (the overlay watcher does not restart it),
#      with consistent id nautilus-0 (from ${env:POD_NAME}), alone in its cluster
#   7. the Kubernetes probes pass over HTTPS (the image serves TLS only): GET /health/live 200, then /health/ready 200
#   8. SIGTERM stops Karaf cleanly (exit status 0, the Ignite node's stop logged) well within the pod's grace period
#   9. the image's read-only layout: root owns the distribution, the app user (UID 10001) only data/, etc/ and
#      instances/; run as root, this test starts the JVM as that user (setpriv), so a write anywhere else fails the
#      boot, and it checks that nothing outside those directories (and /tmp) was written
# Ports are chosen free; any grid config in the overlay uses static loopback discovery on its own ports, so
# the test never joins another Ignite cluster on this machine. Default archive: ../../../target/*.tar.gz.
# Needs: java 17, ssh + ssh-keygen (bin/nautilus-admin), python3 (free ports), curl (HTTP probes). KEEP=1 keeps the directory.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DIST_MODULE=$(cd "$HERE/../../.." && pwd)
TARBALL=${1:-}
if [ -z "$TARBALL" ]; then
    TARBALL=$(ls "$DIST_MODULE"/target/nautilus-distribution-*.tar.gz 2>/dev/null | head -n 1 || true)
fi
[ -n "$TARBALL" ] && [ -f "$TARBALL" ] || { echo "smoke-test: no distribution archive (mvn install first, or pass its path)" >&2; exit 2; }
for tool in java ssh ssh-keygen python3 curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "smoke-test: $tool is required" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nautilus-smoke.XXXXXX")
KH="$WORK/opt/nautilus"
KARAF_LOG="$KH/data/log/karaf.log"
PID=""
cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" = 1 ]; then echo "smoke-test: kept $WORK"; else chmod -R u+w "$WORK" && rm -rf "$WORK"; fi
}
trap cleanup EXIT
fail() {
    echo "smoke-test: FAIL: $*" >&2
    echo "--- last lines of the container output ---" >&2
    tail -n 40 "$WORK/stdout.log" >&2 2>/dev/null || true
    echo "--- last lines of data/log/karaf.log ---" >&2
    tail -n 40 "$KARAF_LOG" >&2 2>/dev/null || true
    exit 1
}
ok() { echo "smoke-test: ok: $*"; }

free_ports() {
    python3 -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}
set -- $(free_ports 6)
SSH_PORT=$1; RMI_REGISTRY=$2; RMI_SERVER=$3; DISCOVERY=$4; COMMUNICATION=$5; HTTP_PORT=$6

echo "smoke-test: unpacking $(basename "$TARBALL") into $KH"
mkdir -p "$KH"
tar -xzf "$TARBALL" -C "$KH" --strip-components=1
sh "$HERE/prepare.sh" "$KH"
[ -x "$KH/bin/nautilus-admin" ] || cp "$DIST_MODULE/src/main/resources/bin/nautilus-admin" "$KH/bin/"

# --- the image's ownership (Dockerfile) and, as root, the image's user: like readOnlyRootFilesystem in k8s/
RUN_AS=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    chown -R 0:0 "$KH"
    chown -R 10001:10001 "$KH/data" "$KH/etc" "$KH/instances"
    chmod 755 "$WORK" "$WORK/opt"
    RUN_AS="setpriv --reuid=10001 --regid=10001 --clear-groups --"
    echo "smoke-test: the JVM runs as UID 10001, which may write only data/, etc/, instances/ (and /tmp)"
fi

# --- a ConfigMap volume as the kubelet writes it: <ts>/files, ..data -> <ts>, file -> ..data/file
OVERLAY="$KH/etc-overlay"
configmap_version() { # $1 = version directory name, $2 = limit value
    dir="$OVERLAY/$1"
    mkdir -p "$dir"
    printf 'pod.name = ${env:POD_NAME}\nlimit = %s\n' "$2" > "$dir/nautilus.smoke.cfg"
    sed -e "s/^sshPort *=.*/sshPort = $SSH_PORT/" -e "s/^sshHost *=.*/sshHost = 127.0.0.1/" \
        "$WORK/shell.cfg.orig" > "$dir/org.apache.karaf.shell.cfg"
    sed -e "s/^rmiRegistryPort *=.*/rmiRegistryPort = $RMI_REGISTRY/" -e "s/^rmiServerPort *=.*/rmiServerPort = $RMI_SERVER/" \
        "$WORK/management.cfg.orig" > "$dir/org.apache.karaf.management.cfg"
    cat > "$dir/nautilus.grid.cfg" <<EOF
consistent.id = \${env:POD_NAME}
local.address = 127.0.0.1
discovery.mode = static
discovery.addresses = 127.0.0.1:$DISCOVERY
discovery.port = $DISCOVERY
discovery.port.range = 0
communication.port = $COMMUNICATION
wal.segment.size.mb = 16
EOF
    chmod -R a-w "$dir"
}
cp "$KH/etc/org.apache.karaf.shell.cfg" "$WORK/shell.cfg.orig"
cp "$KH/etc/org.apache.karaf.management.cfg" "$WORK/management.cfg.orig"
# The HTTP port is set in the image's own etc/ copy, not through the overlay: bin/setenv writes the self-signed
# keystore's password into etc/org.ops4j.pax.web.cfg at first start, and an overlay copy would put the placeholder
# back (k8s/ does not overlay this file either).
sed -i -e "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $HTTP_PORT/" \
    -e "s/^org.osgi.service.http.port.secure *=.*/org.osgi.service.http.port.secure = $HTTP_PORT/" \
    "$KH/etc/org.ops4j.pax.web.cfg"
configmap_version ..2026_01_01_00_00_00.1 1
ln -s ..2026_01_01_00_00_00.1 "$OVERLAY/..data"
for f in nautilus.smoke.cfg org.apache.karaf.shell.cfg org.apache.karaf.management.cfg nautilus.grid.cfg; do
    ln -s "..data/$f" "$OVERLAY/$f"
done

# --- start as the image does (ENTRYPOINT docker-entrypoint.sh, CMD run), with the pod's environment
touch "$WORK/started"
echo "smoke-test: starting Karaf (ssh $SSH_PORT, http $HTTP_PORT, Ignite discovery $DISCOVERY / communication $COMMUNICATION)"
(
    cd "$KH"
    POD_NAME=nautilus-0 \
    NAUTILUS_HEAP_OPTS="-Xms256m -Xmx512m" \
    EXTRA_JAVA_OPTS="-Dfelix.fileinstall.enableConfigSave=false" \
    exec $RUN_AS "$KH/bin/docker-entrypoint.sh" run
) > "$WORK/stdout.log" 2>&1 &
PID=$!

# The entrypoint and bin/karaf are shell scripts that exec the JVM in the end: wait for that (seconds on a loaded
# machine), then the started PID must be java itself.
i=0
while kill -0 "$PID" 2>/dev/null && ! readlink "/proc/$PID/exe" 2>/dev/null | grep -q java && [ "$i" -lt 60 ]; do
    sleep 1; i=$((i + 1))
done
kill -0 "$PID" 2>/dev/null || fail "the container process exited at once"
case "$(readlink "/proc/$PID/exe" 2>/dev/null || ps -o comm= -p "$PID")" in
    *java*) ok "PID $PID is the JVM itself (entrypoint and bin/karaf exec'd): SIGTERM goes to Karaf" ;;
    *) fail "PID $PID is $(ps -o args= -p "$PID"), not java after 60 s: the shell would swallow SIGTERM" ;;
esac

admin() { "$KH/bin/nautilus-admin" --port "$SSH_PORT" "$@"; }
admin --wait 120 "shell:echo up" >/dev/null 2>&1 \
    || fail "no Karaf shell on the overlay's sshPort $SSH_PORT after 120 s"
cmp -s "$KH/etc/org.apache.karaf.shell.cfg" "$OVERLAY/org.apache.karaf.shell.cfg" \
    || fail "etc/org.apache.karaf.shell.cfg is not the overlay's copy"
ok "etc/org.apache.karaf.shell.cfg replaced by the overlay's copy before the boot: SSH listens on $SSH_PORT"

# Reads with config:list: config:property-get --pid (Karaf 4.4.10) writes the configuration back as it reads.
property() { # $1 pid, $2 key
    admin "config:list \"(service.pid=$1)\"" 2>/dev/null | sed -n "s/^ *$2 = //p" | tr -d '\r'
}
wait_property() { # $1 pid, $2 key, $3 expected value, $4 seconds
    i=0
    while [ "$i" -lt "$4" ]; do
        [ "$(property "$1" "$2")" = "$3" ] && return 0
        sleep 1; i=$((i + 1))
    done
    return 1
}
wait_property nautilus.smoke pod.name nautilus-0 30 \
    || fail "nautilus.smoke pod.name is '$(property nautilus.smoke pod.name)', expected nautilus-0"
ok "overlay configuration applied, \${env:POD_NAME} resolved to nautilus-0"
wait_property nautilus.smoke limit 1 10 || fail "nautilus.smoke limit is not 1"

# --- a ConfigMap update, as the kubelet does it: new version directory, ..data swapped atomically
configmap_version ..2026_01_01_00_01_00.2 2
ln -s ..2026_01_01_00_01_00.2 "$OVERLAY/..data_tmp"
mv -T "$OVERLAY/..data_tmp" "$OVERLAY/..data"
chmod u+w "$OVERLAY/..2026_01_01_00_00_00.1" && rm -rf "$OVERLAY/..2026_01_01_00_00_00.1"
wait_property nautilus.smoke limit 2 20 || fail "the ConfigMap update (limit = 2) was not applied within 20 s"
ok "ConfigMap update applied live (limit 1 -> 2, no restart)"

# --- a runtime edit of a ConfigMap-managed configuration: Karaf writes it back to its file, the mounted ConfigMap.
# As the image's user that file is read-only (as in Kubernetes): the edit is refused and changes nothing. As root
# (no setpriv) the write goes through and lasts until the next ConfigMap update. Either way the ConfigMap wins.
if [ -n "$RUN_AS" ]; then
    if admin "config:property-set --pid nautilus.smoke limit 3" >/dev/null 2>&1; then
        fail "config:property-set of a ConfigMap-managed configuration succeeded on a read-only mount"
    fi
    sleep 2
    [ "$(property nautilus.smoke limit)" = 2 ] || fail "a refused config:property-set changed the value"
    ok "runtime edit of a ConfigMap-managed configuration refused (read-only mount), value unchanged"
else
    admin "config:property-set --pid nautilus.smoke limit 3" >/dev/null || fail "config:property-set failed"
    wait_property nautilus.smoke limit 3 10 || fail "config:property-set did not apply"
fi
configmap_version ..2026_01_01_00_02_00.3 4
ln -s ..2026_01_01_00_02_00.3 "$OVERLAY/..data_tmp"
mv -T "$OVERLAY/..data_tmp" "$OVERLAY/..data"
wait_property nautilus.smoke limit 4 20 || fail "the ConfigMap update (limit = 4) after a runtime edit was not applied"
ok "the next ConfigMap update (limit 4) applies after a runtime edit"

# --- the embedded Ignite node, if this distribution has one
GRID_JAR=$(ls "$KH"/system/org/nautilus/nautilus-grid/*/nautilus-grid-*.jar 2>/dev/null | head -n 1 || true)
HAS_IGNITE=0
if [ -n "$GRID_JAR" ] && python3 -c 'import sys, zipfile; sys.exit(0 if any("ignite-core" in n for n in zipfile.ZipFile(sys.argv[1]).namelist()) else 1)' "$GRID_JAR"; then
    HAS_IGNITE=1
    # The grid bundle logs Ignite through Pax Logging (data/log/karaf.log), not to the console: its own line
    # "Ignite node 'NAME' started in N ms" marks a start; the cluster view gives the consistent id and the size.
    i=0
    until grep -q "Ignite node '.*' started in" "$KARAF_LOG" 2>/dev/null; do
        [ "$i" -lt 180 ] || fail "the grid bundle embeds Ignite but no Ignite node started within 180 s"
        sleep 1; i=$((i + 1))
    done
    sleep 5
    starts=$(grep -c "Ignite node '.*' started in" "$KARAF_LOG" || true)
    [ "$starts" -eq 1 ] || fail "the Ignite node started $starts times (a configuration arriving late restarts it)"
    cluster=$(admin nautilus:cluster 2>/dev/null || true)
    echo "$cluster" | grep -q "1 node(s) online" || fail "the test node is not alone in its cluster: $cluster"
    echo "$cluster" | grep -qw "nautilus-0" \
        || fail "Ignite consistent id is not nautilus-0 (from \${env:POD_NAME}): $cluster"
    ok "Ignite node started once, consistentId=nautilus-0, alone on its own ports"
else
    echo "smoke-test: skip: this distribution's grid bundle does not embed Ignite"
fi

# --- the Kubernetes probes (k8s/base/statefulset.yaml): HTTP GETs on this test's HTTP port
# The image serves HTTPS only (a self-signed certificate made at first start), as the probes' scheme says.
probe() { curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "https://127.0.0.1:$HTTP_PORT$1" 2>/dev/null || true; }
i=0
until [ "$(probe /health/live)" = 200 ]; do
    [ "$i" -lt 120 ] || fail "liveness: GET /health/live on $HTTP_PORT answered '$(probe /health/live)' for 120 s"
    sleep 1; i=$((i + 1))
done
ok "liveness/startup probe GET /health/live answers 200 over HTTPS on port $HTTP_PORT"
i=0
until [ "$(probe /health/ready)" = 200 ]; do
    [ "$i" -lt 180 ] || fail "readiness: /health/ready not 200 after 180 s: $(curl -sk "https://127.0.0.1:$HTTP_PORT/health")"
    sleep 2; i=$((i + 2))
done
ok "readiness probe GET /health/ready answers 200 after ~${i} s"

# --- SIGTERM, as docker stop / the kubelet send it
start=$(date +%s)
kill -TERM "$PID"
status=0
i=0
while kill -0 "$PID" 2>/dev/null; do
    [ "$i" -lt 120 ] || fail "Karaf still running 120 s after SIGTERM"
    sleep 1; i=$((i + 1))
done
wait "$PID" || status=$?
PID=""
[ "$status" -eq 0 ] || fail "exit status $status after SIGTERM (expected 0, a clean stop)"
if [ "$HAS_IGNITE" = 1 ]; then
    grep -q "Ignite node '.*' stopped in" "$KARAF_LOG" || fail "the Ignite node did not report its stop after SIGTERM"
fi
ok "SIGTERM: Karaf stopped cleanly in $(( $(date +%s) - start )) s, exit status 0"
written=$(find "$KH" -newer "$WORK/started" ! -type d ! -path "$KH/data/*" ! -path "$KH/etc/*" \
          ! -path "$KH/instances/*" ! -path "$KH/etc-overlay/*" | head -n 5)
[ -z "$written" ] || fail "files written outside data/, etc/, instances/ (read-only in k8s): $written"
ok "nothing written outside data/, etc/ and instances/: the read-only root filesystem of k8s/ holds"
echo "smoke-test: PASS"
