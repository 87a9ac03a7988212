"""Tests of the ledger generator and of the Python peer that serves as its oracle (`make test`).

    python3 -m unittest discover -s scripts/ledger -p 'test_*.py'

The peer is pinned first on hand-written rows whose findings follow from docs/ledgers.md alone
(the half fen, the 70th-birthday month, 29 February, quoting), so that generator and peer cannot
agree on a wrong convention; then generated ledgers must be byte-identical for the same
arguments, and the manifest must list exactly the (line, kind) findings of the peer: every
planted defect found with its kind, no finding anywhere else. The DuckDB peer is compared too
when the duckdb package is installed (`make bench` installs it).
"""
import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.join(HERE, "..", "bench")
GEN = os.path.join(HERE, "gen-ledgers.py")
PEER = os.path.join(BENCH, "ledger-peer.py")
DUCKDB_PEER = os.path.join(BENCH, "ledger-duckdb.py")
sys.path.insert(0, HERE)
import standards as S  # noqa: E402

CREDIT_HEADER = "person_id,status,birth_date,month,contribution_base,credited,employer_share,note\n"

# Hand-written rows; the comments give the line (the header is line 1) and what docs/ledgers.md says.
CREDIT_ROWS = [
    "A1,in-service,1980-01-01,2022-06,12345.25,246.91,0,\n",       # 2 half fen, rounded up: clean
    "A2,in-service,1980-01-01,2022-06,12345.25,246.90,0,\n",       # 3 rounded down: mismatch
    "A3,在职,1980-01-01,2022-06,12345.67,246.91,0.00,\r\n",         # 4 246.9134 → 246.91, CRLF: clean
    "B1,retired,1952-06-30,2022-06,,110,0,\n",                      # 5 turns 70 this month: 110 clean
    "B2,retired,1952-07-01,2022-06,,110.00,0,\n",                   # 6 turns 70 next month: 110 wrong
    "B3,退休,1952-07-01,2022-06,,100,0,\n",                         # 7 … 100 clean
    "B4,retired,1952-06-01,2022-06,,100.00,0,\n",                   # 8 turned 70 on the 1st: 100 wrong
    "B5,retired,1956-02-29,2026-02,,110.00,0,\n",                   # 9 29 Feb, 70 on 28 Feb 2026: clean
    "B6,retired,1956-02-29,2026-01,,100.00,0,\n",                   # 10 the month before: clean
    "B7,retired,1956-02-29,2026-01,,110.00,0,\n",                   # 11 the month before, 110: wrong
    '"A4",in-service,1980-01-01,2022-06,5000,100.00,"0",""\n',      # 12 quoted fields: clean
    'A5,in-service,1980-01-01,2022-06,5000,100.00,12.00,"a,""b"""\n',  # 13 employer share
    "A6,in-service,1980-02-30,2022-06,5000,100.00,0,\n",            # 14 no such day
    "A7,in-service,1980-01-01,2022-06,5000,100.005,0,\n",           # 15 three decimals
    '"A8,in-service,1980-01-01,2022-06,5000,100.00,0,\n',           # 16 a quote left open
    "A9,in-service,1980-01-01,2022-06,5000,100.00,0\n",             # 17 a field short
    "\n",                                                           # 18 an empty line
    'A10,in-service,1980-01-01,2022-06,5000,100.00,0,a"b\n',        # 19 a quote in an unquoted field
    "A11,in-service,1980-01-01,2022-06,5000,-100.00,0,\n",          # 20 a sign in a credit
    "A12,retired,1960-01-01,2022-06,,100.00,0,\n",                  # 21 a retiree without base: clean
    "A13,in-service,1980-01-01,2022-06,,100.00,0,\n",               # 22 in service without base
    "A14,in-service,1980-01-01,2022-02,5000,100.00,0,\n",           # 23 before the first standard
    "A15,in-service,1980-01-01,2022-06,5000,100.00,0,",             # 24 no final line end: clean
]

EXPENSE_ROWS = [
    "amount,category,payee_kind,beneficiary,date,person_id,extra\n",          # order free, extra column
    "12.50,drugs,designated-retail-pharmacy,spouse,2022-06-01,P1,x\n",         # 2 spouse: clean
    "12.50,drugs,designated-retail-pharmacy,other,2022-06-01,P2,sibling\n",    # 3 a sibling
    "80,sports-fitness,other,self,2022-06-02,P3,gym\n",                        # 4 a gym: payee and use
    "80,药品,定点零售药店,本人,2022-06-02,P4,\n",                              # 5 Chinese words: clean
    "195.00,commercial-health-insurance,commercial-health-insurance,self,2022-06-03,P5,\n",  # 6 clean
    "0,medical-costs,designated-medical-institution,child,2022-06-03,P6,\n",   # 7 zero
    "-12.50,wellness,designated-retail-pharmacy,parent,2022-06-30,P7,\n",      # 8 wellness, refund
    "12.50,drugs,designated-retail-pharmacy,self,2022-06-31,P8,\n",            # 9 no such day
    "12.50,drugs,designated-retail-pharmacy,cousin,2022-06-05,P9,\n",          # 10 not a beneficiary word
]


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


peer = load("ledger_peer", PEER)


def peer_findings(path, kind):
    std = S.Standards()
    rows, findings, months = peer.check(path, kind, std.in_force)
    return rows, findings, months


class Temp(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="duban-ledger-test-")
        self.addCleanup(self.dir.cleanup)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return self.path(name)

    def generate(self, name, *args):
        out, manifest = self.path(name + ".csv"), self.path(name + ".defects.csv")
        subprocess.run([sys.executable, GEN, out, "--manifest", manifest, *args], check=True)
        return out, manifest


class Arithmetic(unittest.TestCase):
    def test_half_up_to_the_fen(self):
        two = Fraction(2)
        self.assertEqual(S.inservice_credit_fen(1_234_525, two), 24_691)   # 246.905 → 246.91
        self.assertEqual(S.inservice_credit_fen(1_234_567, two), 24_691)   # 246.9134 → 246.91
        self.assertEqual(S.inservice_credit_fen(1_234_524, two), 24_690)   # 246.9048 → 246.90
        self.assertEqual(S.inservice_credit_fen(1_234_575, Fraction(5, 2)), 30_864)  # 308.64375 → 308.64

    def test_standards_from_the_rules(self):
        std = S.Standards()
        self.assertEqual(std.first_month, S.month_key(2022, 3))
        self.assertIsNone(std.in_force(S.month_key(2022, 2)))
        self.assertEqual(std.in_force(S.month_key(2022, 6)), (Fraction(2), 100_00, 110_00))


class PeerOnHandWrittenRows(Temp):
    """What docs/ledgers.md says, row by row (line numbers: the header is line 1)."""

    def test_credit(self):
        path = self.write("credit.csv", "\ufeff" + CREDIT_HEADER + "".join(CREDIT_ROWS))
        rows, findings, months = peer_findings(path, "credit")
        self.assertEqual(rows, 23)
        self.assertEqual(findings, [(3, "credit-mismatch"), (6, "credit-mismatch"), (8, "credit-mismatch"),
                                    (11, "credit-mismatch"), (13, "employer-share-credited"), (14, "invalid"),
                                    (15, "invalid"), (16, "invalid"), (17, "invalid"), (18, "invalid"), (19, "invalid"),
                                    (20, "invalid"), (22, "invalid"), (23, "no-standard")])
        self.assertEqual(months["2022-06"][0], 11)

    def test_expense(self):
        path = self.write("expense.csv", "".join(EXPENSE_ROWS))
        rows, findings, months = peer_findings(path, "expense")
        self.assertEqual(rows, 9)
        self.assertEqual(findings, [(3, "ineligible-beneficiary"), (4, "prohibited-use"), (4, "undesignated-payee"),
                                    (7, "nonpositive-amount"), (8, "nonpositive-amount"), (8, "prohibited-use"),
                                    (9, "invalid"), (10, "invalid")])
        self.assertEqual(months["2022-06"], [7, 1250 + 1250 + 8000 + 8000 + 19500 + 0 - 1250])

    def test_missing_column(self):
        path = self.write("bad.csv", "person_id,status,birth_date,month,contribution_base,credited\nA,retired,1950-01-01,2022-06,,110\n")
        self.assertEqual(peer_findings(path, "credit")[1], [(1, "invalid")])


class Generated(Temp):
    def assert_manifest_is_the_findings(self, out, manifest, kind):
        with open(manifest, encoding="utf-8", newline="") as f:
            planted = list(csv.DictReader(f))
        rows, findings, _ = peer_findings(out, kind)
        self.assertEqual(sorted((int(p["line"]), p["kind"]) for p in planted), findings)
        with open(out, encoding="utf-8", newline="") as f:
            lines = f.read().split("\n")
        for p in planted:
            self.assertEqual(p["rule"] == "", p["kind"] == "invalid", p)
            self.assertTrue(lines[int(p["line"]) - 1].lstrip('"').startswith(p["person_id"]), p)
        return rows, planted

    def test_same_arguments_same_bytes(self):
        args = ["--kind", "credit", "--rows", "3000", "--month", "2022-05:2022-07", "--defect-share", "0.05", "--seed", "s"]
        a = self.generate("a", *args)
        b = self.generate("b", *args)
        c = self.generate("c", *args[:-1], "t")
        for x, y in zip(a, b):
            with open(x, "rb") as f, open(y, "rb") as g:
                self.assertEqual(f.read(), g.read())
        with open(a[0], "rb") as f, open(c[0], "rb") as g:
            self.assertNotEqual(f.read(), g.read())

    def test_credit_defects_and_edges(self):
        out, manifest = self.generate("credit", "--kind", "credit", "--rows", "20000", "--month", "2026-02",
                                      "--defect-share", "0.1", "--seed", "edges")
        rows, planted = self.assert_manifest_is_the_findings(out, manifest, "credit")
        self.assertEqual(rows, 20000)
        self.assertEqual({p["kind"] for p in planted}, {"credit-mismatch", "employer-share-credited", "invalid"})
        defect_lines = {int(p["line"]) for p in planted}
        with open(out, encoding="utf-8", newline="") as f:
            lines = f.read().split("\n")[1:-1]
        # Row by row: a quote left open in a defect row must not run on into the next line.
        clean = [next(csv.reader([line])) for n, line in enumerate(lines, 2) if n not in defect_lines]
        ids = [line.split(",", 1)[0].strip('"') for line in lines]
        self.assertEqual(len(ids), len(set(ids)))                      # unique per month
        turning = [r for r in clean if r[1] in ("retired", "退休") and r[2].startswith("1956-02")]
        self.assertTrue(any(r[2] == "1956-02-29" and r[5] in ("110", "110.00") for r in turning))
        self.assertTrue(any(r[2].startswith("1956-03") and r[5] in ("100", "100.00") for r in clean))
        half = [r for r in clean if r[1] in ("in-service", "在职") and r[4].endswith(("25", "75")) and "." in r[4]]
        self.assertTrue(any((int(r[4].replace(".", "")) * 2) % 100 == 50 for r in half))
        # 100 and 110 swapped around the birthday: turning 70 in February 2026, or in March.
        swapped = [lines[int(p["line"]) - 2].split(",") for p in planted
                   if p["kind"] == "credit-mismatch" and p["rule"] != S.INSERVICE]
        self.assertTrue(any(r[2].startswith("1956-02") and r[5] == "100.00" for r in swapped))
        self.assertTrue(any(r[2].startswith("1956-03") and r[5] == "110.00" for r in swapped))
        inservice = sum(r[1] in ("in-service", "在职") for r in clean) / len(clean)
        self.assertTrue(0.74 <= inservice <= 0.80, inservice)

    def test_expense_defects(self):
        out, manifest = self.generate("expense", "--kind", "expense", "--rows", "20000", "--month", "2022-11:2023-02",
                                      "--defect-share", "0.1", "--seed", "e")
        rows, planted = self.assert_manifest_is_the_findings(out, manifest, "expense")
        self.assertEqual(rows, 20000)
        self.assertEqual({p["kind"] for p in planted}, {"ineligible-beneficiary", "undesignated-payee", "prohibited-use",
                                                         "nonpositive-amount", "invalid"})

    def test_months_before_the_standard_are_refused(self):
        p = subprocess.run([sys.executable, GEN, self.path("x.csv"), "--kind", "credit", "--rows", "1", "--month", "2022-02"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("no standard is in force before 2022-03", p.stderr)

    @unittest.skipUnless(importlib.util.find_spec("duckdb"), "duckdb is not installed (make bench installs it)")
    def test_duckdb_peer_agrees(self):
        for kind, month in (("credit", "2026-01:2026-02"), ("expense", "2022-06")):
            out, manifest = self.generate(kind, "--kind", kind, "--rows", "5000", "--month", month,
                                          "--defect-share", "0.1", "--seed", "d")
            duck = subprocess.run([sys.executable, DUCKDB_PEER, out, "--kind", kind], check=True, capture_output=True, text=True)
            py = subprocess.run([sys.executable, PEER, out, "--kind", kind], check=True, capture_output=True, text=True)
            self.assertEqual(json.loads(duck.stdout), json.loads(py.stdout))
            with open(manifest, encoding="utf-8") as f:
                counts = {}
                for p in csv.DictReader(f):
                    counts[p["kind"]] = counts.get(p["kind"], 0) + 1
            self.assertEqual(json.loads(py.stdout)["findings"], dict(sorted(counts.items())))

    @unittest.skipUnless(importlib.util.find_spec("duckdb"), "duckdb is not installed (make bench installs it)")
    def test_duckdb_peer_agrees_on_hand_written_rows(self):
        # One line end throughout: DuckDB's read_csv cannot read a file mixing \n and \r\n.
        for kind, text in (("credit", CREDIT_HEADER + "".join(CREDIT_ROWS).replace("\r\n", "\n")),
                           ("expense", "".join(EXPENSE_ROWS).replace("\n", "\r\n"))):
            path = self.write(kind + ".csv", text)
            duck = subprocess.run([sys.executable, DUCKDB_PEER, path, "--kind", kind], check=True, capture_output=True, text=True)
            py = subprocess.run([sys.executable, PEER, path, "--kind", kind], check=True, capture_output=True, text=True)
            self.assertEqual(json.loads(duck.stdout), json.loads(py.stdout))


if __name__ == "__main__":
    unittest.main()
