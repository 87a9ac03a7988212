#!/usr/bin/env python3
"""Deterministic generator of synthetic, valid status files for `make bench`.

    scripts/bench/gen-submissions.py N OUTDIR [--seed S] [--rules-json FILE] [--duban BIN]

Writes N status files shaped like inputs/ (SPEC §4): OUTDIR/<department-slug>/<period>.yaml,
and OUTDIR/<department-slug>/<period>-<k>.yaml (k = 2, 3, …) for resubmissions that supersede
the earlier ones. Everything is a function of N and the seed (random.Random seeded with strings;
no clock, no hash randomisation): the same arguments always give byte-identical files.

What is real: the department slugs and names (rules/departments.yaml), the rule ids each
department leads or is responsible for, the metrics each department owes (the owner rules of
docs/checks.md), the standards in force. The rules are read once from
`duban rules --format json` (or --rules-json FILE holding that output).

Every file is valid as of AS_OF (2023-12-31): `submitted` lies in the reported month or the
next and never after AS_OF, `completed` never after `submitted`, `done` always with
`completed`, only rules the sender holds a role in, only metrics it owes, scopes it may use.
The files do raise ordinary violations (late, overdue, off-pace, target-missed, …) as real
submissions would.

Periods run from 2022-02 to 2023-12 (the calendar covers 2022 and 2023): 51 departments × 23
months = 1,173 natural (department, month) slots. Below that count a seeded sample of slots is
written; above it every slot gets a first submission and the rest are resubmissions spread
evenly (seeded) over the slots.
"""
import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys

import yaml

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AS_OF = dt.date(2023, 12, 31)
FIRST_PERIOD = (2022, 2)
LAST_PERIOD = (2023, 12)
POLLUTION = "京政办发〔2022〕6号"

# Clerk phrases, combined deterministically (plain scalars only: no ': ', no ' #', no leading indicators).
PROGRESS_PHRASES = [
    "已完成年度任务的{pct}%，按序时进度推进",
    "完成{pct}%，总体进展顺利",
    "已完成{pct}%，下阶段将加快推进",
    "累计完成{pct}%，已纳入月度调度",
    "完成进度{pct}%，正在组织专项督导",
    "已完成{pct}%，与相关区和部门会商推进",
]
ONGOING_PHRASES = [
    "持续推进，本月开展专项检查{n}次",
    "常态化推进，本月召开调度会{n}次",
    "本月组织现场督导{n}次，发现问题已督促整改",
    "长期实施，按计划推进，本月印发工作提示{n}份",
    "纳入日常监管，本月累计检查点位{n}个",
]
DONE_PHRASES = [
    "已全部完成，相关材料已归档",
    "已按期完成，成果报市生态环境局备案",
    "已完成并通过验收",
    "任务已完成，后续转入常态化管理",
]
BLOCKED_PHRASES = [
    "受资金拨付进度影响暂缓，已报请市财政局协调",
    "因涉及跨部门审批，尚待市级层面协调",
    "受施工季节影响暂停，待条件具备后恢复",
]
NOT_STARTED_PHRASES = [
    "尚未启动，正在制定工作方案",
    "前期调研中，方案已报局党组审议",
]
CONTEXT_PHRASES = [
    "本月按照“{task}”要求加强调度",
    "围绕{task}开展专题调度",
    "结合{task}要求细化分工",
]


def month_add(y, m, k):
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def month_last_day(y, m):
    ny, nm = month_add(y, m, 1)
    return dt.date(ny, nm, 1) - dt.timedelta(days=1)


def periods():
    out = []
    y, m = FIRST_PERIOD
    while (y, m) <= LAST_PERIOD:
        out.append((y, m))
        y, m = month_add(y, m, 1)
    return out


def load_rules(args):
    if args.rules_json:
        with open(args.rules_json, encoding="utf-8") as f:
            return json.load(f)["rules"]
    duban = args.duban
    if duban is None:
        built = os.path.join(REPO, ".build-bench", "release", "duban")
        duban = built if os.access(built, os.X_OK) else "duban"
    out = subprocess.run([duban, "rules", "--format", "json", "--rules", os.path.join(REPO, "rules")],
                         check=True, capture_output=True, cwd=REPO)
    return json.loads(out.stdout)["rules"]


class World:
    """Who holds which role, owes which progress and which figure (docs/checks.md)."""

    def __init__(self, rules, departments):
        self.rules = rules
        self.departments = departments  # canonical name -> entry of departments.yaml
        self.districts = [d for d in departments.values() if d["type"] == "district"]
        self.role = {}  # name -> set of rule ids (any role)
        for r in rules:
            for names in r["roles"].values():
                for n in names:
                    if n in departments:
                        self.role.setdefault(n, set()).add(r["id"])
        self.tasks = {}    # name -> [rule] it owes progress on (lead or responsible)
        self.metrics = {}  # name -> {(metric, scope): target}
        for r in rules:
            owers = set(r["roles"]["lead"]) | set(r["roles"]["responsible"])
            reportable = (r["citation"]["document"] == POLLUTION and (r["citation"]["annex"] or 0) in range(1, 6)) \
                or r["kind"] in ("duty", "target", "account-use")
            if reportable and r["kind"] not in ("monthly-report", "indicator"):
                for n in owers:
                    if n in departments:
                        self.tasks.setdefault(n, []).append(r)
            for t in r["targets"]:
                for name, scope in self.owners(t, r):
                    self.metrics.setdefault(name, {}).setdefault((t["metric"], scope), t)
            if r["standard"]:
                for n in r["roles"]["lead"]:
                    if n in departments:
                        self.metrics.setdefault(n, {})[(r["standard"]["metric"], "city")] = {
                            "standard": r["standard"], "metric": r["standard"]["metric"]}

    def owners(self, target, rule):
        scope = target["scope"]
        leads = [n for n in rule["roles"]["lead"] if n in self.departments]
        holders = leads + [n for n in rule["roles"]["responsible"] if n in self.departments]
        if scope == "city":
            municipal = [n for n in leads if self.departments[n]["type"] != "district"]
            return [(n, "city") for n in (municipal or leads)]
        if scope == "districts":
            ds = [n for n in holders if self.departments[n]["type"] == "district"]
            return [(n, self.departments[n]["slug"]) for n in (ds or [d["name"] for d in self.districts])]
        return [(d["name"], scope) for d in self.districts if d["slug"] == scope]

    def senders(self):
        return sorted((n for n in self.departments if n in self.role), key=lambda n: self.departments[n]["slug"])


def fmt_num(x, places):
    s = f"{x:.{places}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def due_of(rule):
    d = rule.get("deadline") or {}
    if d.get("due"):
        return dt.date.fromisoformat(d["due"])
    return None


class Clerk:
    """Writes one department's reports; every choice is seeded by (seed, department, rule)."""

    def __init__(self, world, name, seed):
        self.world = world
        self.name = name
        self.dep = world.departments[name]
        self.seed = seed
        self.plan = {}
        for r in world.tasks.get(name, []):
            rnd = random.Random(f"{seed}:plan:{self.dep['slug']}:{r['id']}")
            due = due_of(r)
            completion = None
            if due and r["kind"] in ("deadline", "milestones", "window", "target") and rnd.random() < 0.85:
                completion = due + dt.timedelta(days=rnd.randint(-160, 45))
            self.plan[r["id"]] = (completion, rnd.random() < 0.06, rnd.random())

    def submitted_day(self, y, m, k, rnd):
        """The day version k (1 = first) of the report on (y, m) was handed in."""
        ny, nm = month_add(y, m, 1)
        if dt.date(ny, nm, 1) > AS_OF:
            # The last month in the calendar: reported early, inside the month itself.
            first = dt.date(y, m, 20)
            cap = AS_OF
        else:
            first = dt.date(ny, nm, 1) + dt.timedelta(days=rnd.choice([1, 2, 2, 3, 3, 3, 4, 4, 6, 9]))
            cap = min(month_last_day(ny, nm), AS_OF)
        day = first + dt.timedelta(days=(k - 1) // 2 * 1 + (1 if k > 1 else 0))
        return min(day, cap)

    def report(self, y, m, k):
        slug = self.dep["slug"]
        rnd = random.Random(f"{self.seed}:report:{slug}:{y}-{m:02d}:{k}")
        submitted = self.submitted_day(y, m, k, random.Random(f"{self.seed}:day:{slug}:{y}-{m:02d}"))
        period_end = month_last_day(y, m)
        lines = []
        lines.append(f"# {self.name} {y}年{m}月工作进展（报市生态环境局）" + ("" if k == 1 else f"（第{k}次报送，更正前次）"))
        who = self.name if rnd.random() < 0.9 else slug
        lines.append(f"department: {who}")
        lines.append(f"period: {y}-{m:02d}")
        lines.append(f"submitted: {submitted.isoformat()}")
        task_lines = []
        for r in self.world.tasks.get(self.name, []):
            completion, blocked, pace = self.plan[r["id"]]
            d = r.get("deadline") or {}
            window = d.get("window")
            if window:
                wy, wm = map(int, window["from"].split("-"))
                ty, tm = map(int, window["to"].split("-"))
                if not ((wy, wm) <= (y, m) <= (ty, tm)):
                    continue
            due = due_of(r)
            if completion and completion + dt.timedelta(days=75) < period_end.replace(day=1):
                continue  # reported done in earlier months: no longer listed
            task_lines.append(f"  - rule: {r['id']}")
            task_lines.extend(self.task_body(r, due, completion, blocked, pace, submitted, period_end, rnd))
        if task_lines:
            lines.append("tasks:")
            lines.extend(task_lines)
        else:
            lines.append("tasks: []")
        metric_lines = []
        owed = self.world.metrics.get(self.name, {})
        for (metric, scope) in sorted(owed):
            t = owed[(metric, scope)]
            value = self.figure(t, y, m, rnd)
            if value is None:
                continue
            metric_lines.append(f"  - metric: {metric}")
            metric_lines.append(f"    value: {value}")
            if scope != ("city" if self.dep["type"] != "district" else slug) or rnd.random() < 0.3:
                metric_lines.append(f"    scope: {scope}")
            if rnd.random() < 0.15:
                metric_lines.append(f"    note: 数据来源为{y}年{m}月统计月报，待年度核定")
        if metric_lines:
            lines.append("metrics:")
            lines.extend(metric_lines)
        return "\n".join(lines) + "\n", submitted

    def task_body(self, r, due, completion, blocked, pace, submitted, period_end, rnd):
        out = []
        task = r.get("task") or r.get("title") or "相关任务"
        if r["kind"] in ("ongoing", "duty", "account-use") or due is None:
            out.append("    status: in-progress")
            note = rnd.choice(ONGOING_PHRASES).format(n=rnd.randint(1, 12))
        elif completion and completion <= submitted:
            out.append("    status: done")
            out.append(f"    completed: {completion.isoformat()}")
            if r["kind"] == "milestones":
                ms = [dt.date.fromisoformat(x["due"]) for x in r["deadline"]["milestones"]]
                done = [(mdue, min(mdue - dt.timedelta(days=rnd.randint(0, 20)), completion)) for mdue in ms]
                done = [(a, b) for a, b in done if b <= submitted]
                if done:
                    out.append("    milestones:")
                    for a, b in done:
                        out.append(f"      - due: {a.isoformat()}")
                        out.append(f"        completed: {b.isoformat()}")
            note = rnd.choice(DONE_PHRASES)
        elif blocked and period_end.month % 3 == 0:
            out.append("    status: blocked")
            note = rnd.choice(BLOCKED_PHRASES)
        else:
            start = min(dt.date(due.year, 1, 1), dt.date(2022, 1, 1))
            span = max((due - start).days, 1)
            share = min(max((period_end - start).days / span, 0.0), 1.0)
            progress = min(max(share * (0.75 + 0.5 * pace) + rnd.uniform(-0.05, 0.05), 0.0), 0.99)
            if progress < 0.03:
                out.append("    status: not-started")
                note = rnd.choice(NOT_STARTED_PHRASES)
            else:
                out.append("    status: in-progress")
                out.append(f"    progress: {fmt_num(progress, 2)}")
                note = rnd.choice(PROGRESS_PHRASES).format(pct=fmt_num(progress * 100, 0))
        if rnd.random() < 0.35:
            note = rnd.choice(CONTEXT_PHRASES).format(task=task) + "；" + note
        if out[0] == "    status: done" or rnd.random() < 0.75:
            out.append(f"    note: {note}")
        return out

    def figure(self, t, y, m, rnd):
        if "standard" in t:
            values = t["standard"]["values"]
            return fmt_num(values[-1]["value"], 2)
        due = dt.date.fromisoformat(t["due"])
        target_month = (due.year, due.month) == (y, m)
        if not target_month and rnd.random() > 0.3:
            return None
        v = float(t["value"])
        op = t["op"]
        meet = rnd.random() < 0.85
        if op in (">=", ">"):
            f = rnd.uniform(1.0, 1.08) if meet else rnd.uniform(0.8, 0.98)
            if not target_month:
                f *= rnd.uniform(0.6, 1.0)
            x = v * f + (0.1 if op == ">" and meet else 0)
        elif op in ("<=", "<"):
            f = rnd.uniform(0.9, 1.0) if meet else rnd.uniform(1.03, 1.2)
            x = v * f - (0.1 if op == "<" and meet and v > 0.1 else 0)
            x = max(x, 0.0)
        else:  # about
            tol = float(t.get("tolerance") or 0)
            x = v + rnd.uniform(-tol, tol) * (0.9 if meet else 2.5)
        return fmt_num(x, 2)


def slot_versions(n, slots, seed):
    """How many versions each (department, month) slot gets so that they add up to n."""
    rnd = random.Random(f"{seed}:slots")
    if n <= len(slots):
        chosen = sorted(rnd.sample(range(len(slots)), n))
        return [(slots[i], 1) for i in chosen]
    base, extra = divmod(n, len(slots))
    lucky = set(rnd.sample(range(len(slots)), extra))
    return [(s, base + (1 if i in lucky else 0)) for i, s in enumerate(slots)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of files to write")
    ap.add_argument("outdir")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--rules-json", help="the output of `duban rules --format json` (else duban is run once)")
    ap.add_argument("--duban", help="the duban binary (default: .build-bench/release/duban, else duban on the PATH)")
    args = ap.parse_args()

    with open(os.path.join(REPO, "rules", "departments.yaml"), encoding="utf-8") as f:
        registry = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    departments = {d["name"]: d for d in registry["departments"]}
    world = World(load_rules(args), departments)
    senders = world.senders()
    slots = [(name, p) for name in senders for p in periods()]
    clerks = {name: Clerk(world, name, args.seed) for name in senders}

    os.makedirs(args.outdir, exist_ok=True)
    written = 0
    total_bytes = 0
    made = set()
    for (name, (y, m)), versions in slot_versions(args.n, slots, args.seed):
        slug = departments[name]["slug"]
        folder = os.path.join(args.outdir, slug)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        for k in range(1, versions + 1):
            text, _ = clerks[name].report(y, m, k)
            data = text.encode("utf-8")
            fname = f"{y}-{m:02d}.yaml" if k == 1 else f"{y}-{m:02d}-{k}.yaml"
            with open(os.path.join(folder, fname), "wb") as f:
                f.write(data)
            written += 1
            total_bytes += len(data)
    print(f"gen-submissions: {written} files, {total_bytes} bytes, {len(senders)} departments, "
          f"{len(periods())} months, as of {AS_OF} -> {args.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
