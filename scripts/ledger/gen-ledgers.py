#!/usr/bin/env python3
"""Deterministic generator of synthetic medical-insurance personal-account ledgers (docs/ledgers.md).

    scripts/ledger/gen-ledgers.py OUT.csv --kind credit|expense --rows N --month 2022-06[:2022-12]
                                  [--defect-share 0.01] [--seed 1] [--manifest DEFECTS.csv]

Writes an account-credit or account-expense ledger in exactly the format of docs/ledgers.md,
N rows spread evenly over the month or the inclusive range of months, and plants defects in a
share of the rows (each defect row carries exactly one defect). --manifest writes one CSV line
per planted defect, after a header: `line,kind,rule,person_id`, where line is the physical line
of the row in OUT (the header is line 1), kind the finding duban must raise for it
(credit-mismatch, employer-share-credited, ineligible-beneficiary, undesignated-payee,
prohibited-use, nonpositive-amount, invalid), rule the rule it must cite (empty for invalid).
Rows not in the manifest raise nothing: the standards in force are read from rules/medins.yaml
(scripts/ledger/standards.py) and only months with a standard in force are accepted.

Everything is a function of the arguments: random.Random seeded with strings, no clock, no
hash randomisation; the same arguments give byte-identical files. Money is computed in integer
fen only. Two generators run side by side: the population (who the people are: status, birth
date, base; re-seeded for every month, so person j is the same person in every month of a range)
and the rows (defects, spelling, quoting; seeded per month).

Credit ledger: person ids unique per month; ≈ 77 % in service (18–65), the rest retired (50–100,
most in their sixties); bases between FLOOR and CEILING with bunching at both; retirees mostly
without a base. Edges planted in clean rows too: bases whose credit lands exactly on a half fen,
retirees turning 70 in the (first) month and the month after, retirees born on 29 February (in a
February whose year minus 70 is a leap year, some of them turn 70 that month). About 1 % of the
enumerated values are written in Chinese, some fields are quoted, a `note` column (extra, ignored
by the checks) sometimes holds a comma or a doubled quote.

Expense ledger: payments of one month in date order; beneficiaries mostly self, some spouse,
parent, child; payees designated medical institutions and retail pharmacies, some linked
commercial health insurance; a `payee` name column (extra) is quoted where it holds a comma or
a quote.

Defects: credit-mismatch (a fen or more off, half-fen truncated, 100 and 110 swapped —
including around the 70th birthday), employer-share-credited, ineligible-beneficiary (a sibling
or grandparent: `other`), undesignated-payee (`other`: a non-designated clinic, shop or online
store, with an allowed category), prohibited-use (wellness, sports and fitness, public health,
other, at a designated payee), nonpositive-amount (0 or a negative refund), and invalid rows that
cannot be read any other way: a date that does not exist, an amount with three decimals, a
quote left open at the end of the line, a wrong number of fields.
"""
import argparse
import calendar
import datetime as dt
import math
import os
import random
import sys
from bisect import bisect_right as bisect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import standards as S  # noqa: E402

# Contribution bases, yuan per month. ILLUSTRATIVE figures of a plausible order for Beijing in
# 2022, NOT taken from the gazette or from any notice: the circular sets no base, and the checks
# do not depend on these bounds.
FLOOR_FEN = 5_869_00
CEILING_FEN = 31_884_00
MEDIAN_BASE_FEN = 9_500_00

INSERVICE_SHARE = 0.77
ZH_SHARE = 0.01          # share of enumerated values written as the Chinese word
CHUNK = 50_000           # rows formatted per write

CREDIT_HEADER = "person_id,status,birth_date,month,contribution_base,credited,employer_share,note\n"
EXPENSE_HEADER = "person_id,date,beneficiary,payee_kind,payee,category,amount\n"

ZH = {"in-service": "在职", "retired": "退休", "self": "本人", "spouse": "配偶", "parent": "父母", "child": "子女",
      "other": "其他", "designated-medical-institution": "定点医疗机构", "designated-retail-pharmacy": "定点零售药店",
      "commercial-health-insurance": "商业健康保险", "medical-costs": "医疗费用", "drugs": "药品",
      "medical-devices": "医疗器械", "medical-consumables": "医用耗材", "public-health": "公共卫生",
      "sports-fitness": "体育健身", "wellness": "养生保健"}

# Notes a clerk might leave in the credit ledger (the `note` column is not checked). As written in
# the CSV: quoted where RFC 4180 requires it.
CREDIT_NOTES = ["补发", "\"基数调整,自本月起\"", "\"按\"\"退休\"\"待遇划入\"", "转入", "\"单位变更,续保\""]

# Synthetic payees, as written in the CSV (quoted where needed). Made-up names.
INSTITUTIONS = ["朝阳区第一社区卫生服务中心", "海淀区中医医院", "北京市第三人民医院", "丰台区妇幼保健院",
                "\"西城区口腔医院,德胜门分院\"", "通州区潞城社区卫生服务站", "昌平区中西医结合医院"]
PHARMACIES = ["京康大药房（望京店）", "\"\"\"惠民\"\"大药房\"", "\"仁和堂药店,北苑店\"", "金象药房（双井店）",
              "百合大药房", "永安堂医药连锁（回龙观店）"]
INSURERS = ["\"普惠健康保,年度保费\"", "惠民医疗补充保险"]
# Illustrative yearly premiums of a linked commercial product (yuan), not from any source.
PREMIUMS_FEN = [195_00, 299_00, 699_00]
NOT_DESIGNATED = ["非定点诊所（私营）", "\"网上药店,境外代购\"", "美容医疗工作室", "社区便利店"]
PROHIBITED = [  # (payee kind, payee, category): prohibited uses at designated payees
    ("designated-retail-pharmacy", "百合大药房", "wellness"),
    ("designated-retail-pharmacy", "京康大药房（望京店）", "sports-fitness"),
    ("designated-medical-institution", "朝阳区第一社区卫生服务中心", "public-health"),
    ("designated-retail-pharmacy", "金象药房（双井店）", "other"),
]
BROKEN_PAYEES = ["京康大药房,望京店", "仁和堂药店,北苑店"]   # unquoted comma: one field too many

CREDIT_DEFECTS = [("credit-mismatch", 0.45), ("employer-share-credited", 0.25), ("invalid", 0.30)]
EXPENSE_DEFECTS = [("ineligible-beneficiary", 0.20), ("undesignated-payee", 0.20), ("prohibited-use", 0.25),
                   ("nonpositive-amount", 0.15), ("invalid", 0.20)]


def age_weights(lo, hi, weight):
    ages = list(range(lo, hi + 1))
    cum, total = [], 0.0
    for a in ages:
        total += weight(a)
        cum.append(total)
    return ages, cum


# In service, 18–65: few at 18–24, flat 25–49, thinning in the fifties (women retire at 50/55),
# a few to 65.
INSERVICE_AGES = age_weights(18, 65, lambda a: 0.2 + 0.8 * (a - 18) / 7 if a < 25 else 1.0 if a < 50
                             else 1.0 - 0.07 * (a - 49) if a < 60 else 0.08)
# Retired, 50–100: some women at 50–54, more at 55–59, most at 60–67, then falling off.
RETIRED_AGES = age_weights(50, 100, lambda a: 0.15 if a < 55 else 0.5 if a < 60 else 1.0 if a < 68
                           else math.exp(-(a - 67) / 9))


class Days:
    """Every day of the years first…last as text, with its month key, indexed by ordinal − first day."""

    def __init__(self, first, last):
        self.first = dt.date(first, 1, 1).toordinal()
        self.text, self.month = [], []
        for o in range(self.first, dt.date(last, 12, 31).toordinal() + 1):
            d = dt.date.fromordinal(o)
            self.text.append(d.isoformat())
            self.month.append(S.month_key(d.year, d.month))

    def index(self, y, m, d):
        return dt.date(y, m, d).toordinal() - self.first


ID_STEP, ID_SPACE = 7_919_351, 10_000_000_000   # coprime: j → id is one-to-one below ID_SPACE


def id_text(j, salt):
    """Person j's id: a bijection of j onto 10 digits (unique per j), offset by the seed."""
    return f"BJ{(j * ID_STEP + salt) % ID_SPACE:010d}"


def pick(rng, weighted):
    r = rng.random()
    total = 0.0
    for item, w in weighted:
        total += w
        if r < total:
            return item
    return weighted[-1][0]


def word(rng, slug):
    return ZH.get(slug, slug) if rng.random() < ZH_SHARE else slug


def amount_text(fen, rng):
    """Two decimals, or (2 %) the shortest exact form: 35, 35.5, 35.05 (fen ≥ 0)."""
    if rng.random() < 0.02:
        return short_text(fen)
    return f"{fen // 100}.{fen % 100:02d}"


def short_text(fen):
    y, f = divmod(fen, 100)
    return str(y) if f == 0 else f"{y}.{f // 10}" if f % 10 == 0 else f"{y}.{f:02d}"


def months_of(spec):
    first, _, last = spec.partition(":")
    a = S.parse_month(first)
    b = S.parse_month(last) if last else a
    if b < a:
        raise ValueError(f"empty month range {spec}")
    return list(range(a, b + 1))


def split_rows(rows, months):
    per, extra = divmod(rows, len(months))
    return [per + (1 if i < extra else 0) for i in range(len(months))]


class Population:
    """Person j of a credit ledger: status, birth-day index, base (fen or None). Edges planted."""

    def __init__(self, seed, first_month, pct, days):
        self.seed = seed
        self.days = days
        y0, m0 = first_month // 12, first_month % 12 + 1
        # Age a on the first day of the first month: born in (ref − (a+1) years, ref − a years].
        self.span = {}
        for a in range(18, 101):
            hi = days.index(y0 - a, m0, 1)
            lo = days.index(y0 - a - 1, m0, 1) + 1
            self.span[a] = (lo, hi - lo + 1)
        self.inservice_spans = [self.span[a] for a in INSERVICE_AGES[0]]
        self.inservice_cum = INSERVICE_AGES[1]
        self.retired_spans = [self.span[a] for a in RETIRED_AGES[0]]
        self.retired_cum = RETIRED_AGES[1]
        # Retirees turning 70 in the first month (110 from that month) and in the next (still 100).
        self.turning = self.month_span(y0 - 70, m0)
        ny, nm = (y0, m0 + 1) if m0 < 12 else (y0 + 1, 1)
        self.next_turning = self.month_span(ny - 70, nm)
        # 29 February birthdays: turning 70 this month if it is a February 70 years after a leap
        # year, otherwise a leap year between 1924 and 1972.
        leap_now = m0 == 2 and calendar.isleap(y0 - 70)
        self.feb29 = [days.index(y, 2, 29) for y in range(1924, 1973, 4) if calendar.isleap(y)]
        self.feb29_turning = days.index(y0 - 70, 2, 29) if leap_now else None
        # Bases whose credit is exactly on a half fen: base_fen ≡ r (mod period).
        period = 100 * pct.denominator
        self.half = [r for r in range(period) if (r * pct.numerator) % period == 50 * pct.denominator]
        self.period = period
        self.log_median = math.log(MEDIAN_BASE_FEN)

    def month_span(self, y, m):
        return self.days.index(y, m, 1), calendar.monthrange(y, m)[1]

    def rng(self):
        return random.Random(f"duban-ledger/{self.seed}/population")

    def person(self, rand, rng):
        """(in_service, birth-day index, base fen or None, half-fen base?)"""
        if rand() < INSERVICE_SHARE:
            lo, n = self.inservice_spans[bisect(self.inservice_cum, rand() * self.inservice_cum[-1])]
            birth = lo + int(rand() * n)
            r = rand()
            if r < 0.18:
                base = FLOOR_FEN
            elif r < 0.22:
                base = CEILING_FEN
            else:
                base = int(math.exp(self.log_median + 0.45 * rng.gauss(0.0, 1.0)))
                base = min(max(base, FLOOR_FEN), CEILING_FEN)
            half = False
            if self.half and rand() < 0.03:
                candidate = base - base % self.period + self.half[0]
                if candidate > CEILING_FEN:
                    candidate -= self.period
                if candidate >= FLOOR_FEN:
                    base, half = candidate, True
            return True, birth, base, half
        r = rand()
        if r < 0.03:
            lo, n = self.turning
            birth = lo + int(rand() * n)
        elif r < 0.05:
            lo, n = self.next_turning
            birth = lo + int(rand() * n)
        elif r < 0.06:
            birth = self.feb29_turning if self.feb29_turning is not None and rand() < 0.5 else rng.choice(self.feb29)
        else:
            lo, n = self.retired_spans[bisect(self.retired_cum, rand() * self.retired_cum[-1])]
            birth = lo + int(rand() * n)
        base = None
        if rand() < 0.05:   # a few retirees still carry their last base: read, not checked
            base = int(math.exp(self.log_median + 0.45 * rng.gauss(0.0, 1.0)))
            base = min(max(base, FLOOR_FEN), CEILING_FEN)
        return False, birth, base, False


class RowWriter:
    """A ledger file written CHUNK rows at a time: rows are joined into one write, not one each."""

    def __init__(self, out):
        self.out, self.buf = out, []

    def write(self, text):
        self.flush()
        self.out.write(text)

    def row(self, fields):
        self.buf.append(",".join(fields) + "\n")
        if len(self.buf) == CHUNK:
            self.flush()

    def flush(self):
        self.out.write("".join(self.buf))
        self.buf.clear()


def credit_rows(args, std, days, out, manifest):
    months = months_of(args.month)
    first = months[0]
    pop = Population(args.seed, first, std.in_force(first)[0], days)
    salt = random.Random(f"duban-ledger/{args.seed}/ids").randrange(ID_SPACE)
    line = 1
    out.write(CREDIT_HEADER)
    row = out.row
    for key, count in zip(months, split_rows(args.rows, months)):
        pct, under_fen, plus_fen = std.in_force(key)
        month = S.month_text(key)
        prng = pop.rng()             # the same people every month
        prand = prng.random
        rng = random.Random(f"duban-ledger/{args.seed}/credit/{month}")
        rand = rng.random
        share = args.defect_share
        dtext, dmonth = days.text, days.month
        for j in range(count):
            line += 1
            inservice, birth, base, half = pop.person(prand, prng)
            pid = f"BJ{(j * ID_STEP + salt) % ID_SPACE:010d}"   # id_text(j, salt), inlined
            if inservice:
                status = "in-service"
                credited = S.inservice_credit_fen(base, pct)
                rule = S.INSERVICE
            else:
                status = "retired"
                plus = key >= dmonth[birth] + 70 * 12
                credited = plus_fen if plus else under_fen
                rule = S.PLUS70 if plus else S.UNDER70
            # Inlined amount_text (this loop writes 20 million rows in the bench): same draws.
            if base is None:
                base_text = ""
            elif rand() < 0.02:
                base_text = short_text(base)
            else:
                base_text = f"{base // 100}.{base % 100:02d}"
            credited_text = short_text(credited) if rand() < 0.02 else f"{credited // 100}.{credited % 100:02d}"
            fields = [pid, ZH[status] if rand() < ZH_SHARE else status, dtext[birth], month, base_text, credited_text,
                      "0" if rand() < 0.3 else "0.00",
                      CREDIT_NOTES[int(rand() * len(CREDIT_NOTES))] if rand() < 0.01 else ""]
            if rand() < 0.01:
                fields[0] = f'"{pid}"'
            if rand() < 0.005:
                fields[1] = f'"{fields[1]}"'
            if rand() < share:
                kind = pick(rng, CREDIT_DEFECTS)
                if kind == "credit-mismatch":
                    if inservice:
                        r = rand()
                        if half and r < 0.5:
                            wrong = credited - 1            # the half fen dropped (rounded down)
                        elif r < 0.6:
                            wrong = credited + (1 if rand() < 0.5 else -1)
                        else:
                            wrong = credited + rng.randint(2, 50_000) * (1 if rand() < 0.5 else -1)
                        if wrong < 0:
                            wrong = credited + (credited - wrong)
                        fields[5] = S.fen_text(wrong)
                    else:                                   # 100 and 110 swapped
                        fields[5] = S.fen_text(under_fen if credited == plus_fen else plus_fen)
                elif kind == "employer-share-credited":
                    rule = S.EMPLOYER
                    fields[6] = S.fen_text(rng.randint(1, 20_000) if base is None else max(1, base * 3 // 1000))
                else:
                    rule = ""
                    invalid_credit(rng, fields, dtext[birth], credited)
                manifest.append(f"{line},{kind},{rule},{pid}\n")
            row(fields)


def invalid_credit(rng, fields, birth, credited):
    how = rng.randrange(4)
    if how == 0:     # a birth date that does not exist
        y = birth[:4]
        fields[2] = rng.choice([f"{y}-02-30", f"{y}-02-31", f"{y}-04-31", f"{y}-06-31", f"{y}-11-31", f"{y}-13-01"])
        if not calendar.isleap(int(y)) and rng.random() < 0.3:
            fields[2] = f"{y}-02-29"
    elif how == 1:   # three decimals (the unrounded credit)
        fields[5] = f"{S.fen_text(credited)}{rng.randint(1, 9)}"
    elif how == 2:   # a quote left open: the rest of the line (no quote in it) is inside it
        fields[0] = '"' + fields[0].strip('"')
        fields[1] = fields[1].strip('"')
        fields[7] = ""
    else:            # a wrong number of fields: a comma in an unquoted note, or a column lost
        if rng.random() < 0.5:
            fields[7] = "基数调整,自本月起"
        else:
            del fields[6]


def expense_rows(args, std, days, out, manifest):
    months = months_of(args.month)
    salt = random.Random(f"duban-ledger/{args.seed}/ids").randrange(ID_SPACE)
    people = max(1_000, args.rows // 3)
    line = 1
    out.write(EXPENSE_HEADER)
    row = out.row
    for key, count in zip(months, split_rows(args.rows, months)):
        y, m = key // 12, key % 12 + 1
        ndays = calendar.monthrange(y, m)[1]
        month = S.month_text(key)
        rng = random.Random(f"duban-ledger/{args.seed}/expense/{month}")
        rand = rng.random
        for i in range(count):
            line += 1
            pid = id_text(rng.randrange(people), salt)
            date = f"{month}-{1 + i * ndays // count:02d}"
            r = rand()
            beneficiary = "self"
            if r < 0.45:
                payee_kind, payee, category = "designated-medical-institution", rng.choice(INSTITUTIONS), "medical-costs"
                amount = max(1, int(math.exp(math.log(150_00) + 1.0 * rng.gauss(0.0, 1.0))))
            elif r < 0.95:
                payee_kind, payee = "designated-retail-pharmacy", rng.choice(PHARMACIES)
                category = pick(rng, [("drugs", 0.75), ("medical-devices", 0.15), ("medical-consumables", 0.10)])
                amount = max(1, int(math.exp(math.log(60_00) + 0.9 * rng.gauss(0.0, 1.0))))
            else:                                       # linked commercial insurance: the holder's own premium
                payee_kind, payee, category = "commercial-health-insurance", rng.choice(INSURERS), "commercial-health-insurance"
                amount = rng.choice(PREMIUMS_FEN)
            if payee_kind != "commercial-health-insurance":
                beneficiary = pick(rng, [("self", 0.80), ("spouse", 0.08), ("parent", 0.06), ("child", 0.06)])
            fields = [pid, date, word(rng, beneficiary), word(rng, payee_kind), payee, word(rng, category),
                      amount_text(amount, rng)]
            if rand() < 0.01:
                fields[0] = f'"{pid}"'
            if rand() < 0.005:
                fields[5] = f'"{fields[5]}"'
            if rand() < args.defect_share:
                kind = pick(rng, EXPENSE_DEFECTS)
                rule = S.ACCOUNT_USE
                if kind == "ineligible-beneficiary":      # a sibling or grandparent
                    fields[2] = word(rng, "other")
                elif kind == "undesignated-payee":
                    fields[3] = word(rng, "other")
                    fields[4] = rng.choice(NOT_DESIGNATED)
                    fields[5] = word(rng, "drugs" if rand() < 0.5 else "medical-costs")
                elif kind == "prohibited-use":
                    kind_, payee, category = rng.choice(PROHIBITED)
                    fields[3], fields[4], fields[5] = word(rng, kind_), payee, word(rng, category)
                elif kind == "nonpositive-amount":     # nothing paid, or a refund booked as negative
                    fields[6] = rng.choice(["0", "0.00", S.fen_text(-amount)])
                else:
                    rule = ""
                    invalid_expense(rng, fields, y, m, ndays, amount)
                manifest.append(f"{line},{kind},{rule},{pid}\n")
            row(fields)


def invalid_expense(rng, fields, y, m, ndays, amount):
    how = rng.randrange(4)
    if how == 0:     # a day that does not exist in the month
        fields[1] = f"{y:04d}-{m:02d}-{ndays + 1:02d}" if ndays < 31 else f"{y:04d}-{m:02d}-32"
    elif how == 1:   # three decimals
        fields[6] = f"{S.fen_text(amount)}{rng.randint(1, 9)}"
    elif how == 2:   # a quote left open: the rest of the line (no quote in it) is inside it
        fields[4] = '"' + fields[4].strip('"').replace('""', "")
        fields[5] = fields[5].strip('"')
    else:            # a comma in an unquoted payee name: one field too many
        fields[4] = rng.choice(BROKEN_PAYEES)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="the CSV to write")
    ap.add_argument("--kind", choices=["credit", "expense"], required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--month", required=True, help="YYYY-MM or an inclusive range YYYY-MM:YYYY-MM")
    ap.add_argument("--defect-share", type=float, default=0.01, help="share of rows with one planted defect (0–1)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--manifest", help="write the planted defects here (line,kind,rule,person_id)")
    args = ap.parse_args(argv)
    if args.rows < 0 or not 0 <= args.defect_share <= 1:
        ap.error("--rows must be ≥ 0 and --defect-share within 0–1")
    std = S.Standards()
    try:
        months = months_of(args.month)
    except ValueError as e:
        ap.error(str(e))
    if months[0] < std.first_month:
        ap.error(f"--month: no standard is in force before {S.month_text(std.first_month)} (rules/medins.yaml); "
                 "rows of earlier months are not checked")
    days = Days(months[0] // 12 - 102, months[-1] // 12)
    manifest = []
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        out = RowWriter(f)
        (credit_rows if args.kind == "credit" else expense_rows)(args, std, days, out, manifest)
        out.flush()
    os.replace(tmp, args.out)
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8", newline="") as f:
            f.write("line,kind,rule,person_id\n")
            f.writelines(manifest)


if __name__ == "__main__":
    main()
