#!/usr/bin/env bash
#
# benchmarks/run.sh NAME [ARGS...] - the one entry point for Nautilus benchmarks.
# Each benchmark prints its details and ends with one line 'NAME: VALUE UNIT'.
#
#   startup    cold start of the assembled distribution to READY (nautilus:status), seconds
#   pipeline   submit -> risk (all rules) -> route -> match -> fill -> position, in process, orders/s
#   matching   the matching engine alone, side by side with exchange-core 0.5.3 (JMH), orders/s
#   marketdata ticks from a route through the gateway into bars and marks, ticks/s
#   durable    acknowledged durable orders: journal + Ignite written behind vs one fsync per order vs Ignite
#              transactions vs persistence off vs no store, orders/s (asynchronous clients; see DurableMain)
#   failover   three Karaf nodes on loopback, the OMS node killed mid-burst: seconds until orders are
#              acknowledged again (--hung: the node frozen with kill -STOP instead: failure detection)
#   features   the 158 Alpha158 factors on generated bars: batch ns per value over a universe (default
#              800 instruments x 3,528 days), streaming us per new bar for one instrument
#   metrics    one Prometheus scrape with every series present (JVM, orders fed 100k events, 200 instruments,
#              20 subscribers, 20 routes, store, cluster), ms per scrape (median)
#   list       the benchmark names
#
# Benchmarks build what they need (mvn package -DskipTests -pl MODULE -am, nothing installed) when it is
# missing; after changing the code, rebuild it the same way (a present benchmarks.jar is used as it is). Results and the
# machine they were measured on are recorded in benchmarks/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NAME=${1:-}
usage() { awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "$0"; }
[ -n "$NAME" ] || { usage; exit 2; }
shift

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
DIST="$ROOT/karaf-distribution/target/nautilus-distribution-$VERSION.tar.gz"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"

build() { # build [MODULE]: the reactor up to MODULE, tests skipped; packaged in place, nothing installed in ~/.m2
    # (several worktrees share ~/.m2: an install would replace the others' snapshots with this tree's)
    echo "building $1 (mvn package -DskipTests -pl $1 -am)..." >&2
    (cd "$ROOT" && mvn -B -q package -DskipTests -pl "$1" -am)
}

# Cold start: a fresh unpacked distribution (empty data/), bin/start, poll nautilus:status until READY.
startup() {
    [ -f "$DIST" ] || build karaf-distribution
    local home port=8301 t0 t1 size
    home=$(mktemp -d /tmp/nautilus-startup.XXXXXX)
    trap 'cd /; [ -x "$home/nautilus/bin/stop" ] && "$home/nautilus/bin/stop" >/dev/null 2>&1; sleep 2; pkill -f "$home" 2>/dev/null; rm -rf "$home"' RETURN
    mkdir -p "$home/nautilus"
    tar -xzf "$DIST" -C "$home/nautilus" --strip-components=1
    # Own ports, so a node already running here neither answers nor joins the measured one.
    sed -i "s/^sshPort *=.*/sshPort = $port/" "$home/nautilus/etc/org.apache.karaf.shell.cfg"
    printf '\nlocal.address = 127.0.0.1\ndiscovery.port = 49500\ndiscovery.addresses = 127.0.0.1:49500..49509\ncommunication.port = 49100\n' \
        >> "$home/nautilus/etc/nautilus.grid.cfg"
    size=$(du -sh "$DIST" | cut -f1)
    echo "distribution: $DIST ($size packed, $(du -sh "$home/nautilus" | cut -f1) unpacked)"
    t0=$(date +%s.%N)
    "$home/nautilus/bin/start"
    local deadline=$(( $(date +%s) + 300 ))
    until "$home/nautilus/bin/nautilus-admin" --port "$port" --wait 300 nautilus:status 2>/dev/null | grep -qx 'READY'; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "startup: node not READY after 300 s; its log: $home/nautilus/data/log/karaf.log" >&2
            "$home/nautilus/bin/nautilus-admin" --port "$port" nautilus:status >&2 || true
            return 1
        fi
        sleep 0.2
    done
    t1=$(date +%s.%N)
    "$home/nautilus/bin/nautilus-admin" --port "$port" nautilus:status
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "startup: %.1f s\n", b - a }'
}

# Runs a main class of benchmarks.jar (JMH and load drivers), building the jar when it is missing.
java_main() {
    [ -f "$BENCH_JAR" ] || build benchmarks
    java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$BENCH_JAR" "$@"
}

# The --add-opens Ignite needs on Java 17, from the parent pom (one list for the build, setenv and here).
ignite_opens() { sed -n 's:.*<ignite.jvm.opens>\(.*\)</ignite.jvm.opens>.*:\1:p' "$ROOT/pom.xml"; }

# The real-process cluster test (itests-durability ClusterFailoverIT, its first test) measures it.
failover() {
    local signal=KILL
    [ "${1:-}" = "--hung" ] && signal=STOP
    [ -f "$DIST" ] || build karaf-distribution
    [ -n "$(ls "$ROOT"/itests-durability/target/nautilus-itests-durability-*.jar 2>/dev/null)" ] || build itests-durability
    local report="$ROOT/itests-durability/target/failsafe-reports/org.nautilus.itests.durability.ClusterFailoverIT-output.txt"
    rm -f "$report"
    echo "starting three Karaf nodes (about 2 minutes; nodes in itests-durability/target/durability)..." >&2
    (cd "$ROOT" && mvn -B -q -o verify -pl itests-durability -Dit.test='ClusterFailoverIT#the_OMS*' \
        -Dfailover.signal="$signal") >&2
    grep -h '^cluster failover' "$report"
    sed -n 's/.*longest gap between acknowledgements \([0-9.]*\) s.*/failover: \1 s/p' "$report"
}

names() { usage | awk '/^  [a-z]/ { print $1 }'; }

case "$NAME" in
    startup) startup "$@" ;;
    pipeline) java_main org.nautilus.benchmarks.pipeline.PipelineMain "$@" ;;
    matching) java_main org.nautilus.benchmarks.matching.MatchingMain "$@" ;;
    marketdata) java_main org.nautilus.benchmarks.marketdata.MarketDataMain "$@" ;;
    # shellcheck disable=SC2046 # the flags are meant to split
    durable) java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false -Djava.net.preferIPv4Stack=true \
        org.nautilus.benchmarks.durable.DurableMain "$@" ;;
    failover) failover "$@" ;;
    features) java_main org.nautilus.benchmarks.features.FeaturesMain "$@" ;;
    metrics) java_main org.nautilus.benchmarks.metrics.ScrapeMain "$@" ;;
    list) names ;;
    *) echo "unknown benchmark '$NAME'; known: $(names | xargs)" >&2; exit 2 ;;
esac
