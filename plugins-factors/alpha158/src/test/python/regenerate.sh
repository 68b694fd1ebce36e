#!/usr/bin/env bash
# Regenerates the golden values the parity tests compare against, with the pandas oracle (oracle.py):
# Alpha158, Alpha360 and the operator set, on the Apple daily bars of 2013 that ta4j-examples 0.18 ships, as they are and
# with holes (NaNs) punched in. Needs Debian's python3-pandas (apt-get install python3-pandas) and the
# ta4j-examples jar in the local Maven repository (any build of the research bundle fetches it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PLUGIN=$(cd "$HERE/../../.." && pwd)
GOLDEN="$PLUGIN/src/test/resources/golden"
JAR=${TA4J_EXAMPLES_JAR:-$HOME/.m2/repository/org/ta4j/ta4j-examples/0.18/ta4j-examples-0.18.jar}
BARS=$(mktemp)
trap 'rm -f "$BARS"' EXIT
unzip -p "$JAR" appleinc_bars_from_20130101_usd.csv > "$BARS"
ALPHA="$PLUGIN/src/main/resources/org/nautilus/factor/alpha158/internal/alpha158.tsv"
OPERATORS="$PLUGIN/src/test/resources/operators.tsv"
mkdir -p "$GOLDEN"
/usr/bin/python3 "$HERE/oracle.py" "$BARS" "$ALPHA" > "$GOLDEN/alpha158-aapl-2013.csv"
/usr/bin/python3 "$HERE/oracle.py" "$BARS" "$ALPHA" --holes > "$GOLDEN/alpha158-aapl-2013-holes.csv"
/usr/bin/python3 "$HERE/oracle.py" "$BARS" "$OPERATORS" > "$GOLDEN/operators-aapl-2013.csv"
/usr/bin/python3 "$HERE/oracle.py" "$BARS" "$OPERATORS" --holes > "$GOLDEN/operators-aapl-2013-holes.csv"
# Alpha360: Qlib's field list written by alpha360.py (apart from the Java library), then the same oracle.
ALPHA360=$(mktemp)
trap 'rm -f "$BARS" "$ALPHA360"' EXIT
/usr/bin/python3 "$HERE/alpha360.py" > "$ALPHA360"
cp "$ALPHA360" "$PLUGIN/src/test/resources/alpha360.tsv"
/usr/bin/python3 "$HERE/oracle.py" "$BARS" "$ALPHA360" > "$GOLDEN/alpha360-aapl-2013.csv"
/usr/bin/python3 "$HERE/oracle.py" "$BARS" "$ALPHA360" --holes > "$GOLDEN/alpha360-aapl-2013-holes.csv"
/usr/bin/python3 -c 'import pandas, numpy; print("golden values written with pandas", pandas.__version__, "numpy", numpy.__version__)'
