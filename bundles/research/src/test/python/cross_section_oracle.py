#!/usr/bin/python3
"""Independent oracle for the cross-sectional operators: a GENERATED panel (seeded; not market data) and the values
of a few cross-sectional factors computed with pandas the way Qlib's processors compute them per date
(groupby(datetime).rank(pct=True), (x - mean) / std with pandas' sample std, x - mean, x - group mean), with the
time-series parts computed per instrument over its own rows (shift, rolling(N, min_periods=1)).

Usage (Debian's python3-pandas): /usr/bin/python3 cross_section_oracle.py PANEL.csv GOLDEN.csv
Writes the panel (time,instrument,group,open,high,low,close,volume; an instrument misses some times) and the golden
values (time,instrument and one column per factor; NaN as NaN) in the panel's row order.
"""
import sys

import numpy as np
import pandas as pd

rng = np.random.default_rng(20261206)
instruments = ["I%d" % i for i in range(8)]
groups = [0, 0, 1, 1, 1, 2, 2, -1]  # the last one has no group
rows = []
for i, name in enumerate(instruments):
    price = 20 + 10 * i
    for t in range(60):
        price = price * (1 + rng.normal(0, 0.02))
        if rng.random() < 0.08:  # no bar at this time
            continue
        close = round(price * 2) / 2  # half-unit prices: ties across instruments
        open_ = round(price * (1 + rng.normal(0, 0.01)) * 2) / 2
        high = max(open_, close) + round(abs(rng.normal(0, 0.5)) * 2) / 2
        low = min(open_, close) - round(abs(rng.normal(0, 0.5)) * 2) / 2
        volume = float(int(rng.lognormal(10, 0.5)))
        rows.append((t, name, groups[i], open_, high, low, close, volume))
panel = pd.DataFrame(rows, columns=["time", "instrument", "group", "open", "high", "low", "close", "volume"])
panel = panel.sort_values(["time", "instrument"]).reset_index(drop=True)

by_instrument = panel.groupby("instrument", sort=False)
by_time = lambda s: s.groupby(panel["time"])


def per_instrument(series, f):
    return series.groupby(panel["instrument"], group_keys=False).apply(f)


def cs_rank(s):
    return by_time(s).rank(pct=True)


def cs_zscore(s):
    return (s - by_time(s).transform("mean")) / by_time(s).transform("std")


def cs_demean(s):
    return s - by_time(s).transform("mean")


def group_demean(s):
    g = panel["group"]
    mean = s.groupby([panel["time"], g]).transform("mean")
    return (s - mean).where(g >= 0)


close = panel["close"]
golden = pd.DataFrame({"time": panel["time"], "instrument": panel["instrument"]})
momentum = close / per_instrument(close, lambda x: x.shift(5)) - 1
golden["CSRANK_MOM"] = cs_rank(momentum)
golden["CSZ_VOLUME"] = cs_zscore(np.log(panel["volume"] + 1))
golden["CSDEMEAN_MA"] = cs_demean(per_instrument(close, lambda x: x.rolling(10, min_periods=1).mean()) / close)
golden["NEUTRAL"] = group_demean(close / panel["open"] - 1)
golden["SMOOTH_RANK"] = per_instrument(cs_rank(close), lambda x: x.rolling(5, min_periods=1).mean())
golden["RANK_OF_DEMEAN"] = cs_rank(cs_demean(panel["high"] - panel["low"]))

panel.to_csv(sys.argv[1], index=False)
golden.to_csv(sys.argv[2], index=False, float_format="%r", na_rep="NaN")
