#!/usr/bin/env python3
"""Checks that the shipped rule files, sample submissions and golden JSON reports conform to
schemas/, and that the schemas still refuse a known-bad example of each (so they are not vacuous).
Needs PyYAML and jsonschema (`make test` installs them when missing)."""
import datetime
import json
import pathlib
import re
import sys

import jsonschema
import yaml

root = pathlib.Path(__file__).resolve().parent.parent


def plain(value):
    """YAML dates as the strings they were written as."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def validator(name):
    schema = json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


rules = validator("rules.schema.json")
status = validator("status.schema.json")
report = validator("report.schema.json")
ledgers = validator("ledgers.schema.json")
registries = {"documents.yaml", "departments.yaml"}
checks = [(p, rules) for p in sorted((root / "rules").rglob("*.yaml"))
          if p.name not in registries and p.parent.name not in ("metrics", "calendar")]
# inputs/README.md names the sample submissions that break the format on purpose.
readme = (root / "inputs" / "README.md").read_text(encoding="utf-8")
deliberate = {name for line in readme.splitlines() if line.startswith("Deliberately non-conforming files")
              for name in re.findall(r"`([^`]+\.yaml)`", line)}
checks += [(p, status) for p in sorted((root / "inputs").rglob("*.yaml"))
           if str(p.relative_to(root / "inputs")) not in deliberate]
goldens = sorted((root / "Tests" / "DubanReportersTests" / "Golden").glob("json-*.golden"))

problems = 0
for path, v in checks + [(p, report) for p in goldens]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".golden" else plain(yaml.safe_load(text))
    for error in sorted(v.iter_errors(data), key=lambda e: list(map(str, e.path))):
        problems += 1
        print(f"{path.relative_to(root)}: {'/'.join(map(str, error.path))}: {error.message}")

bad_rule = {"document": "pollution", "rules": [{"id": "pollution.air.1.1", "kind": "deadline", "citation": {"quote": "x"},
            "roles": {}, "targets": [{"metric": "x", "op": "about", "value": 3}]}]}
bad_status = {"department": "市水务局", "period": "2022-13", "submitted": "2022-07-05",
              "tasks": [{"rule": "pollution.water.7.1", "status": "done"}]}
bad_report = {"as_of": "2022-07-06", "summary": {"errors": 1, "warnings": 0, "files": 1},
              "violations": [{"rule": "x", "kind": "overdue", "severity": "fatal"}]}
bad_ledger_row = {"person_id": "P1", "status": "in-service", "birth_date": "1980-05-01", "month": "2022-06",
                  "contribution_base": "12345.67", "credited": "246.913", "employer_share": "0"}
good_ledger_rows = [{"person_id": "P1", "status": "在职", "birth_date": "1980-05-01", "month": "2022-06",
                     "contribution_base": "12345.67", "credited": "246.91", "employer_share": "0", "note": "extra columns are fine"},
                    {"person_id": "P2", "date": "2022-06-03", "beneficiary": "spouse", "payee_kind": "designated-retail-pharmacy",
                     "category": "drugs", "amount": "-12.50"}]
for row in good_ledger_rows:
    for error in ledgers.iter_errors(row):
        problems += 1
        print(f"schemas/ledgers.schema.json refuses a good row: {error.message}")
for name, v, bad in (("rules", rules, bad_rule), ("status", status, bad_status), ("report", report, bad_report),
                     ("ledgers", ledgers, bad_ledger_row)):
    if v.is_valid(bad):
        problems += 1
        print(f"schemas/{name}.schema.json accepts a known-bad example")

print(f"schemas: {len(checks) + len(goldens)} files checked, {problems} problems")
sys.exit(1 if problems else 0)
