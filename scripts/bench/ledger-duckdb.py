#!/usr/bin/env python3
"""The ledger checks of docs/ledgers.md as one DuckDB SQL query: a peer of `duban ledger` for
`make bench` (the tool a data team would pick), and a second oracle for the generator.

    scripts/bench/ledger-duckdb.py FILE --kind credit|expense [--threads N]

Prints the same JSON as scripts/bench/ledger-peer.py: the data lines read, the number of
findings of each kind, and per month the rows and the yuan credited (or spent) of every readable
row. One scan of the file, DuckDB's own threads (default: every core).

Reading. DuckDB's read_csv follows RFC 4180 to the letter: a quote left open runs on into the
next lines (on a 2,000-row generated ledger with 10 % defects it silently lost 566 rows). The
ledger format keeps each row on its physical line, so the query reads lines with read_csv (one
column, no quoting, the byte 0x1F as delimiter: a line holding that byte would be misread; the
generator never writes one) and splits them in SQL: `string_split` where the line holds no quote, a
regular expression (RFC 4180 fields, no line break) where it does; a line that is not a sequence
of RFC 4180 fields is invalid. The header is read in Python (column order is free, extra columns
are ignored, each required column exactly once). Limitation: read_csv takes one kind of line end
per file; a file mixing `\n` and `\r\n` (which docs/ledgers.md allows) stops it with an error.
The generator writes `\n` only.

Checks in exact arithmetic: amounts are matched as digits with at most two decimals, cast to
DECIMAL(18,2) and then to whole fen (BIGINT); the in-service credit is
(2 × base_fen × num + 100 × den) // (200 × den) for a percentage num/den (half-up to the fen,
bases are never negative); the retiree's 70-plus amount applies from the month of the 70th
birthday (year + 70, same month; a 29 February birthday is in February either way); the
standards in force come from rules/medins.yaml, as CASE expressions on the month.
"""
import argparse
import csv
import json
import os
import sys

import duckdb

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ledger"))
import standards as S  # noqa: E402

CREDIT_COLUMNS = ["person_id", "status", "birth_date", "month", "contribution_base", "credited", "employer_share"]
EXPENSE_COLUMNS = ["person_id", "date", "beneficiary", "payee_kind", "category", "amount"]

RFC4180_LINE = r'''(?:"(?:[^"]|"")*"|[^",]*)(?:,(?:"(?:[^"]|"")*"|[^",]*))*'''
RFC4180_FIELD = r''',("(?:[^"]|"")*"|[^,"]*)'''
AMOUNT = r"[0-9]+(\.[0-9]{1,2})?"
SIGNED = r"-?[0-9]+(\.[0-9]{1,2})?"
DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
MONTH = r"[0-9]{4}-(0[1-9]|1[0-2])"


def sql_list(values):
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def lines_sql():
    # Lines, then fields: NULL for a line that is not RFC 4180 (or empty).
    return f"""
    lines AS (
      SELECT l FROM read_csv($file, header = false, skip = 1, columns = {{'l': 'VARCHAR'}}, delim = $unit,
                             quote = '', escape = '', auto_detect = false)
    ),
    split AS (
      SELECT CASE
        WHEN l IS NULL OR l = '' THEN NULL
        WHEN strpos(l, '"') = 0 THEN string_split(l, ',')
        WHEN regexp_full_match(l, '{RFC4180_LINE}') THEN
          list_transform(regexp_extract_all(',' || l, '{RFC4180_FIELD}', 1),
                         lambda x: CASE WHEN starts_with(x, '"') THEN replace(x[2:-2], '""', '"') ELSE x END)
      END AS f
      FROM lines
    )"""


def person_ok(col):
    return f"(strlen({col}) BETWEEN 1 AND 64 AND NOT regexp_matches({col}, '[\\x00-\\x1f\\x7f]'))"


def day_ok(col):
    return f"(regexp_full_match({col}, '{DAY}') AND try_strptime({col}, '%Y-%m-%d') IS NOT NULL)"


def fen(col):
    return f"CAST(CAST({col} AS DECIMAL(18,2)) * 100 AS BIGINT)"


def credit_query(width, idx):
    std, first = standards_sql()
    p, st, bd, mo, base, cr, emp = (f"f[{idx[c]}]" for c in CREDIT_COLUMNS)
    inservice = sql_list(["in-service", "在职"])
    status = sql_list(["in-service", "在职", "retired", "退休"])
    return f"""
    WITH {lines_sql()},
    rows AS (
      SELECT {p} AS pid, {st} AS st, {bd} AS bd, {mo} AS mo, {base} AS base, {cr} AS cr, {emp} AS emp,
             f IS NOT NULL AND len(f) = {width} AS shaped
      FROM split
    ),
    valid AS (
      SELECT *, shaped
        AND {person_ok('pid')} AND st IN ({status}) AND {day_ok('bd')} AND regexp_full_match(mo, '{MONTH}')
        AND (regexp_full_match(base, '{AMOUNT}') OR (base = '' AND st NOT IN ({inservice})))
        AND regexp_full_match(cr, '{AMOUNT}') AND regexp_full_match(emp, '{AMOUNT}') AS ok
      FROM rows
    ),
    typed AS (
      SELECT ok, CASE WHEN ok THEN mo END AS mo,
             CASE WHEN ok THEN CAST(mo[1:4] AS INTEGER) * 12 + CAST(mo[6:7] AS INTEGER) - 1 END AS mkey,
             CASE WHEN ok THEN st IN ({inservice}) END AS inservice,
             CASE WHEN ok THEN CAST(bd[1:4] AS INTEGER) * 12 + CAST(bd[6:7] AS INTEGER) - 1 + 840 END AS turns70,
             CASE WHEN ok AND base <> '' THEN {fen('base')} END AS base_fen,
             CASE WHEN ok THEN {fen('cr')} END AS cr_fen,
             CASE WHEN ok THEN {fen('emp')} END AS emp_fen
      FROM valid
    ),
    standard AS (
      SELECT *, mkey < {first} AS no_standard, {std["num"]} AS num, {std["den"]} AS den,
             {std["under"]} AS under, {std["plus"]} AS plus
      FROM typed
    ),
    checked AS (
      SELECT *, CASE WHEN inservice THEN (2 * base_fen * num + 100 * den) // (200 * den)
                     WHEN mkey >= turns70 THEN plus ELSE under END AS expected
      FROM standard
    )
    SELECT mo, count(*) AS lines, count(*) FILTER (WHERE NOT ok) AS invalid,
           count(*) FILTER (WHERE ok AND no_standard) AS no_standard,
           count(*) FILTER (WHERE ok AND NOT no_standard AND cr_fen <> expected) AS credit_mismatch,
           count(*) FILTER (WHERE ok AND emp_fen <> 0) AS employer_share,
           sum(cr_fen) FILTER (WHERE ok) AS total
    FROM checked GROUP BY mo"""


def expense_query(width, idx):
    p, date, ben, payee, cat, amount = (f"f[{idx[c]}]" for c in EXPENSE_COLUMNS)
    beneficiary = sql_list(["self", "本人", "spouse", "配偶", "parent", "父母", "child", "子女"])
    payees = sql_list(["designated-medical-institution", "定点医疗机构", "designated-retail-pharmacy", "定点零售药店",
                       "commercial-health-insurance", "商业健康保险"])
    categories = sql_list(["medical-costs", "医疗费用", "drugs", "药品", "medical-devices", "医疗器械", "medical-consumables",
                           "医用耗材", "commercial-health-insurance", "商业健康保险"])
    other = sql_list(["other", "其他"])
    prohibited = sql_list(["public-health", "公共卫生", "sports-fitness", "体育健身", "wellness", "养生保健", "other", "其他"])
    return f"""
    WITH {lines_sql()},
    rows AS (
      SELECT {p} AS pid, {date} AS date, {ben} AS ben, {payee} AS payee, {cat} AS cat, {amount} AS amount,
             f IS NOT NULL AND len(f) = {width} AS shaped
      FROM split
    ),
    valid AS (
      SELECT *, shaped AND {person_ok('pid')} AND {day_ok('date')}
        AND (ben IN ({beneficiary}) OR ben IN ({other})) AND (payee IN ({payees}) OR payee IN ({other}))
        AND (cat IN ({categories}) OR cat IN ({prohibited})) AND regexp_full_match(amount, '{SIGNED}') AS ok
      FROM rows
    ),
    typed AS (
      SELECT ok, CASE WHEN ok THEN date[1:7] END AS mo, CASE WHEN ok THEN {fen('amount')} END AS fen,
             ben, payee, cat
      FROM valid
    )
    SELECT mo, count(*) AS lines, count(*) FILTER (WHERE NOT ok) AS invalid,
           count(*) FILTER (WHERE ok AND ben NOT IN ({beneficiary})) AS ineligible_beneficiary,
           count(*) FILTER (WHERE ok AND payee NOT IN ({payees})) AS undesignated_payee,
           count(*) FILTER (WHERE ok AND cat NOT IN ({categories})) AS prohibited_use,
           count(*) FILTER (WHERE ok AND fen <= 0) AS nonpositive_amount,
           sum(fen) FILTER (WHERE ok) AS total
    FROM typed GROUP BY mo"""


def standards_sql():
    """The standards in force as CASE expressions on mkey, one branch per dated value (latest
    first). An expression rather than a join: a join on the month made DuckDB hold ledger rows
    (peak RSS growing with the rows), the expression streams."""
    std = S.Standards()
    starts = sorted((m for m in std.changes if m >= std.first_month), reverse=True)
    values = [(m, std.in_force(m)) for m in starts]
    columns = {
        "num": [(m, v[0].numerator) for m, v in values],
        "den": [(m, v[0].denominator) for m, v in values],
        "under": [(m, v[1]) for m, v in values],
        "plus": [(m, v[2]) for m, v in values],
    }
    exprs = {name: "CASE " + " ".join(f"WHEN mkey >= {m} THEN CAST({v} AS BIGINT)" for m, v in branches) + " END"
             for name, branches in columns.items()}
    return exprs, std.first_month


def header(path, wanted):
    with open(path, encoding="utf-8", newline="") as f:
        first = f.readline().rstrip("\n").rstrip("\r").lstrip("\ufeff")
    names = next(csv.reader([first]), [])
    if any(names.count(c) != 1 for c in wanted):
        return None, None
    return len(names), {c: names.index(c) + 1 for c in wanted}


def main():
    ap = argparse.ArgumentParser(description="DuckDB peer of duban ledger")
    ap.add_argument("file")
    ap.add_argument("--kind", choices=["credit", "expense"], required=True)
    ap.add_argument("--threads", type=int, help="DuckDB threads (default: DuckDB's, every core)")
    args = ap.parse_args()
    wanted = CREDIT_COLUMNS if args.kind == "credit" else EXPENSE_COLUMNS
    width, idx = header(args.file, wanted)
    if width is None:
        print(json.dumps({"kind": args.kind, "rows": 0, "findings": {"invalid": 1}, "months": {}}))
        return
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    query = credit_query(width, idx) if args.kind == "credit" else expense_query(width, idx)
    # The delimiter is the one-byte unit separator U+001F, passed as a value: written '\x1f' in SQL
    # it is the 4-character delimiter `\x1f` (DuckDB strings keep backslashes), not the byte.
    result = con.execute(query, {"file": args.file, "unit": "\x1f"})
    names = [d[0] for d in result.description]
    counts, months, rows = {}, {}, 0
    for record in result.fetchall():
        r = dict(zip(names, record))
        lines = r.pop("lines")
        rows += lines
        month, total = r.pop("mo"), r.pop("total")     # month NULL: the unreadable lines
        for k, v in r.items():
            if v:
                k = k.replace("_", "-")
                k = "employer-share-credited" if k == "employer-share" else k
                counts[k] = counts.get(k, 0) + v
        if month is not None:
            months[month] = {"rows": lines, "total": S.fen_text(int(total))}
    print(json.dumps({"kind": args.kind, "rows": rows, "findings": dict(sorted(counts.items())),
                      "months": dict(sorted(months.items()))}, ensure_ascii=False))


if __name__ == "__main__":
    main()
