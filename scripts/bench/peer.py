#!/usr/bin/env python3
"""The peer a user might write instead of duban: PyYAML with libyaml's C loader, loading only.

    scripts/bench/peer.py DIR…

Walks each directory for *.yaml / *.yml (sorted, hidden entries skipped, like duban), loads
every file with yaml.load(f, Loader=yaml.CSafeLoader) and prints files, bytes and documents.
Nothing is checked: this is the floor of what a Python checker would spend before evaluating.
"""
import os
import sys

import yaml

if not getattr(yaml, "__with_libyaml__", False) or not hasattr(yaml, "CSafeLoader"):
    sys.exit("peer.py: PyYAML was built without libyaml (no CSafeLoader); `pip install pyyaml` from a wheel provides it")


def yaml_files(top):
    for root, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.endswith((".yaml", ".yml")):
                yield os.path.join(root, name)


def main():
    files = size = docs = 0
    for top in sys.argv[1:]:
        for path in yaml_files(top):
            with open(path, "rb") as f:
                data = yaml.load(f, Loader=yaml.CSafeLoader)
                size += f.tell()
            files += 1
            docs += data is not None
    print(f"files {files} bytes {size} documents {docs}")


if __name__ == "__main__":
    main()
