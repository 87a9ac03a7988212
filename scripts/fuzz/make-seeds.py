#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (docs/fuzzing.md) into Tests/Fuzz/corpus/.

    python3 scripts/fuzz/make-seeds.py

Seeds are small files only: the bad-input fixtures of Tests/DubanCLITests/BadInput, a few
sample reports of inputs/ (`make fuzz` also reads all of inputs/ as seeds, without copying it),
a few small rule files, and byte-level cases that must not pass through an editor (CRLF, BOM,
UTF-16, GBK, NUL). Run it again after those sources change; it only adds and overwrites files.
"""
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Tests/Fuzz/corpus"
STATUS = CORPUS / "status"
YAML = CORPUS / "yaml"

VALID = """department: 东城区政府
period: 2022-06
submitted: 2022-07-05
tasks:
  - rule: pollution.climate.5.1
    status: in-progress
    progress: 0.5
  - rule: pollution.climate.6.1
    status: done
    completed: 2022-06-20
  - rule: pollution.climate.3.1
    status: in-progress
    milestones: [{due: 2022-03-31, completed: 2022-03-30}]
    note: 按序时进度推进
metrics:
  - metric: pm25_ugm3
    value: 31
    scope: dongcheng
  - {metric: good_air_days_pct, value: 74.6}
"""

# A few sample reports of different kinds of sender (district, municipal, central, corrected
# resubmission, another encoding); the rest of inputs/ is read in place by `make fuzz`.
SAMPLES = [
    "inputs/shuiwu/2022-06.yaml",
    "inputs/haidian/2022-06.yaml",
    "inputs/caizheng/2022-06.yaml",
    "inputs/jiaoyu/2022-06.yaml",
    "inputs/qixiang/2022-06.yaml",
    "inputs/shunyi/2022-08-fix.yaml",
    "inputs/miyun/2022-03-utf8.yaml",
    "inputs/daxing/2022-10-jingkaiqu.yaml",
    "inputs/shizhengfu/2022-12.yaml",
]

SMALL_RULE_FILES = [
    "rules/documents.yaml",
    "rules/calendar/2022.yaml",
    "rules/metrics/climate.yaml",
    "rules/metrics/ecology.yaml",
    "rules/pollution/notice.yaml",
]

# YAML the parser must refuse or handle with care (YAMLParserTests and the libyaml notes of STYLE.md).
YAML_CASES = {
    "positions": "a: 1\nlist:\n  - x\n  - 'y'\n",
    "columns-chinese": "部门: 市水务局\n",
    "comment-only": "# nothing here\n",
    "nul-escape": 'a: "x\\0y"\n',
    "escapes": 'a: "\\x41\\u4e2d\\U0001F600\\t\\\\\\"\\N\\_\\L\\P"\nb: \'it\'\'s\'\n',
    "syntax-error": "a: [1, 2\nb: 3\n",
    "tab-indent": "a:\n\tb: 1\n",
    "duplicate-key": "id: a\nkind: b\nid: c\n",
    "undefined-alias": "a: *nowhere\n",
    "alias-shared": "a: &x [1, 2]\nb: *x\nc: &y {k: v}\nd: *y\n",
    "anchor-scalar": "a: &x 1\n",
    "alias-bomb": "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10)),
    "deep-flow": "[" * 70 + "]" * 70,
    "deep-block": "".join(" " * (2 * i) + f"k{i}:\n" for i in range(70)) + " " * 140 + "v\n",
    "second-document": "a: 1\n---\nb: 2\n",
    "document-markers": "%YAML 1.1\n---\na: 1\n...\n",
    "tag-directive": "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n",
    "tags": "a: !!str 12\nb: !custom x\nc: !<tag:yaml.org,2002:int> 3\n",
    "complex-key": "? [a, b]\n: c\n",
    "explicit-key": "? a\n: b\n? |\n  block\n: c\n",
    "merge-key": "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
    "block-scalars": "a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text\nc: |+\n  keep\n\nd: >2\n   indented\n",
    "flow-mapping": "{a: [1, {b: c}], 'd': \"e\", ? f : g, h}\n",
    "empty-values": "a:\nb: ~\nc: null\nd: ''\ne: []\nf: {}\n",
    "yaml11-words": "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: 012\ng: 0o17\nh: 0x1F\ni: 1e3\nj: .inf\nk: .NaN\nl: -0\nm: +5\n",
    "numbers": "a: 74.6\nb: -3\nc: 0.5\nd: 99999999999999999999999999999999999999\ne: 1_000\nf: 1.2.3\ng: .5\nh: 5.\n",
    "days": "a: 2022-06-30\nb: 2022-02-29\nc: 2024-02-29\nd: 2022-13-01\ne: 0000-01-01\nf: 9999-12-31\ng: 2022-6-1\n",
    "multiline-plain": "a: first\n  continued\n  again\nb: \"quoted\n  folded\"\n",
    "sequence-of-mappings": "- a: 1\n  b: 2\n- - nested\n  - list\n-\n  c: 3\n",
    "top-level-scalar": "just text\n",
    "quoted-keys": "\"a\": 1\n'b': 2\n\"\": 3\n? \"\"\n",
    "unicode-keys": "部门: 市水务局\n部門: x\n\u00e9: 1\n\U0001F600: 2\n",
    "long-key": "k" * 300 + ": v\n",
    "indentation-error": "a:\n  b: 1\n c: 2\n",
    "unclosed-quote": "a: \"open\nb: 1\n",
    "unclosed-flow": "a: [1, 2\n",
    "control-character": "a: x\x07y\n",
}

# Bytes made here, not typed: line endings, byte-order marks, other encodings, NUL.
BYTE_CASES = {
    "crlf": VALID.replace("\n", "\r\n").encode(),
    "cr-only": VALID.replace("\n", "\r").encode(),
    "bom": b"\xef\xbb\xbf" + VALID.encode(),
    "bom-twice": b"\xef\xbb\xbf\xef\xbb\xbf" + VALID.encode(),
    "utf16le-bom": b"\xff\xfe" + VALID.encode("utf-16-le"),
    "utf16be-bom": b"\xfe\xff" + VALID.encode("utf-16-be"),
    "utf16le-nobom": VALID.encode("utf-16-le"),
    "utf32le-bom": b"\xff\xfe\x00\x00" + VALID.encode("utf-32-le"),
    "gbk": VALID.encode("gbk"),
    "gbk-partial": b"department: \xca\xd0\xcb\xae\xce\xf1\xbe\xd6\n",
    "nul": b"department: x\x00y\n",
    "invalid-utf8": b"a: 1\nb: ab\xff\n",
    "overlong-utf8": b"a: \xc0\xaf\n",
    "surrogate-utf8": b"a: \xed\xa0\x80\n",
    "truncated-utf8": b"a: \xe5\xb8",
    "no-final-newline": VALID.rstrip("\n").encode(),
    "nel-ls-ps": "a: x\u0085y\u2028z\u2029\n".encode(),
    "ideographic-space": "a:\n\u3000b: 1\n".encode(),
}


def write(path: pathlib.Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main() -> None:
    status_valid = VALID.encode()
    write(STATUS / "valid-dongcheng.yaml", status_valid)
    for sample in SAMPLES:
        source = ROOT / sample
        if source.exists():
            parts = pathlib.Path(sample).parts
            write(STATUS / f"inputs-{parts[-2]}-{parts[-1]}", source.read_bytes())
    bad = ROOT / "Tests/DubanCLITests/BadInput"
    for fixture in sorted(bad.glob("*.yaml")) if bad.exists() else []:
        shutil.copyfile(fixture, STATUS / f"badinput-{fixture.name}")
    for name, data in BYTE_CASES.items():
        write(STATUS / f"bytes-{name}.yaml", data)
    for name, text in YAML_CASES.items():
        write(YAML / f"{name}.yaml", text.encode())
    for rule_file in SMALL_RULE_FILES:
        source = ROOT / rule_file
        if source.exists():
            write(YAML / ("rules-" + rule_file.removeprefix("rules/").replace("/", "-")), source.read_bytes())


if __name__ == "__main__":
    main()
