#!/bin/sh
#
# prepare.sh KARAF_HOME: turns an unpacked Nautilus distribution into the container layout. Run by the
# Dockerfile at build time, and by k8s/validate.sh on an unpacked distribution (no Docker engine there), so
# both see the same tree.
#
#  - etc-overlay/ (ConfigMap mount point) and its FileInstall watcher in etc/
#  - bin/docker-entrypoint.sh
#  - console log lines without ANSI colours (container logs are read by log collectors, not terminals)
#  - Karaf's pid file and instance lock in data/ instead of the Karaf home (read-only in Kubernetes)
#  - nothing writable beyond what the app writes (data/, etc/, instances/): the Dockerfile gives those to the app user
set -eu
HOME_DIR=${1:?usage: prepare.sh KARAF_HOME}
HERE=$(cd "$(dirname "$0")" && pwd)

[ -x "$HOME_DIR/bin/karaf" ] || { echo "prepare.sh: $HOME_DIR/bin/karaf not found: not a Karaf distribution" >&2; exit 1; }

mkdir -p "$HOME_DIR/etc-overlay" "$HOME_DIR/deploy" "$HOME_DIR/data" "$HOME_DIR/instances"
cp "$HERE/etc/org.apache.felix.fileinstall-overlay.cfg" "$HOME_DIR/etc/"
cp "$HERE/docker-entrypoint.sh" "$HOME_DIR/bin/docker-entrypoint.sh"
chmod 0755 "$HOME_DIR/bin/docker-entrypoint.sh"

LOGCFG="$HOME_DIR/etc/org.ops4j.pax.logging.cfg"
grep -q '^log4j2.outpattern *=' "$LOGCFG" || { echo "prepare.sh: log4j2.outpattern not in $LOGCFG" >&2; exit 1; }
sed -i 's/^log4j2\.outpattern *=.*/log4j2.outpattern = %d{ISO8601} %-5level [%t] %c{1} - %msg%n%throwable/' "$LOGCFG"

# Karaf writes its pid file and its instance lock into the Karaf home by default; the home is read-only in k8s/.
CONFIG="$HOME_DIR/etc/config.properties"
grep -q '^karaf.pid.file *=' "$CONFIG" || { echo "prepare.sh: karaf.pid.file not in $CONFIG" >&2; exit 1; }
sed -i 's|^karaf\.pid\.file *=.*|karaf.pid.file=${karaf.data}/karaf.pid|' "$CONFIG"
grep -q '^karaf.lock.dir' "$HOME_DIR/etc/system.properties" \
    || printf '\n# Container layout (prepare.sh): the instance lock on the data volume, not in the read-only home.\nkaraf.lock.dir = ${karaf.data}\n' \
        >> "$HOME_DIR/etc/system.properties"

chmod -R go-w "$HOME_DIR"
