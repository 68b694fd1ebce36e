#!/bin/sh
#
# Builds Nautilus (tests skipped) and starts the embedded default in the foreground with the Karaf shell:
# one node, Ignite persistence under data/, the simulated exchange and simulated market data.
# Leave the shell with 'logout' or Ctrl-D. Arguments are passed to bin/karaf (e.g. './run.sh debug').
#
# The node lives in karaf-distribution/target/assembly: restarting it with its bin/karaf keeps its state;
# the next ./run.sh rebuilds the distribution and so starts a fresh node.
set -e
cd "$(dirname "$0")"
echo "Building Nautilus (mvn install -DskipTests)..."
mvn -B -q install -DskipTests
exec karaf-distribution/target/assembly/bin/karaf "$@"
