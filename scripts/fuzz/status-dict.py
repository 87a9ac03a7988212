#!/usr/bin/env python3
"""Prints the libFuzzer dictionary of the status target: the YAML dictionary, the status-file
keys and values (SPEC §4), and every rule id, metric id, department name, variant and slug
found in a rules folder (so it follows the rules as they change). No YAML library needed.

    python3 scripts/fuzz/status-dict.py [RULES] > .build-fuzz/status.dict
"""
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent

STATUS_TOKENS = [
    "department: ", "period: ", "submitted: ", "tasks:", "metrics:",
    "  - rule: ", "    status: ", "    progress: ", "    completed: ", "    milestones: ", "    note: ",
    "  - metric: ", "    value: ", "    scope: ",
    "rule", "status", "progress", "completed", "milestones", "note", "metric", "value", "scope", "due",
    "{due: 2022-03-31, completed: 2022-03-30}", "- {rule: ", "- {metric: ",
    "done", "in-progress", "not-started", "blocked", "city",
    "2022-06", "2022-07-05", "2022-06-30", "2022-02-29", "2022-12-31", "2023-01-06", "2022-13", "2022-6",
    "0", "1", "0.55", "1.5", "-1",
]

VALUE = re.compile(r"^\s*(?:-\s+)?(id|name|slug|metric):\s*(\S.*?)\s*$")
VARIANTS = re.compile(r"^\s*variants:\s*\[(.*)\]\s*$")


def escape(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if byte < 0x20 or byte >= 0x7F or char in '"\\':
            out.append(f"\\x{byte:02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def words(rules: pathlib.Path) -> list[str]:
    found: set[str] = set()
    for path in sorted(rules.rglob("*.yaml")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.split(" #", 1)[0]
            if m := VALUE.match(line):
                found.add(m.group(2).strip("'\""))
            elif m := VARIANTS.match(line):
                found.update(v.strip().strip("'\"") for v in m.group(1).split(",") if v.strip())
    return sorted(w for w in found if 0 < len(w.encode()) <= 64)


def main() -> None:
    rules = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "rules")
    print((HERE / "yaml.dict").read_text(encoding="utf-8"))
    print("# Status files (SPEC §4)")
    for token in STATUS_TOKENS:
        print(escape(token))
    print(f"\n# Ids and names from {rules}/")
    for word in words(rules):
        print(escape(word))


if __name__ == "__main__":
    main()
