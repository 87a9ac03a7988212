"""The credit standards of 京政办发〔2022〕8号 as rules/medins.yaml dates them, in exact arithmetic.

Shared by the ledger generator (scripts/ledger/gen-ledgers.py) and the Python and DuckDB peers of
the ledger bench (scripts/bench/ledger-peer.py, ledger-duckdb.py), so all of them read the same
dated values as duban does; none of them has a number of its own.

Conventions (docs/ledgers.md):
- the value of a standard for a month is the latest dated value whose effective day falls in or
  before that month;
- an in-service credit is base × percentage ÷ 100, computed in fen, rounded to the fen half-up;
- a retiree is credited the 70-plus amount from the month of the 70th birthday inclusive (a
  29 February birthday falls on 28 February in a common year: the month is February either way).
"""
import os
from fractions import Fraction

import yaml

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RULES = os.path.join(REPO, "rules", "medins.yaml")

INSERVICE = "medins.inservice-credit"
UNDER70 = "medins.retiree-credit-under70"
PLUS70 = "medins.retiree-credit-70plus"
EMPLOYER = "medins.employer-contribution-to-pool"
ACCOUNT_USE = "medins.account-use"


def month_key(year, month):
    """Months as one integer: year × 12 + month − 1."""
    return year * 12 + month - 1


def parse_month(text):
    year, month = text.split("-")
    year, month = int(year), int(month)
    if len(text) != 7 or not 1 <= month <= 12:
        raise ValueError(f"not a month YYYY-MM: {text!r}")
    return month_key(year, month)


def month_text(key):
    return f"{key // 12:04d}-{key % 12 + 1:02d}"


class Standards:
    """Dated values of the three credit standards, looked up by month key."""

    def __init__(self, path=RULES):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        series = {}
        for rule in doc["rules"]:
            if rule["id"] in (INSERVICE, UNDER70, PLUS70):
                # Effective day → its month; values exact (str() keeps what YAML printed, e.g. 2 or 2.5).
                series[rule["id"]] = sorted((month_key(v["effective"].year, v["effective"].month), Fraction(str(v["value"])))
                                            for v in rule["standard"]["values"])
        missing = {INSERVICE, UNDER70, PLUS70} - series.keys()
        if missing:
            raise ValueError(f"{path}: no standard for {sorted(missing)}")
        self.series = series
        # Every month from which some value changes: the segments of constant standards.
        self.changes = sorted({m for values in series.values() for m, _ in values})
        self.first_month = max(values[0][0] for values in series.values())

    def value(self, rule, key):
        current = None
        for effective, value in self.series[rule]:
            if effective <= key:
                current = value
        return current

    def in_force(self, key):
        """(percentage as a Fraction, under-70 fen, 70-plus fen) for a month, or None before the first."""
        if key < self.first_month:
            return None
        pct, under, plus = (self.value(r, key) for r in (INSERVICE, UNDER70, PLUS70))
        return pct, yuan_to_fen(under), yuan_to_fen(plus)


def yuan_to_fen(value):
    fen = Fraction(value) * 100
    if fen.denominator != 1:
        raise ValueError(f"{value} yuan is not a whole number of fen")
    return int(fen)


def inservice_credit_fen(base_fen, pct):
    """base × pct ÷ 100 in fen, rounded half-up (bases are never negative): exact integers."""
    num = base_fen * pct.numerator
    den = 100 * pct.denominator
    return (2 * num + den) // (2 * den)


def turns70_key(birth_year, birth_month):
    """The month key of the 70th birthday (the first 70-plus month)."""
    return month_key(birth_year + 70, birth_month)


def fen_text(fen):
    """Fen as a yuan amount with two decimals: 24691 → '246.91', -1250 → '-12.50'."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"
