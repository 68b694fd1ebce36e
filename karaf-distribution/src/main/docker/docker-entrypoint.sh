#!/bin/sh
#
# Entrypoint of the Nautilus container: gets etc/ ready for the configuration overlay, then replaces itself
# with Karaf's JVM so that the JVM is PID 1 and receives SIGTERM itself.
#
#   docker-entrypoint.sh [run|server|debug ...]   start Karaf (default: run = foreground, logs on stdout)
#   docker-entrypoint.sh <any other command>      run that command instead (e.g. bin/nautilus-admin ...)
#
# $KARAF_HOME/etc-overlay holds .cfg files that override etc/ (Kubernetes mounts the ConfigMaps there); a second
# FileInstall watcher (etc/org.apache.felix.fileinstall-overlay.cfg) applies them, and their changes, live.
#
# Environment:
#   NAUTILUS_HEAP_OPTS    heap flags; default a quarter of the container memory, because Ignite's off-heap
#                         data region, checkpoint buffer and WAL live outside the heap
#   NAUTILUS_JVM_OPTS     GC and failure flags (default below)
#   EXTRA_JAVA_OPTS       anything else; appended last, after the Ignite flags of bin/setenv
set -eu

KARAF_HOME=${KARAF_HOME:-$(cd "$(dirname "$0")/.." && pwd)}
export KARAF_HOME
OVERLAY=$KARAF_HOME/etc-overlay

case "${1:-run}" in
    run|server|debug|debugs) ;;
    *) exec "$@" ;;
esac
[ $# -gt 0 ] || set -- run

# The overlay's files are copied over etc/ before Karaf starts: etc/ is read early in the boot, before the
# platform's bundles start, while the overlay watcher (a FileInstall factory configuration) only scans once
# the boot features are starting. A bundle with an optional configuration would otherwise start once with the
# image's defaults (the grid bundle would start an Ignite node with the wrong identity). The overlay watcher
# then finds the same content (FileInstall leaves an unchanged configuration alone) and applies later changes.
if [ -d "$OVERLAY" ]; then
    for f in "$OVERLAY"/*.cfg; do
        [ -e "$f" ] || continue
        name=$(basename "$f")
        cat "$f" > "$KARAF_HOME/etc/$name"
        echo "nautilus: etc/$name from $OVERLAY"
    done
fi

NAUTILUS_HEAP_OPTS=${NAUTILUS_HEAP_OPTS:--XX:InitialRAMPercentage=25 -XX:MaxRAMPercentage=25}
NAUTILUS_JVM_OPTS=${NAUTILUS_JVM_OPTS:--XX:+UseG1GC -XX:+DisableExplicitGC -XX:+ExitOnOutOfMemoryError}
# karaf.clean.cache: the OSGi bundle cache is rebuilt from the image's system/ at every start. data/ is a
# persistent volume (Ignite's files live there), and a cache kept on it would keep running the bundles of the
# previous image after an upgrade. Features are the image's boot features; nothing installed by hand survives.
EXTRA_JAVA_OPTS="$NAUTILUS_HEAP_OPTS $NAUTILUS_JVM_OPTS -Dkaraf.clean.cache=true ${EXTRA_JAVA_OPTS:-}"
export EXTRA_JAVA_OPTS

# bin/karaf runs the JVM as a child of its shell unless KARAF_EXEC=exec; a shell as PID 1 would swallow
# SIGTERM and the pod would be SIGKILLed at the end of its grace period, without Ignite leaving the cluster.
# With exec, Karaf's SIGTERM handler stops the framework: the grid bundle stops its Ignite node cleanly.
export KARAF_EXEC=exec
exec "$KARAF_HOME/bin/karaf" "$@"
