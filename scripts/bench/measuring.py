"""Runs one command as a fresh process under `measure.c` (wall time, CPU time, peak RSS from
wait4), for both halves of `make bench` (run.py and ledger.py)."""
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(measure, cmd, ok=(0,), stdout=None):
    """(wall s, user+sys s, peak RSS KiB) of `cmd`; stops the bench when it fails or exits
    with a status not in `ok`. `stdout` names a file for the command's output (else discarded)."""
    with tempfile.NamedTemporaryFile("r", prefix="duban-bench-", suffix=".txt") as result:
        out = open(stdout, "wb") if stdout else subprocess.DEVNULL
        try:
            p = subprocess.run([measure, result.name, *cmd], cwd=REPO, stdout=out, stderr=subprocess.PIPE)
        finally:
            if stdout:
                out.close()
        fields = result.read().split()
    if p.returncode != 0 or len(fields) != 5:
        sys.exit(f"bench: measuring {' '.join(cmd)} failed\n{p.stderr.decode(errors='replace')[-2000:]}")
    wall, user, system, rss, code = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3]), int(fields[4])
    if code not in ok:
        sys.exit(f"bench: {' '.join(cmd)} exited with {code}\n{p.stderr.decode(errors='replace')[-2000:]}")
    return wall, user + system, rss


def pin(cores):
    """`taskset -c CORES`, where taskset exists."""
    return ["taskset", "-c", cores] if shutil.which("taskset") else []


def verdict(ok):
    """A target's verdict in the bench's tables."""
    return "PASS" if ok else "FAIL"
