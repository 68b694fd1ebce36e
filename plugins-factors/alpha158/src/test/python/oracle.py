#!/usr/bin/python3
"""Independent oracle for factor expressions: evaluates Qlib expression text with pandas, the way Qlib does.

Qlib (qlib/data/ops.py) turns '$close' into a feature and evaluates the text as Python over pandas Series;
this script does the same with its own small operator set, written from Qlib's definitions:
rolling ops are pandas rolling(N, min_periods=1); Slope/Rsquare/Resi are least squares recomputed for every
window (Qlib's Cython keeps running sums; this is deliberately a different computation of the same thing);
Corr and Rsquare are masked to NaN where a rolling std is within 2e-5 of 0.

Usage (Debian's python3-pandas; the system python, not a pyenv one):
  /usr/bin/python3 oracle.py BARS.csv EXPRESSIONS.tsv [--holes] > golden.csv

BARS.csv has the columns date,open,high,low,close,volume[,vwap] (a missing vwap reads NaN).
EXPRESSIONS.tsv has a header and name<TAB>expression rows.
--holes blanks some values first (the same rule as the Java tests' Holes class) to exercise the NaN rules:
  row i loses close if i % 17 == 5, volume if i % 23 == 7, high if i % 29 == 11, low if i % 31 == 13,
  open if i % 37 == 3.
Output: date and one column per expression; values are Python's shortest round-trip repr, NaN as NaN.
"""
import re
import sys

import numpy as np
import pandas as pd

FLAT = 2e-05  # Qlib: np.isclose(std, 0, atol=2e-05)


def _f(x):
    if isinstance(x, pd.Series):
        return x.astype(float)
    return x


def _rolling(x, n):
    return _f(x).rolling(int(n), min_periods=1)


def Ref(x, d):
    return _f(x).shift(int(d))


def Mean(x, n):
    return _rolling(x, n).mean()


def Sum(x, n):
    return _rolling(x, n).sum()


def Std(x, n):
    return _rolling(x, n).std()


def Var(x, n):
    return _rolling(x, n).var()


def Max(x, n):
    return _rolling(x, n).max()


def Min(x, n):
    return _rolling(x, n).min()


def Quantile(x, n, q):
    return _rolling(x, n).quantile(q)


def Rank(x, n):
    return _rolling(x, n).rank(pct=True)


def IdxMax(x, n):
    return _rolling(x, n).apply(lambda a: a.argmax() + 1, raw=True)


def IdxMin(x, n):
    return _rolling(x, n).apply(lambda a: a.argmin() + 1, raw=True)


def _least_squares(x, n, what):
    y = _f(x).to_numpy()
    out = np.full(len(y), np.nan)
    for i in range(len(y)):
        lo = max(0, i - int(n) + 1)
        window = y[lo:i + 1]
        t = np.arange(lo, i + 1, dtype=float)
        ok = ~np.isnan(window)
        ts, ys = t[ok], window[ok]
        if len(ys) < 2:
            continue
        tm, ym = ts.mean(), ys.mean()
        stt = ((ts - tm) ** 2).sum()
        sty = ((ts - tm) * (ys - ym)).sum()
        syy = ((ys - ym) ** 2).sum()
        slope = sty / stt
        if what == "slope":
            out[i] = slope
        elif what == "rsquare":
            out[i] = sty * sty / (stt * syy) if syy > 0 else np.nan
        else:
            out[i] = y[i] - (ym + slope * (i - tm))
    return pd.Series(out, index=x.index)


def Slope(x, n):
    return _least_squares(x, n, "slope")


def Rsquare(x, n):
    out = _least_squares(x, n, "rsquare")
    out[np.isclose(Std(x, n), 0, atol=FLAT)] = np.nan
    return out


def Resi(x, n):
    return _least_squares(x, n, "resi")


def Corr(x, y, n):
    out = _rolling(x, n).corr(_f(y))
    out[np.isclose(Std(x, n), 0, atol=FLAT) | np.isclose(Std(y, n), 0, atol=FLAT)] = np.nan
    return out


def Cov(x, y, n):
    return _rolling(x, n).cov(_f(y))


def EMA(x, n):
    return _f(x).ewm(span=int(n), min_periods=1).mean()


def WMA(x, n):
    def weighted_mean(a):
        w = np.arange(len(a)) + 1
        w = w / w.sum()
        return np.nanmean(w * a)
    return _rolling(x, n).apply(weighted_mean, raw=True)


def _seeded(x, n, step):
    """TA-Lib's recursive averages: NaN until n values, their mean, then step(previous, x); a NaN keeps the average."""
    values = _f(x).to_numpy()
    out = np.full(len(values), np.nan)
    seed, average = [], np.nan
    for i, v in enumerate(values):
        if not np.isnan(v):
            if len(seed) < n:
                seed.append(v)
                if len(seed) == n:
                    average = sum(seed) / n
            else:
                average = step(average, v)
        out[i] = average
    return pd.Series(out, index=x.index)


def SeededEMA(x, n):
    k = 2.0 / (int(n) + 1)
    return _seeded(x, int(n), lambda previous, v: previous + k * (v - previous))


def Wilder(x, n):
    n = int(n)
    return _seeded(x, n, lambda previous, v: (previous * (n - 1) + v) / n)


def MeanDev(x, n):
    return _rolling(x, n).apply(lambda a: np.nanmean(np.abs(a - np.nanmean(a))), raw=True)


def Cumsum(x):
    # the engine's rule: a NaN adds nothing (pandas' cumsum would give NaN on that row); NaN before any value
    x = _f(x)
    return x.fillna(0).cumsum().where(x.notna().cumsum() > 0)


def Log(x):
    return np.log(_f(x))


def Abs(x):
    return np.abs(_f(x))


def Sign(x):
    return np.sign(_f(x))


def Neg(x):
    return -_f(x)


def Not(x):
    return _f(x) == 0


def Greater(x, y):
    return np.maximum(_f(x), _f(y))


def Less(x, y):
    return np.minimum(_f(x), _f(y))


def If(c, x, y):
    index = next(s.index for s in (c, x, y) if isinstance(s, pd.Series))
    return pd.Series(np.where(_f(c), _f(x), _f(y)), index=index)


def read_bars(path, holes):
    bars = pd.read_csv(path)
    for field in ("open", "high", "low", "close", "volume"):
        bars[field] = bars[field].astype(float)
    if "vwap" not in bars:
        bars["vwap"] = np.nan
    if holes:
        i = np.arange(len(bars))
        for field, modulus, remainder in (("close", 17, 5), ("volume", 23, 7), ("high", 29, 11),
                                          ("low", 31, 13), ("open", 37, 3)):
            bars.loc[i % modulus == remainder, field] = np.nan
    return bars


def text(v):
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(float(v))


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    bars = read_bars(argv[1], "--holes" in argv[3:])
    fields = {name: bars[name] for name in ("open", "high", "low", "close", "volume", "vwap")}
    names, columns = [], []
    with open(argv[2]) as tsv:
        next(tsv)
        for line in tsv:
            if not line.strip():
                continue
            name, expression = line.rstrip("\n").split("\t")[:2]
            python = re.sub(r"\$(\w+)", r'F["\1"]', expression)
            value = eval(python, dict(globals(), F=fields))  # noqa: S307 - our own expression files
            if not isinstance(value, pd.Series):
                value = pd.Series(value, index=bars.index)
            names.append(name)
            columns.append(value.astype(float).to_numpy())
    out = sys.stdout
    out.write(",".join(["date"] + names) + "\n")
    for row in range(len(bars)):
        out.write(",".join([str(bars["date"][row])] + [text(c[row]) for c in columns]) + "\n")


if __name__ == "__main__":
    main(sys.argv)
