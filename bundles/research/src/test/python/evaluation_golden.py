#!/usr/bin/python3
"""Golden values for FactorEvaluatorTest, computed independently with pandas/scipy the way Qlib and alphalens do.

Run from this directory: ./evaluation_golden.py  (writes ../resources/evaluation/panel.csv and golden.csv).
The Java test reads both; CI needs no Python. Debian: apt-get install python3-pandas python3-scipy.
"""
import numpy as np
import pandas as pd
from scipy import stats

rng = np.random.default_rng(20261206)
dates = pd.bdate_range("2024-01-29", periods=30)  # spans Jan, Feb, Mar
instruments = [f"I{i:02d}" for i in range(12)]
rows = []
for d in dates:
    for inst in instruments:
        if inst == "I11" and d.day % 3 == 0:
            continue  # an instrument missing on some dates
        score = rng.normal()
        label = 0.02 * score * 0.3 + rng.normal() * 0.02
        if inst == "I10" and d.day % 5 == 0:
            score = np.nan  # a missing score
        rows.append((d, inst, round(score, 2), round(label, 5)))  # 2 decimals: ties happen
df = pd.DataFrame(rows, columns=["date", "instrument", "score", "label"])
df.to_csv("../resources/evaluation/panel.csv", index=False, date_format="%Y-%m-%d")

Q = 5
both = df.dropna(subset=["score", "label"])
ic = both.groupby("date").apply(lambda g: g["score"].corr(g["label"]))                      # Pearson
rank_ic = both.groupby("date").apply(lambda g: g["score"].corr(g["label"], method="spearman"))  # average ranks


def summary(s):
    s = s.dropna()
    mean, std = s.mean(), s.std(ddof=1)
    t = stats.ttest_1samp(s, 0).statistic
    return len(s), mean, std, mean / std, t


golden = {}
for name, series in [("ic", ic), ("rank_ic", rank_ic)]:
    n, mean, std, ir, t = summary(series)
    golden.update({f"{name}.dates": n, f"{name}.mean": mean, f"{name}.std": std, f"{name}.ir": ir, f"{name}.t": t})

# alphalens: per-date qcut into Q buckets, label demeaned by the date's mean over scored rows.
both = both.copy()
both["q"] = both.groupby("date")["score"].transform(lambda s: pd.qcut(s, Q, labels=False)) + 1
both["demeaned"] = both["label"] - both.groupby("date")["label"].transform("mean")
by_date = both.groupby(["date", "q"])["demeaned"].mean().unstack()
means = by_date.mean()
errors = by_date.std(ddof=1) / np.sqrt(by_date.count())
for q in range(1, Q + 1):
    golden[f"quantile.{q}.mean"] = means[q]
    golden[f"quantile.{q}.se"] = errors[q]
golden["spread"] = means[Q] - means[1]
golden["spread.se"] = np.sqrt(errors[Q] ** 2 + errors[1] ** 2)

# Turnover of the top and bottom quantile between consecutive dates: share of names new to the set.
def turnover(q):
    sets = both[both["q"] == q].groupby("date")["instrument"].apply(set)
    values = [len(now - before) / len(now) for before, now in zip(sets.iloc[:-1], sets.iloc[1:])]
    return np.mean(values)


golden["turnover.top"] = turnover(Q)
golden["turnover.bottom"] = turnover(1)

# alphalens factor_rank_autocorrelation: ranks per date, correlated with the previous date's ranks.
scored = df.dropna(subset=["score"]).copy()
scored["rank"] = scored.groupby("date")["score"].rank()
wide = scored.pivot(index="date", columns="instrument", values="rank")
golden["rank_autocorrelation"] = wide.corrwith(wide.shift(1), axis=1).dropna().mean()

monthly = ic.groupby([ic.index.year, ic.index.month]).mean()
for (year, month), value in monthly.items():
    golden[f"monthly.{year}-{month:02d}"] = value

long_short = by_date[Q] - by_date[1]
golden["long_short.last"] = long_short.cumsum().iloc[-1]
golden["long_short.sharpe"] = long_short.mean() / long_short.std(ddof=1) * np.sqrt(252)

pd.Series(golden).to_csv("../resources/evaluation/golden.csv", header=["value"], index_label="name",
                         float_format="%.17g")
print(pd.Series(golden).to_string())
