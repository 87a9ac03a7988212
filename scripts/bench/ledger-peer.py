#!/usr/bin/env python3
"""The ledger checks of docs/ledgers.md in plain Python with the `csv` module: a peer of
`duban ledger` for `make bench`, and an independent oracle for the ledger generator's manifest.

    scripts/bench/ledger-peer.py FILE --kind credit|expense [--findings OUT.csv]

Prints one JSON object: the data lines read, the number of findings of each kind, and per month the rows
and the yuan credited (or spent) of every readable row. --findings writes `line,kind` for every
finding, in line order. One core, one pass, memory flat in the number of rows.

Format as docs/ledgers.md says: UTF-8 (a BOM skipped), `\\n` or `\\r\\n`, RFC 4180 quoting with
no line break inside a field, so each physical line is one row: a line that is not a sequence of
RFC 4180 fields (a quote left open, a quote inside an unquoted field, text after a closing quote)
is `invalid` and the next line is read. Columns by header name, each required one exactly once,
extra ones ignored; every row as many fields as the header; empty lines invalid. Amounts: digits,
at most two decimals, no sign (expense amounts may be negative), read as whole fen. Dates must
exist. Enumerations: the English slug or the Chinese word. Standards from rules/medins.yaml.
"""
import argparse
import csv
import datetime as dt
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ledger"))
import standards as S  # noqa: E402

CREDIT_COLUMNS = ["person_id", "status", "birth_date", "month", "contribution_base", "credited", "employer_share"]
EXPENSE_COLUMNS = ["person_id", "date", "beneficiary", "payee_kind", "category", "amount"]

STATUS = {"in-service": True, "在职": True, "retired": False, "退休": False}
BENEFICIARY = {"self": "self", "本人": "self", "spouse": "spouse", "配偶": "spouse", "parent": "parent", "父母": "parent",
               "child": "child", "子女": "child", "other": "other", "其他": "other"}
PAYEE = {"designated-medical-institution": "designated-medical-institution", "定点医疗机构": "designated-medical-institution",
         "designated-retail-pharmacy": "designated-retail-pharmacy", "定点零售药店": "designated-retail-pharmacy",
         "commercial-health-insurance": "commercial-health-insurance", "商业健康保险": "commercial-health-insurance",
         "other": "other", "其他": "other"}
CATEGORY = {"medical-costs": "medical-costs", "医疗费用": "medical-costs", "drugs": "drugs", "药品": "drugs",
            "medical-devices": "medical-devices", "医疗器械": "medical-devices",
            "medical-consumables": "medical-consumables", "医用耗材": "medical-consumables",
            "commercial-health-insurance": "commercial-health-insurance", "商业健康保险": "commercial-health-insurance",
            "public-health": "public-health", "公共卫生": "public-health", "sports-fitness": "sports-fitness",
            "体育健身": "sports-fitness", "wellness": "wellness", "养生保健": "wellness", "other": "other", "其他": "other"}
# docs/ledgers.md, Checks: who may benefit, which payees, which uses (rules/medins.yaml medins.account-use).
ALLOWED_BENEFICIARY = {"self", "spouse", "parent", "child"}
ALLOWED_PAYEE = {"designated-medical-institution", "designated-retail-pharmacy", "commercial-health-insurance"}
ALLOWED_CATEGORY = {"medical-costs", "drugs", "medical-devices", "medical-consumables", "commercial-health-insurance"}

RFC4180_LINE = re.compile(r'(?:"(?:[^"]|"")*"|[^",]*)(?:,(?:"(?:[^"]|"")*"|[^",]*))*')
AMOUNT = re.compile(r"([0-9]+)(?:\.([0-9]{1,2}))?")
SIGNED = re.compile(r"(-?)([0-9]+)(?:\.([0-9]{1,2}))?")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MONTH = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")
PERSON = re.compile(r"[^\x00-\x1f\x7f]{1,64}")


class Invalid(Exception):
    pass


def fen(text):
    m = AMOUNT.fullmatch(text)
    if not m:
        raise Invalid
    return int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))


def signed_fen(text):
    m = SIGNED.fullmatch(text)
    if not m:
        raise Invalid
    v = int(m.group(2)) * 100 + int((m.group(3) or "0").ljust(2, "0"))
    return -v if m.group(1) else v


def person(text):
    if not PERSON.fullmatch(text) or len(text.encode("utf-8")) > 64:
        raise Invalid
    return text


class Dates:
    """Day text → (year, month), validated once per distinct text."""

    def __init__(self):
        self.seen = {}

    def __call__(self, text):
        got = self.seen.get(text)
        if got is None:
            if not DAY.fullmatch(text):
                raise Invalid
            try:
                d = dt.date(int(text[:4]), int(text[5:7]), int(text[8:10]))
            except ValueError:
                raise Invalid from None
            got = self.seen[text] = (d.year, d.month)
        return got


def lines(f, state, findings):
    """Physical lines as csv input, one row each; malformed ones reported here and left out."""
    lineno = 0
    for raw in f:
        lineno += 1
        state[1] = lineno
        line = raw.rstrip("\n").rstrip("\r") if raw.endswith("\n") else raw
        if lineno == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line or ('"' in line and not RFC4180_LINE.fullmatch(line)):
            findings.append((lineno, "invalid"))
            continue
        state[0] = lineno
        yield line


def check(path, kind, std):
    findings = []
    months = {}     # month text → [rows, fen]
    state = [0, 0]      # the line of the row the reader returned last; the lines read
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(lines(f, state, findings), strict=True)
        header = next(reader, None)
        wanted = CREDIT_COLUMNS if kind == "credit" else EXPENSE_COLUMNS
        if header is None or state[0] != 1 or any(header.count(c) != 1 for c in wanted):
            return 0, [(1, "invalid")], months
        width = len(header)
        cols = [header.index(c) for c in wanted]
        dates = Dates()
        append = findings.append
        for row in reader:
            line = state[0]
            if len(row) != width:
                append((line, "invalid"))
                continue
            try:
                if kind == "credit":
                    found, month, amount = credit_row(row, cols, dates, std)
                else:
                    found, month, amount = expense_row(row, cols, dates)
            except Invalid:
                append((line, "invalid"))
                continue
            for k in found:
                append((line, k))
            t = months.get(month)
            if t is None:
                t = months[month] = [0, 0]
            t[0] += 1
            t[1] += amount
    findings.sort()
    return state[1] - 1, findings, months


def credit_row(row, cols, dates, std):
    pid, status, birth, month, base, credited, employer = (row[i] for i in cols)
    person(pid)
    inservice = STATUS.get(status)
    if inservice is None:
        raise Invalid
    by, bm = dates(birth)
    if not MONTH.fullmatch(month):
        raise Invalid
    key = S.month_key(int(month[:4]), int(month[5:]))
    base_fen = fen(base) if inservice or base else None
    credited_fen = fen(credited)
    employer_fen = fen(employer)
    found = []
    standard = std(key)
    if standard is None:
        found.append("no-standard")
    else:
        pct, under, plus = standard
        if inservice:
            expected = S.inservice_credit_fen(base_fen, pct)
        else:
            expected = plus if key >= S.turns70_key(by, bm) else under
        if credited_fen != expected:
            found.append("credit-mismatch")
    if employer_fen != 0:
        found.append("employer-share-credited")
    return found, month, credited_fen


def expense_row(row, cols, dates):
    pid, date, beneficiary, payee, category, amount = (row[i] for i in cols)
    person(pid)
    y, m = dates(date)
    b, p, c = BENEFICIARY.get(beneficiary), PAYEE.get(payee), CATEGORY.get(category)
    if b is None or p is None or c is None:
        raise Invalid
    value = signed_fen(amount)
    found = []
    if b not in ALLOWED_BENEFICIARY:
        found.append("ineligible-beneficiary")
    if p not in ALLOWED_PAYEE:
        found.append("undesignated-payee")
    if c not in ALLOWED_CATEGORY:
        found.append("prohibited-use")
    if value <= 0:
        found.append("nonpositive-amount")
    return found, f"{y:04d}-{m:02d}", value


def summary(kind, rows, findings, months):
    counts = {}
    for _, k in findings:
        counts[k] = counts.get(k, 0) + 1
    return {"kind": kind, "rows": rows, "findings": dict(sorted(counts.items())),
            "months": {m: {"rows": r, "total": S.fen_text(t)} for m, (r, t) in sorted(months.items())}}


def main():
    ap = argparse.ArgumentParser(description="Python csv peer of duban ledger")
    ap.add_argument("file")
    ap.add_argument("--kind", choices=["credit", "expense"], required=True)
    ap.add_argument("--findings", help="write line,kind of every finding here")
    args = ap.parse_args()
    standards = S.Standards()
    cache = {}

    def std(key):
        if key not in cache:
            cache[key] = standards.in_force(key)
        return cache[key]

    rows, findings, months = check(args.file, args.kind, std)
    if args.findings:
        with open(args.findings, "w", encoding="utf-8", newline="") as f:
            f.write("line,kind\n")
            f.writelines(f"{line},{k}\n" for line, k in findings)
    print(json.dumps(summary(args.kind, rows, findings, months), ensure_ascii=False))


if __name__ == "__main__":
    main()
