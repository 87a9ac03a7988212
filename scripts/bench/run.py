#!/usr/bin/env python3
"""`make bench`: duban's throughput, scaling and memory against a libyaml probe and a Python peer.

    python3 scripts/bench/run.py [--sizes 1000,10000,100000] [--seed 1] [--no-build] [--quick]
                                 [--ledger-rows 2000000,20000000] [--no-ledgers | --ledgers-only]

1. Builds duban as `make release` does (release mode, the Swift runtime linked in) in its own
   scratch folder (.build-bench, never .build), and the C probe (scripts/bench/probe.c, linked
   to the same libyaml through pkg-config).
2. Generates the corpora with scripts/bench/gen-submissions.py into
   $DUBAN_BENCH_CACHE (default: $TMPDIR/duban-bench), one folder per seed and size, reused while
   the generator and the rules are unchanged.
3. For each size, after one untimed pass to warm the page cache, runs in rotation, several times:
     probe        every libyaml event of every file, one core (the physical limit)
     probes       one probe a core at once, each on every file: what the machine itself gains
                  from its other cores at that moment (reported for reference, no target)
     duban 1 core `duban check DIR --as-of 2023-12-31 --format json --output F`, taskset -c 0
     duban N core the same on every core
     python peer  yaml.load(f, Loader=yaml.CSafeLoader) on every file, one core (loading only)
   Each run is a fresh process; wall time from the parent, peak RSS from os.wait4's rusage.
   The median of the repetitions is reported.
4. `duban self-check FILE` (rules included) against `duban --version`, median of 21 runs each.
5. The ledger half (scripts/bench/ledger.py): `duban ledger` on generated credit ledgers of
   2,000,000 and 20,000,000 rows (2,000,000 with --quick) against cat, a C split-only pass,
   DuckDB and Python's csv module, with the counts of findings checked against the generator's
   manifest. Skipped for duban, with a line saying so, while the build has no `ledger` command.
6. Prints the tables (MB = 10^6 bytes) and the targets of the issues with PASS or FAIL; writes the
   same as JSON and Markdown to .build-bench/bench/last-run.{json,md}.

duban's exit status 1 (violations) is expected; 2 means an invalid file or a failure, and stops
the bench. The 1-core and N-core reports must be byte-identical (deterministic output).
"""
import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import ledger
import measuring
from measuring import pin, verdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SCRATCH = os.path.join(REPO, ".build-bench")
WORK = os.path.join(SCRATCH, "bench")
DUBAN = os.path.join(SCRATCH, "release", "duban")
PROBE = os.path.join(WORK, "probe")
MEASURE = os.path.join(WORK, "measure")
AS_OF = "2023-12-31"
# A run of 1,000 files takes a tenth of a second, less than the spells in which this kind of
# machine (a VM sharing its host) runs slow: 21 rounds, like self-check's, spread the medians over
# a few of them. Three rounds at least elsewhere: the median of two is their mean, which one slow
# spell decides.
REPS = {1000: 21, 10000: 3, 100000: 3}
PEER_REPS = {100000: 1}
BAD_KINDS = {"invalid", "unknown-rule", "not-assigned"}

# The targets.
T_PROBE = 0.50    # duban end to end, one core, at least this share of the probe's throughput
T_PEER = 10.0     # duban one core at least this many times the Python peer's throughput
T_CORES = 1.6     # duban on both cores at least this many times its one-core throughput
T_SELF = 5.0      # self-check of one file at most this many times `duban --version`
T_RSS = 2.0       # peak RSS for 100,000 files at most this many times that for 10,000


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_state():
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "Sources", "Package.swift"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    return head + (" with uncommitted changes under Sources/" if dirty else "") + f" (Sources digest {sources_digest()})"


def sources_digest():
    """A short SHA-256 over every file under Sources/ and Package.swift: which code was measured."""
    h = hashlib.sha256()
    paths = [os.path.join(REPO, "Package.swift")]
    for root, dirs, names in os.walk(os.path.join(REPO, "Sources")):
        dirs.sort()
        paths += [os.path.join(root, n) for n in sorted(names)]
    for path in paths:
        h.update(os.path.relpath(path, REPO).encode() + b"\0")
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:12]


def build_duban(args):
    os.makedirs(WORK, exist_ok=True)
    if not args.no_build:
        # The build of `make release` (the Makefile passes its RELEASE_FLAGS; the default is the same).
        flags = os.environ.get("RELEASE_FLAGS", "-c release --static-swift-stdlib").split()
        log(f"bench: swift build {' '.join(flags)} --scratch-path .build-bench")
        sh([os.environ.get("SWIFT", "swift"), "build", *flags, "--scratch-path", SCRATCH, "--product", "duban"], cwd=REPO,
           stdout=sys.stderr)


def build(args):
    build_duban(args)
    if not os.access(DUBAN, os.X_OK):
        sys.exit(f"bench: {DUBAN} is missing (run without --no-build)")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"], check=True, capture_output=True,
                           text=True).stdout.split()
    cc = os.environ.get("CC", "cc")
    sh([cc, "-O2", os.path.join(HERE, "probe.c"), *flags, "-o", PROBE])
    sh([cc, "-O2", os.path.join(HERE, "measure.c"), "-o", MEASURE])
    rules_json = os.path.join(WORK, "rules.json")
    with open(rules_json, "wb") as f:
        sh([DUBAN, "rules", "--format", "json", "--rules", os.path.join(REPO, "rules")], cwd=REPO, stdout=f)
    return rules_json


def corpus(n, seed, rules_json, cache):
    """The folder of n generated files, made once per generator, rules and seed."""
    h = hashlib.sha256()
    for path in (os.path.join(HERE, "gen-submissions.py"), rules_json, os.path.join(REPO, "rules", "departments.yaml")):
        with open(path, "rb") as f:
            h.update(f.read())
    stamp = h.hexdigest()[:16]
    folder = os.path.join(cache, f"seed{seed}-n{n}")
    stamp_file = os.path.join(folder, ".stamp")
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return folder
    log(f"bench: generating {n} files (seed {seed}) into {folder}")
    shutil.rmtree(folder, ignore_errors=True)
    tmp = folder + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    sh([sys.executable, os.path.join(HERE, "gen-submissions.py"), str(n), tmp, "--seed", str(seed),
        "--rules-json", rules_json])
    with open(os.path.join(tmp, ".stamp"), "w") as f:
        f.write(stamp)
    os.rename(tmp, folder)
    return folder


def corpus_bytes(folder):
    files = size = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                files += 1
                size += os.path.getsize(os.path.join(root, name))
    return files, size


def run(cmd, ok=(0,)):
    """One fresh process under the measure helper: (wall s, user+sys s, peak RSS KiB)."""
    return measuring.run(MEASURE, cmd, ok)


def check_report(path, n):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    files = report["summary"]["files"]
    bad = [v for v in report["violations"] if v["kind"] in BAD_KINDS]
    if files != n or bad:
        sys.exit(f"bench: the report counts {files} files of {n}, with {len(bad)} invalid/unknown/not-assigned "
                 f"findings: the generator must produce valid files. First: {bad[:1]}")
    return report["summary"], len(report["superseded"])


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def measure_size(n, folder, reps, peer_reps, ncpu, tmp):
    files, size = corpus_bytes(folder)
    one, every = pin("0"), pin(f"0-{ncpu - 1}")
    out1, outn = os.path.join(tmp, f"r{n}-1.json"), os.path.join(tmp, f"r{n}-n.json")
    tools = {
        "probe": (one + [PROBE, folder], (0,)),
        # One probe per core at once, each on the same files: what the machine itself gains from
        # its other cores at that moment, for reading duban's own gain against.
        "probes": (["sh", "-c", "; ".join(f"{' '.join(pin(str(c)))} {PROBE} {folder} & p{c}=$!" for c in range(ncpu))
                    + "; " + " && ".join(f"wait $p{c}" for c in range(ncpu))], (0,)),
        "duban-1": (one + [DUBAN, "check", folder, "--as-of", AS_OF, "--format", "json", "--output", out1,
                           "--rules", os.path.join(REPO, "rules")], (0, 1)),
        "duban-n": (every + [DUBAN, "check", folder, "--as-of", AS_OF, "--format", "json", "--output", outn,
                             "--rules", os.path.join(REPO, "rules")], (0, 1)),
        "peer": (one + [sys.executable, os.path.join(HERE, "peer.py"), folder], (0,)),
    }
    log(f"bench: {n} files, {size / 1e6:.1f} MB: warming the page cache")
    run(tools["probe"][0])
    samples = {k: [] for k in tools}
    for rep in range(reps):
        for name, (cmd, ok) in tools.items():
            if name == "peer" and rep >= peer_reps:
                continue
            wall, cpu, rss = run(cmd, ok)
            samples[name].append((wall, cpu, rss))
            log(f"bench: {n:>6} files  rep {rep + 1}/{reps}  {name:<8} {wall:7.2f} s wall {cpu:7.2f} s cpu {rss / 1024:7.1f} MiB")
    summary, superseded = check_report(out1, n)
    deterministic = sha(out1) == sha(outn)
    result = {"files": files, "bytes": size, "summary": summary, "superseded": superseded,
              "deterministic": deterministic, "tools": {}}
    for name, s in samples.items():
        wall = statistics.median(w for w, _, _ in s)
        cpu = statistics.median(c for _, c, _ in s)
        rss = max(r for _, _, r in s)
        result["tools"][name] = {"wall_s": wall, "cpu_s": cpu, "runs": len(s), "peak_rss_kib": rss,
                                 "mb_s": size / 1e6 / wall, "files_s": files / wall,
                                 "walls": [round(w, 3) for w, _, _ in s]}
    return result


def measure_start(folder, runs):
    """duban self-check of one file (rules included) against duban --version, interleaved."""
    # The largest file of a district government: the heaviest single submission there is.
    candidates = []
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".yaml"):
                p = os.path.join(root, name)
                candidates.append((os.path.getsize(p), p))
    size, file = max(candidates)
    selfcheck = [DUBAN, "self-check", file, "--as-of", AS_OF, "--rules", os.path.join(REPO, "rules")]
    version = [DUBAN, "--version"]
    run(selfcheck, (0, 1))
    s, v = [], []
    for _ in range(runs):
        s.append(run(selfcheck, (0, 1))[0])
        v.append(run(version)[0])
    return {"file": os.path.relpath(file, folder), "file_bytes": size, "runs": runs,
            "self_check_s": statistics.median(s), "version_s": statistics.median(v)}


def report(res):
    lines = []
    add = lines.append
    add(f"duban bench — {res['commit']} — {res['cpu']} — {res['ncpu']} cores — as of {AS_OF} — seed {res['seed']}")
    add(f"load average before/after: {res['load_before']} / {res['load_after']}")
    add("")
    add("| files | MB | tool | runs | median wall s | median CPU s | CPU/wall | MB/s | files/s | peak RSS MiB |")
    add("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    labels = {"probe": "libyaml probe (1 core)", "probes": f"libyaml probe × {res['ncpu']} at once (one a core)", "duban-1": "duban check (1 core)",
              "duban-n": f"duban check ({res['ncpu']} cores)", "peer": "Python CSafeLoader (1 core)"}
    for n, r in res["sizes"].items():
        for name, t in r["tools"].items():
            # The probes at once read the files once each: their throughput counts every copy.
            copies = res["ncpu"] if name == "probes" else 1
            add(f"| {r['files']:,} | {r['bytes'] / 1e6:.1f} | {labels[name]} | {t['runs']} | {t['wall_s']:.3f} | {t['cpu_s']:.3f} | {t['cpu_s'] / t['wall_s']:.2f} | "
                f"{copies * t['mb_s']:.1f} | {copies * t['files_s']:,.0f} | {t['peak_rss_kib'] / 1024:.1f} |")
    add("")
    add("| target | files | measured | required | verdict |")
    add("|---|---:|---:|---:|---|")
    for n, r in res["sizes"].items():
        t = r["tools"]
        a = t["duban-1"]["mb_s"] / t["probe"]["mb_s"]
        b = t["duban-1"]["mb_s"] / t["peer"]["mb_s"]
        c = t["duban-n"]["mb_s"] / t["duban-1"]["mb_s"]
        add(f"| duban 1 core / libyaml probe | {r['files']:,} | {a:.2f}× | ≥ {T_PROBE:.2f}× | {verdict(a >= T_PROBE)} |")
        add(f"| duban 1 core / Python peer | {r['files']:,} | {b:.2f}× | ≥ {T_PEER:.0f}× | {verdict(b >= T_PEER)} |")
        # The issue ties "one core" to the probe only; the peer is single-threaded: both readings shown.
        d = t["duban-n"]["mb_s"] / t["peer"]["mb_s"]
        add(f"| duban {res['ncpu']} cores / Python peer | {r['files']:,} | {d:.2f}× | ≥ {T_PEER:.0f}× | {verdict(d >= T_PEER)} |")
        add(f"| duban {res['ncpu']} cores / duban 1 core | {r['files']:,} | {c:.2f}× | ≥ {T_CORES:.1f}× | {verdict(c >= T_CORES)} |")
        m = res["ncpu"] * t["probe"]["wall_s"] / t["probes"]["wall_s"]
        add(f"| (for reference: {res['ncpu']} probes at once / 1 probe) | {r['files']:,} | {m:.2f}× | — | — |")
        add(f"| reports of 1 and {res['ncpu']} cores byte-identical | {r['files']:,} | {'yes' if r['deterministic'] else 'no'} | yes | {verdict(r['deterministic'])} |")
    s = res["start"]
    q = s["self_check_s"] / s["version_s"]
    add(f"| self-check of one file / --version | 1 | {q:.2f}× ({s['self_check_s'] * 1000:.0f} ms / {s['version_s'] * 1000:.0f} ms) | ≤ {T_SELF:.0f}× | {verdict(q <= T_SELF)} |")
    if "100000" in res["sizes"] and "10000" in res["sizes"]:
        big, small = res["sizes"]["100000"]["tools"], res["sizes"]["10000"]["tools"]
        for name in ("duban-1", "duban-n"):
            m = big[name]["peak_rss_kib"] / small[name]["peak_rss_kib"]
            add(f"| peak RSS 100,000 / 10,000 files, {labels[name]} | — | {m:.2f}× ({big[name]['peak_rss_kib'] / 1024:.0f} / {small[name]['peak_rss_kib'] / 1024:.0f} MiB) | ≤ {T_RSS:.0f}× | {verdict(m <= T_RSS)} |")
    add("")
    for n, r in res["sizes"].items():
        sm = r["summary"]
        add(f"{r['files']:,} files: {sm['errors']} errors, {sm['warnings']} warnings, {r['superseded']} superseded, "
            f"no invalid file; wall times (s): " + "; ".join(f"{k} {v['walls']}" for k, v in r["tools"].items()))
    add(f"self-check file: {s['file']} ({s['file_bytes']} bytes), {s['runs']} runs each; total bench time {res['elapsed_s']:.0f} s")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description="duban benchmarks (make bench)")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--reps", type=int, help="repetitions for every size (default: 21, 3 and 3 for 1k, 10k, 100k)")
    ap.add_argument("--no-build", action="store_true", help="use the duban already in .build-bench/release")
    ap.add_argument("--quick", action="store_true", help="1,000 and 10,000 files, a 2,000,000-row ledger only")
    ap.add_argument("--ledger-rows", default="2000000,20000000", help="sizes of the generated credit ledgers")
    halves = ap.add_mutually_exclusive_group()
    halves.add_argument("--no-ledgers", action="store_true", help="the submissions bench only")
    halves.add_argument("--ledgers-only", action="store_true", help="the ledger bench only (scripts/bench/ledger.py)")
    args = ap.parse_args()
    began = time.perf_counter()
    sizes = [int(x) for x in ("1000,10000" if args.quick else args.sizes).split(",")]
    ledger_rows = [int(x) for x in ("2000000" if args.quick else args.ledger_rows).split(",")]
    ncpu = os.cpu_count() or 1
    cache = os.environ.get("DUBAN_BENCH_CACHE", os.path.join(tempfile.gettempdir(), "duban-bench"))
    state = git_state()  # before the build: the sources that are compiled
    res = {"commit": state, "cpu": cpu_model(), "ncpu": ncpu, "seed": args.seed, "sizes": {},
           "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    texts = []
    if args.ledgers_only:
        build_duban(args)
    else:
        rules_json = build(args)
        folders = {n: corpus(n, args.seed, rules_json, cache) for n in sizes}
        with tempfile.TemporaryDirectory(prefix="duban-bench-") as tmp:
            for n in sizes:
                reps = args.reps or REPS.get(n, 3)
                peer_reps = min(reps, PEER_REPS.get(n, reps))
                res["sizes"][str(n)] = measure_size(n, folders[n], reps, peer_reps, ncpu, tmp)
            res["start"] = measure_start(folders[sizes[0]], 21)
    if not args.no_ledgers:
        res["ledgers"] = ledger.bench(ledger_rows, args.seed, DUBAN, cache, ledger.compile_tools(), args.reps)
    res["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    res["elapsed_s"] = time.perf_counter() - began
    if args.ledgers_only:
        texts.append(f"duban bench — {res['commit']} — {res['cpu']} — load average before/after: "
                     f"{res['load_before']} / {res['load_after']}")
    else:
        texts.append(report(res))
    if "ledgers" in res:
        texts.append(ledger.report(res["ledgers"]))
    text = "\n\n".join(texts)
    print(text)
    with open(os.path.join(WORK, "last-run.json"), "w") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
    with open(os.path.join(WORK, "last-run.md"), "w") as f:
        f.write(text + "\n")
    if "ledgers" in res and not ledger.agreed(res["ledgers"]):
        sys.exit("bench: in the ledger bench the tools do not agree with the generator's manifest (see above)")


if __name__ == "__main__":
    main()
