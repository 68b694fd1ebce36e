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
#   rolling    three Karaf nodes on loopback restarted one by one (graceful shutdown) under an open-loop order
#              load on every node (default 1,000 orders/s in all; args: rate, threads per node, default 4): orders lost, longest pause between
#              acknowledgements during the roll, ack latency p50/p99 before vs during (itests-durability
#              RollingRestartIT)
#   rebalance  a third persistent node joins the baseline of two holding N entries (default 100,000; args: entries
#              runs): seconds until it has rebalanced, with its WAL off (Ignite's default) and on (the platform's)
#   snapshot   snapshot of N filled orders on one persistent node (default 100,000; args: orders runs): time to
#              take, size, time to restore into a fresh node, every order verified
#   features   the expression engine on generated bars (default 800 instruments x 3,528 days): Qlib's
#              data-retrieval shape (14 factors, cold, 1 thread and all cores), then all 158 Alpha158 factors
#              (batch ns per value, 1 thread cold/warm and all cores), streaming us per new bar for one instrument
#   featurecache  the live feature path with and without the Ignite feature cache (800 GENERATED instruments,
#              Alpha158, one in-memory node): ms per bar close both ways in one run, the overhead in µs per bar,
#              one stream's state size and snapshot/restore time (args: instruments warm-up closes state-interval)
#   fixstore   what a sent FIX message costs the gateway's sending thread in each session store: QuickFIX/J's
#              FileStore vs the grid's replicated store on two in-memory Ignite nodes, one backup (args: messages
#              size), messages/s and p50/p99 per message
#   backfill-cluster  the distributed backfill: Alpha158 over GENERATED instruments on 1 node, then on 3 nodes in
#              3 JVMs on loopback (each its own Ignite server and DuckDB store): wall times, each node's share,
#              whether the 3 stores hold exactly the 1-node values (args: instruments days nodes), speed-up
#   signals-dist  bar close -> signal batch, end to end in the assembled distribution on its own ports: GENERATED daily
#              bars of N instruments (GEN0000.., added to etc/nautilus.marketdata.cfg of the unpacked copy) replayed
#              by a route file (nautilus-replay json-lines, realtime, one day per 'period' seconds) into
#              nautilus:marketdata; the technical factors; aapl-lgbm trained by nautilus:train on the shipped sample and
#              promoted champion; its batches read over HTTP (GET /api/v1/stream/signals, SSE); ms from the close's last
#              bar into the route (its log step, karaf.log) to the batch received, per window of closes
#              (args: instruments warm-up closes period windows; defaults 800 60 25 2 3)
#   signals    bar close -> signal batch out, in process: 800 GENERATED instruments' bars into the feature engine
#              (Alpha158, vectors into the Ignite feature cache), the signal server reading them from the cache and
#              publishing each close once (rows predicted with LightGBM on 40 factors as they arrive); ms from the close's last bar into the engine to
#              its signal batch out (the target), and from its first (args: instruments warm-up closes)
#   store      the factor store (DuckDB over Parquet) on generated data: write and read rates (values/s, MB/s)
#              and the point-in-time join of every bar with fundamentals (default 800 instruments x 3,500 days,
#              20 factors, year partitions; args: instruments days factors year|month|day), M values/s written
#   models     LightGBM training on a generated panel (default 1,000,000 rows x 40), single-row predict p50/p99,
#              batch of 800 rows, a Weka forest on a sample, listing/searching 10,000 tracked runs; s of training
#              ('models alpha158 [instruments] [days] [wekaRows] [weka-only]': Alpha158 on a generated 800 x 3,000 universe;
#              weka-only: the Weka forest alone, on a panel that need only hold its sample)
#   lightgbm-training  where LightGBM's training time goes (default 200,000 x 158, 100 iterations): the platform's
#              fit, then LightGBM directly from doubles / floats / "native" (the platform's bulk copy), row-wise /
#              column-wise, 2 / 1 threads, dataset and boosting timed apart (wall and process CPU), each in every
#              round in alternating order (args: rows features iterations [variants, comma-separated; a variant may
#              end in ":more LightGBM parameters"] [rounds]; the platform trains as "native col-wise 2")
#   backtest   a backtest through the full engine (merge, simulated clock and exchange, OMS + 12 risk rules,
#              positions) on generated 1-minute bars: bars/s without orders and with a market order every N bars
#              (default 100 instruments x 20,000 bars, N = 10; a year is 98,280 bars per instrument)
#   http       order entry over HTTP (keep-alive, concurrent clients) against the assembled distribution, orders/s
#              acknowledged durable and p99, then the in-process `durable` journal figure in the same run (ratio);
#              args: seconds clients warmup [sse [batch]]: with sse > 0 the load runs again with that many clients subscribed
#              to the order event stream (SSE), and the ratio of the two rates is printed (http-sse); last, 20
#              GET /metrics scrapes over HTTP (ms, samples); batch > 1 sends POST /api/v1/orders:batch of that many orders;
#              the node's CPU seconds per acknowledged order over the measured window are printed (node CPU)
#   fix        FIX order entry (FIX 4.4, several sessions over loopback) into the assembled distribution's FIX gateway:
#              orders/s acknowledged durable (ER after the order's events are committed), then p99 NewOrderSingle ->
#              ExecutionReport(New) at a fixed rate, then the in-process `durable` journal figure in the same run
#              (args: seconds sessions window rate warmup; defaults 15 4 256 5000 10); CPU µs per order of the node
#              (from /proc) and of the driver in each phase; FIX_JFR=FILE records the node with JFR meanwhile
#   methods    research methods on a GENERATED universe (default 800 instruments x 3,500 days): generator,
#              panel dataset (8 features), one factor evaluation, purged splits; seconds per step per run
#   metrics    one Prometheus scrape with every series present (JVM, orders fed 100k events, 200 instruments,
#              20 subscribers, 20 routes, store, cluster), ms per scrape (median)
#   ingest     the data connectors (nautilus-data: routes) on GENERATED daily bars (default 100 instruments x
#              2,520 days, a file per instrument): CSV, JSON lines, Parquet, read+checked and into the factor store,
#              bars/s (args: instruments days runs)
#   longmap    grid's order index: LongLongMap (64 shards) against Agrona's Long2LongHashMap, longest insert (a
#              table growth stalls the store's committer) and lookups/s (args: orders rounds; defaults 8000000 3)
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
# NAUTILUS_DIST / NAUTILUS_BENCH_JAR: measure another build (e.g. main's and a branch's, alternating, while this tree
# rebuilds) instead of this tree's own.
DIST=${NAUTILUS_DIST:-"$ROOT/karaf-distribution/target/nautilus-distribution-$VERSION.tar.gz"}
BENCH_JAR=${NAUTILUS_BENCH_JAR:-"$ROOT/benchmarks/target/benchmarks.jar"}

build() { # build [MODULE]: the reactor up to MODULE, tests skipped; packaged in place, nothing installed in ~/.m2
    # (several worktrees share ~/.m2: an install would replace the others' snapshots with this tree's)
    echo "building $1 (mvn package -DskipTests -pl $1 -am)..." >&2
    (cd "$ROOT" && mvn -B -q package -DskipTests -pl "$1" -am)
}

# A distribution unpacked under $1 (a mktemp dir): stops it, waits up to 60 s for its JVM to end (it still writes
# data/ while stopping), kills what is left, then removes the directory. The unpacking subcommands' RETURN trap.
remove_dist() {
    cd /
    [ -x "$1/nautilus/bin/stop" ] && { "$1/nautilus/bin/stop" >/dev/null 2>&1 || true; }
    local waited=0
    while pgrep -f "$1" >/dev/null 2>&1 && [ $waited -lt 60 ]; do sleep 1; waited=$((waited + 1)); done
    pkill -9 -f "$1" 2>/dev/null || true
    rm -rf "$1"
}

# Cold start: a fresh unpacked distribution (empty data/), bin/start, poll nautilus:status until READY.
startup() {
    [ -f "$DIST" ] || build karaf-distribution
    local home port=8301 t0 t1 size
    home=$(mktemp -d /tmp/nautilus-startup.XXXXXX)
    trap 'remove_dist "$home"' RETURN
    mkdir -p "$home/nautilus"
    tar -xzf "$DIST" -C "$home/nautilus" --strip-components=1
    # Own ports, so a node already running here neither answers nor joins the measured one.
    sed -i "s/^sshPort *=.*/sshPort = $port/" "$home/nautilus/etc/org.apache.karaf.shell.cfg"
    sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = 8381/; s/^org.osgi.service.http.port.secure *=.*/org.osgi.service.http.port.secure = 8381/" "$home/nautilus/etc/org.ops4j.pax.web.cfg"
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
    # shellcheck disable=SC2086 # JAVA_OPTS_DRIVER holds separate flags
    java -Xms1g -Xmx1g -XX:+UseParallelGC ${JAVA_OPTS_DRIVER:-} -cp "$BENCH_JAR" "$@"
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

# The real-process rolling restart (itests-durability RollingRestartIT) measures it.
rolling() {
    local rate=${1:-1000} threads=${2:-4}
    [ -f "$DIST" ] || build karaf-distribution
    [ -n "$(ls "$ROOT"/itests-durability/target/nautilus-itests-durability-*.jar 2>/dev/null)" ] || build itests-durability
    local report="$ROOT/itests-durability/target/failsafe-reports/org.nautilus.itests.durability.RollingRestartIT-output.txt"
    rm -f "$report"
    echo "starting three Karaf nodes and rolling them under load (about 5-10 minutes; nodes in itests-durability/target/durability)..." >&2
    (cd "$ROOT" && mvn -B -q -o verify -pl itests-durability -Dit.test=RollingRestartIT -Droll.rate="$rate" -Droll.threads="$threads") >&2
    grep -h '^rolling restart' "$report"
    sed -n 's/.*orders acknowledged, \([0-9]*\) lost.*longest gap between acknowledgements during the roll \([0-9.]*\) s.*/rolling: \1 lost, longest pause \2 s/p' "$report"
}

# Order entry over HTTP against the assembled distribution on its own ports, then the in-process durable figure.
# Arguments: seconds clients warmup (defaults 15 64 10). The rules that would deny a benchmark's orders (rate,
# duplicates) are switched off in the unpacked copy only.
http() {
    local seconds=${1:-15} clients=${2:-64} warmup=${3:-10} sse=${4:-0} batch=${5:-1}
    [ -f "$DIST" ] || build karaf-distribution
    [ -f "$BENCH_JAR" ] || build benchmarks
    local home ssh=8311 port=8391
    home=$(mktemp -d /tmp/nautilus-http.XXXXXX)
    trap 'remove_dist "$home"' RETURN
    mkdir -p "$home/nautilus"
    tar -xzf "$DIST" -C "$home/nautilus" --strip-components=1
    local etc="$home/nautilus/etc"
    sed -i "s/^sshPort *=.*/sshPort = $ssh/" "$etc/org.apache.karaf.shell.cfg"
    # Plain HTTP on loopback, as the Pax Exam tests do (TLS is measured nowhere yet), and a trader to order as.
    sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $port/; s/^org.osgi.service.http.enabled *=.*/org.osgi.service.http.enabled = true/; s/^org.osgi.service.http.secure.enabled *=.*/org.osgi.service.http.secure.enabled = false/" "$etc/org.ops4j.pax.web.cfg"
    echo bench-password | "$home/nautilus/bin/nautilus-admin" user-add bench trader viewer >/dev/null
    printf '\nlocal.address = 127.0.0.1\ndiscovery.port = 49600\ndiscovery.addresses = 127.0.0.1:49600..49609\ncommunication.port = 49200\n' \
        >> "$etc/nautilus.grid.cfg"
    for rule in order_rate duplicate_order; do
        sed -i 's/^enabled *=.*/enabled = false/' "$etc/nautilus.risk.$rule.cfg"
    done
    "$home/nautilus/bin/start"
    "$home/nautilus/bin/nautilus-admin" --port "$ssh" --wait 300 nautilus:status | tail -n 1
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.5; done
    echo "load: $(uptime | sed 's/.*load average: //')"
    # The node's pid, so the driver reads its CPU time (CPU per order survives a shared machine's load).
    local node_pid
    node_pid=$(pgrep -f -- "-Dkaraf.home=$home/nautilus" | head -n 1 || true)
    JAVA_OPTS_DRIVER="-Dnode.pid=${node_pid:-0} -Dclk.tck=$(getconf CLK_TCK)" \
    java_main org.nautilus.benchmarks.http.HttpLoadMain "http://127.0.0.1:$port" "$seconds" "$clients" "$warmup" MSFT SIM bench bench-password "$sse" socket "$batch" | tee "$home/http.txt"
    "$home/nautilus/bin/stop"; sleep 5
    echo "in-process durable (journal), same run:"
    # shellcheck disable=SC2046 # the flags are meant to split
    java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false -Djava.net.preferIPv4Stack=true \
        org.nautilus.benchmarks.durable.DurableMain "$seconds" 4 "$warmup" "" journal | tee "$home/durable.txt"
    echo "load: $(uptime | sed 's/.*load average: //')"
    local over in
    over=$(sed -n 's/^http: \([0-9.]*\) orders\/s/\1/p' "$home/http.txt")
    in=$(sed -n 's/^durable: \([0-9.]*\) .*/\1/p' "$home/durable.txt" | tail -n 1)
    [ -n "$over" ] && [ -n "$in" ] && awk -v a="$over" -v b="$in" 'BEGIN { printf "http / in-process durable: %.3f\n", a / b }'
    grep '^node CPU' "$home/http.txt" || true
    grep '^http-sse:' "$home/http.txt" || true
    grep '^metrics over HTTP:' "$home/http.txt" || true
    grep '^http:' "$home/http.txt"
}

# FIX order entry against the assembled distribution's gateway on its own ports, then the in-process durable figure.
# Arguments: seconds sessions window rate warmup (defaults 15 4 256 5000 10). The rules that would deny a benchmark's
# orders (rate, duplicates) are switched off in the unpacked copy only.
fix() {
    local seconds=${1:-15} sessions=${2:-4} window=${3:-256} rate=${4:-5000} warmup=${5:-10}
    [ -f "$DIST" ] || build karaf-distribution
    [ -f "$BENCH_JAR" ] || build benchmarks
    local home ssh=8312 port=8392 fixport=9898
    home=$(mktemp -d /tmp/nautilus-fix.XXXXXX)
    trap 'remove_dist "$home"' RETURN
    mkdir -p "$home/nautilus"
    tar -xzf "$DIST" -C "$home/nautilus" --strip-components=1
    local etc="$home/nautilus/etc"
    sed -i "s/^sshPort *=.*/sshPort = $ssh/" "$etc/org.apache.karaf.shell.cfg"
    sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $port/; s/^org.osgi.service.http.enabled *=.*/org.osgi.service.http.enabled = true/; s/^org.osgi.service.http.secure.enabled *=.*/org.osgi.service.http.secure.enabled = false/" "$etc/org.ops4j.pax.web.cfg"
    echo bench-password | "$home/nautilus/bin/nautilus-admin" user-add bench trader >/dev/null
    printf '\nlocal.address = 127.0.0.1\ndiscovery.port = 49700\ndiscovery.addresses = 127.0.0.1:49700..49709\ncommunication.port = 49300\n' \
        >> "$etc/nautilus.grid.cfg"
    for rule in order_rate duplicate_order; do
        sed -i 's/^enabled *=.*/enabled = false/' "$etc/nautilus.risk.$rule.cfg"
    done
    # The message store settings measured: QuickFIX/J FileStore under data/fix/gateway, FileStoreSync=N.
    {
        printf '[default]\nConnectionType=acceptor\nSocketAcceptAddress=127.0.0.1\nSocketAcceptPort=%s\nSenderCompID=NAUTILUS\n' "$fixport"
        printf 'StartTime=00:00:00\nEndTime=00:00:00\nHeartBtInt=30\nUseDataDictionary=Y\nDataDictionary=FIX44.xml\n'
        printf 'FileStoreSync=N\nPersistMessages=Y\nSocketTcpNoDelay=Y\nResetOnLogon=Y\n'
        for i in $(seq 1 "$sessions"); do
            printf '\n[session]\nBeginString=FIX.4.4\nTargetCompID=BENCH%s\nUser=bench\nPortfolio=bench-%s\n' "$i" "$i"
        done
    } > "$etc/fix/gateway.cfg"
    sed -i 's|^\( *nautilus/[0-9A-Za-z.]*\)$|\1, nautilus-fix-gateway|' "$etc/org.apache.karaf.features.cfg"
    grep -q nautilus-fix-gateway "$etc/org.apache.karaf.features.cfg" || { echo "could not add nautilus-fix-gateway to featuresBoot" >&2; return 1; }
    "$home/nautilus/bin/start"
    "$home/nautilus/bin/nautilus-admin" --port "$ssh" --wait 300 nautilus:status | tail -n 1
    local waited=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$fixport") 2>/dev/null; do
        sleep 0.5; waited=$((waited + 1))
        [ "$waited" -lt 240 ] || { echo "the FIX gateway does not listen on $fixport; see $home/nautilus/data/log/karaf.log" >&2; return 1; }
    done
    # The node's JVM (its CPU time per order is read from /proc): the Karaf main whose command line names this home.
    local pid
    pid=$(pgrep -f 'org.apache.karaf.main.Main' | while read -r p; do
        tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q -- "-Dkaraf.home=$home/nautilus " && echo "$p"; done | head -n 1)
    echo "node pid: ${pid:-not found}; load: $(uptime | sed 's/.*load average: //')"
    # FIX_JFR=FILE: a JFR recording (profile settings) of the node over the warm-up and throughput phases.
    if [ -n "${FIX_JFR:-}" ] && [ -n "$pid" ]; then
        jcmd "$pid" JFR.start name=fix settings=profile duration=$((warmup + seconds))s filename="$FIX_JFR" >/dev/null
    fi
    java_main org.nautilus.benchmarks.fix.FixLoadMain "$fixport" "$seconds" "$sessions" "$window" "$rate" "$warmup" MSFT bench bench-password ${pid:-} | tee "$home/fix.txt"
    "$home/nautilus/bin/stop"; sleep 5
    echo "in-process durable (journal), same run:"
    # shellcheck disable=SC2046 # the flags are meant to split
    java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false -Djava.net.preferIPv4Stack=true \
        org.nautilus.benchmarks.durable.DurableMain "$seconds" 4 "$warmup" "" journal | tee "$home/durable.txt"
    echo "load: $(uptime | sed 's/.*load average: //')"
    local over in
    over=$(sed -n 's/^fix: \([0-9.]*\) orders\/s/\1/p' "$home/fix.txt")
    in=$(sed -n 's/^durable: \([0-9.]*\) .*/\1/p' "$home/durable.txt" | tail -n 1)
    [ -n "$over" ] && [ -n "$in" ] && awk -v a="$over" -v b="$in" 'BEGIN { printf "fix / in-process durable: %.3f\n", a / b }'
    grep '^fix' "$home/fix.txt"
}

# Bar close -> signal batch end to end in the assembled distribution (see the usage above and SignalsDistributionMain).
signals_dist() {
    local instruments=${1:-800} warm=${2:-60} closes=${3:-25} period=${4:-2} windows=${5:-3}
    local measured=$((closes * windows))
    [ -f "$DIST" ] || build karaf-distribution
    [ -f "$BENCH_JAR" ] || build benchmarks
    local home ssh=8313 port=8393
    home=$(mktemp -d /tmp/nautilus-signals.XXXXXX)
    trap 'remove_dist "$home"' RETURN
    mkdir -p "$home/nautilus"
    tar -xzf "$DIST" -C "$home/nautilus" --strip-components=1
    local etc="$home/nautilus/etc" admin="$home/nautilus/bin/nautilus-admin"
    sed -i "s/^sshPort *=.*/sshPort = $ssh/" "$etc/org.apache.karaf.shell.cfg"
    sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $port/; s/^org.osgi.service.http.enabled *=.*/org.osgi.service.http.enabled = true/; s/^org.osgi.service.http.secure.enabled *=.*/org.osgi.service.http.secure.enabled = false/" "$etc/org.ops4j.pax.web.cfg"
    echo bench-password | "$admin" user-add bench trader viewer >/dev/null
    printf '\nlocal.address = 127.0.0.1\ndiscovery.port = 49800\ndiscovery.addresses = 127.0.0.1:49800..49809\ncommunication.port = 49400\n' \
        >> "$etc/nautilus.grid.cfg"
    # The generated instruments beside the shipped ones (the simulated market and the replays keep theirs).
    local md="$etc/nautilus.marketdata.cfg" shipped generated
    shipped=$(sed -n '/^instruments *=/,/[^\\]$/p' "$md" | tr -d '\\\n' | sed 's/^instruments *= *//' | tr -s ' ')
    generated=$(for i in $(seq 0 $((instruments - 1))); do printf 'GEN%04d:USD:0.01:1, ' "$i"; done)
    sed -i '/^instruments *=/,/[^\\]$/d' "$md"
    echo "instruments = ${generated}${shipped}" >> "$md"
    java_main org.nautilus.benchmarks.features.SignalsDistributionMain bars "$home/bars.jsonl" "$instruments" $((warm + measured))
    local speed=$((86400 / period))
    cat > "$etc/routes/signals-bench.yaml" <<YAML
- route:
    id: signals-bench
    autoStartup: false
    description: GENERATED daily bars of $instruments instruments, one day every $period s (benchmarks/run.sh signals-dist)
    from:
      uri: "nautilus-replay:signals-bench"
      parameters:
        file: $home/bars.jsonl
        format: json-lines
        pace: realtime
        speed: $speed
      steps:
        - to: "log:signals-bench-bars?groupSize=$instruments"
        - to: "nautilus:marketdata"
YAML
    "$home/nautilus/bin/start"
    "$admin" --port "$ssh" --wait 300 nautilus:status | tail -n 1
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.5; done
    # (failures here return, so the trap stops the node; set -e would exit past it)
    "$admin" --port "$ssh" nautilus:train etc/models/aapl-lightgbm.properties | tail -n 3 || return 1
    "$admin" --port "$ssh" nautilus:model-promote aapl-lgbm 1 champion || return 1
    local served=0
    until "$admin" --port "$ssh" nautilus:signals | grep -q SERVING; do
        sleep 1; served=$((served + 1))
        [ "$served" -lt 60 ] || { "$admin" --port "$ssh" nautilus:signals >&2; echo "aapl-lgbm not served" >&2; return 1; }
    done
    echo "load: $(uptime | sed 's/.*load average: //')"
    local out="$home/driver.out"
    java_main org.nautilus.benchmarks.features.SignalsDistributionMain measure "http://127.0.0.1:$port" bench \
        bench-password aapl-lgbm "$warm" "$measured" "$instruments" "$home/nautilus/data/log/karaf.log" > "$out" 2>&1 &
    local driver=$!
    until grep -q '^READY' "$out" 2>/dev/null; do sleep 0.2; kill -0 "$driver" || { cat "$out"; return 1; }; done
    "$admin" --port "$ssh" nautilus:route-start signals-bench || { kill "$driver"; return 1; }
    wait "$driver" || { cat "$out"; grep -i 'signals-bench\|ERROR' "$home/nautilus/data/log/karaf.log" | tail -n 20; return 1; }
    echo "load: $(uptime | sed 's/.*load average: //')"
    grep -v '^READY' "$out"
    # Each window of closes on its own (one node, one warm-up: windows stand in for separate runs where the shared
    # itest lock cannot be held for several boots).
    local received w
    received=$(grep '^close ' "$out" | sed 's/.* received \([0-9-]*\) ms$/\1/')
    for w in $(seq 1 "$windows"); do
        echo "$received" | sed -n "$(((w - 1) * closes + 1)),$((w * closes))p" | sort -n | awk -v w="$w" '
            { a[NR] = $1 }
            END { if (NR) printf "signals-dist window %d (%d closes): last bar in -> batch received median %d ms, p90 %d ms, max %d ms\n",
                  w, NR, a[int((NR + 1) / 2)], a[int(NR * 0.9 + 0.999)], a[NR] }'
    done
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
    rolling) rolling "$@" ;;
    # shellcheck disable=SC2046 # the flags are meant to split
    rebalance) java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false -Djava.net.preferIPv4Stack=true \
        org.nautilus.benchmarks.rebalance.RebalanceMain "$@" ;;
    snapshot) java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false -Djava.net.preferIPv4Stack=true \
        org.nautilus.benchmarks.snapshot.SnapshotMain "$@" ;;
    http) http "$@" ;;
    fix) fix "$@" ;;
    features) java_main org.nautilus.benchmarks.features.FeaturesMain "$@" ;;
    store) java_main org.nautilus.benchmarks.store.StoreMain "$@" ;;
    backfill-cluster) java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false \
        -Djava.net.preferIPv4Stack=true org.nautilus.benchmarks.features.BackfillClusterMain "$@" ;;
    signals-dist) signals_dist "$@" ;;
    signals) OMP_WAIT_POLICY=PASSIVE java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false \
        -Djava.net.preferIPv4Stack=true -Xmx3g org.nautilus.benchmarks.features.SignalsMain "$@" ;;
    fixstore) java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false -Djava.net.preferIPv4Stack=true \
        -Xmx1g org.nautilus.benchmarks.fixstore.FixSessionStoreMain "$@" ;;
    featurecache) java_main $(ignite_opens) -DIGNITE_NO_ASCII=true -DIGNITE_UPDATE_NOTIFIER=false -Djava.net.preferIPv4Stack=true \
        -Xmx3g org.nautilus.benchmarks.features.FeatureCacheMain "$@" ;;
    models) [ -f "$BENCH_JAR" ] || build benchmarks
        # 'models alpha158 ...' holds a 2.4 M x 158 panel and LightGBM's copy of it: a bigger heap.
        heap="-Xms3g -Xmx3g"; [ "${1:-}" = alpha158 ] && heap="-Xms2g -Xmx9g"
        # shellcheck disable=SC2086 # two flags
        OMP_WAIT_POLICY=PASSIVE java $heap -XX:+UseParallelGC -cp "$BENCH_JAR" \
        org.nautilus.benchmarks.models.ModelsMain "$@" ;;
    lightgbm-training) [ -f "$BENCH_JAR" ] || build benchmarks
        # the issue's size (2.3 M x 158) holds the panel and its float copy: a bigger heap past a million rows
        heap="-Xms3g -Xmx3g"; [ "${1:-0}" -gt 1000000 ] 2>/dev/null && heap="-Xms2g -Xmx9g"
        # shellcheck disable=SC2086 # two flags
        OMP_WAIT_POLICY=PASSIVE java $heap -XX:+UseParallelGC -cp "$BENCH_JAR" \
        org.nautilus.benchmarks.models.LightGbmTrainingMain "$@" ;;
    backtest) java_main org.nautilus.benchmarks.backtest.BacktestMain "$@" ;;
    longmap) java_main org.nautilus.benchmarks.longmap.LongMapMain "$@" ;;
    methods) java_main -Xmx4g org.nautilus.benchmarks.methods.MethodsMain "$@" ;;
    metrics) java_main org.nautilus.benchmarks.metrics.ScrapeMain "$@" ;;
    ingest) java_main org.nautilus.benchmarks.ingest.IngestMain "$@" ;;
    list) names ;;
    *) echo "unknown benchmark '$NAME'; known: $(names | xargs)" >&2; exit 2 ;;
esac
