#!/usr/bin/python3
"""Qlib's Alpha360 fields as the oracle's EXPRESSIONS.tsv (name<TAB>expression), written from Qlib's
Alpha360DL.get_feature_config (qlib/contrib/data/loader.py) apart from the Java library that builds the same list.

Usage: /usr/bin/python3 alpha360.py > alpha360.tsv
"""
fields, names = [], []
for field in ["close", "open", "high", "low", "vwap"]:
    for i in range(59, 0, -1):
        fields.append("Ref($%s, %d)/$close" % (field, i))
        names.append("%s%d" % (field.upper(), i))
    fields.append("$%s/$close" % field)
    names.append("%s0" % field.upper())
for i in range(59, 0, -1):
    fields.append("Ref($volume, %d)/($volume+1e-12)" % i)
    names.append("VOLUME%d" % i)
fields.append("$volume/($volume+1e-12)")
names.append("VOLUME0")
print("name\tqlib_expression")
for name, field in zip(names, fields):
    print("%s\t%s" % (name, field))
