#!/usr/bin/env python3
"""Writes inputs/: the sample monthly progress reports (February–December 2022) of every unit
with a role in annexes 1–5 of 京政办发〔2022〕6号, with a planted, documented set of defects,
市医保局's December status file with its two ledgers (京政办发〔2022〕8号, written by
scripts/ledger/gen-ledgers.py), plus inputs/README.md. Deterministic: the same rules/ always give byte-identical files.

    python3 scripts/make-inputs.py                     # rewrite inputs/ (and only inputs/)
    python3 scripts/make-inputs.py --verify DUBAN      # then run DUBAN check and compare with the plan

What each unit owes is computed from the rule files themselves (rules/departments.yaml,
rules/pollution/*.yaml, rules/literacy.yaml, rules/metrics, rules/calendar) with PyYAML, by the
semantics of docs/checks.md; no network, no binary (except with --verify).

The defects planted on purpose are listed in PLANTED below; the README's expected summary is
computed from that list, not from the checker, so --verify is a real cross-check.
"""
import argparse
import calendar as cal
import collections
import datetime as dt
import json
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

import yaml

AS_OF = dt.date(2023, 1, 6)
YEAR = 2022
PERIODS = [(YEAR, m) for m in range(2, 13)]
SEVERITY = {'late-report': 'warning', 'late': 'warning', 'off-pace': 'warning'}
# 市医保局's December ledgers (京政办发〔2022〕8号, docs/ledgers.md), written by scripts/ledger/gen-ledgers.py:
# (kind, status-file kind, rows, share of rows with a planted defect). The expense ledger's declared total
# is written 100.00 yuan too high, a clerical slip the reconciliation must catch.
LEDGERS = [('credit', 'account-credit', 3000, 0.004), ('expense', 'account-expense', 2000, 0.006)]
LEDGER_SLIP_FEN = 100_00


# ───────────────────────────── the rules, read as docs/checks.md reads them ─────────────────────────────

def norm(s):
    return re.sub(r'\s+', '', str(s)).replace('(', '（').replace(')', '）')


def as_day(v):
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def last_day(y, m):
    return dt.date(y, m, cal.monthrange(y, m)[1])


def month_end(p):
    return last_day(*p)


class Model:
    def __init__(self, root):
        self.root = root
        reg = self.load('rules/departments.yaml')
        self.depts = {d['slug']: d for d in reg['departments']}
        self.names = {}
        for d in reg['departments']:
            for n in [d['name'], d['slug']] + (d.get('variants') or []):
                self.names[norm(n)] = ('d', d['slug'])
        for g in reg['groups']:
            for n in [g['name'], g['slug']] + (g.get('variants') or []):
                self.names[norm(n)] = ('g', g.get('members'))
        self.docs = {d['key']: d for d in self.load('rules/documents.yaml')['documents']}
        self.metrics = {}
        for f in sorted((root / 'rules/metrics').glob('*.yaml')):
            for m in self.load(f)['metrics']:
                self.metrics[m['id']] = m
        self.holidays, self.workdays = set(), set()
        for f in sorted((root / 'rules/calendar').glob('*.yaml')):
            c = self.load(f)
            for h in c.get('holidays') or []:
                d = as_day(h['from'])
                while d <= as_day(h['to']):
                    self.holidays.add(d)
                    d += dt.timedelta(days=1)
            for w in c.get('workdays') or []:
                self.workdays.add(as_day(w['date']))
        self.rules = []
        files = sorted((root / 'rules/pollution').glob('*.yaml')) + [root / 'rules/literacy.yaml', root / 'rules/medins.yaml']
        for f in files:
            doc = self.load(f)
            for r in doc['rules']:
                self.rules.append(self.rule(doc, r))
        self.by_id = {r['id']: r for r in self.rules}

    def load(self, path):
        with open(self.root / path, encoding='utf-8') as f:
            return yaml.safe_load(f)

    def name(self, slug):
        return self.depts[slug]['name']

    def resolve(self, text):
        kind, v = self.names[norm(text)]
        if kind == 'd':
            return [v], False
        return (list(v), False) if v else ([], True)

    def rule(self, doc, r):
        roles, open_ = {}, False
        for role in ('lead', 'responsible', 'assisting'):
            out = []
            for text in (r.get('roles') or {}).get(role) or []:
                slugs, o = self.resolve(text)
                open_ |= o
                out += [s for s in slugs if s not in out]
            roles[role] = out
        year = self.docs[doc['document']]['year']
        dl = self.deadline(r.get('deadline'), year)
        final = None
        if dl:
            final = {'due': lambda: dl[1], 'ongoing': lambda: None, 'window': lambda: last_day(*dl[2]),
                     'milestones': lambda: max(dl[1])}[dl[0]]()
        targets = []
        for t in r.get('targets') or []:
            targets.append({'metric': t['metric'], 'op': t['op'], 'value': Decimal(str(t['value'])),
                            'tol': Decimal(str(t['tolerance'])) if 'tolerance' in t else None,
                            'scope': t.get('scope', 'city'), 'per_year': t.get('per') == 'year',
                            'due': as_day(t['due']) if 'due' in t else (final or dt.date(year, 12, 31))})
        return {'id': r['id'], 'kind': r['kind'], 'doc': doc['document'], 'annex': doc.get('annex'),
                'roles': roles, 'open': open_, 'deadline': dl, 'final': final, 'targets': targets,
                'task': r.get('task') or r.get('title') or '', 'issued': as_day(self.docs[doc['document']]['issued'])}

    @staticmethod
    def deadline(d, year):
        if not d:
            return None
        phrase = re.sub(r'\s+', '', d['phrase'])
        if d.get('milestones'):
            return ('milestones', [as_day(m['due']) for m in d['milestones']])
        if d.get('window'):
            f, t = str(d['window']['from']), str(d['window']['to'])
            return ('window', (int(f[:4]), int(f[5:7])), (int(t[:4]), int(t[5:7])))
        if phrase == '长期实施':
            return ('ongoing',)
        if 'due' in d:
            return ('due', as_day(d['due']))
        if phrase in ('年底前', '年底'):
            return ('due', dt.date(year, 12, 31))
        m = re.fullmatch(r'(\d{1,2})月底前?', phrase)
        if m:
            return ('due', last_day(year, int(m[1])))
        m = re.fullmatch(r'(\d{1,2})月(\d{1,2})日前?', phrase)
        if m:
            return ('due', dt.date(year, int(m[1]), int(m[2])))
        m = re.fullmatch(r'(\d{1,2})[—–\-~至](\d{1,2})月', phrase)
        if m:
            return ('window', (year, int(m[1])), (year, int(m[2])))
        raise SystemExit(f'make-inputs: cannot read the deadline phrase {phrase!r}')

    # calendar (SPEC §3)
    def working(self, d):
        return d in self.workdays or (d.weekday() < 5 and d not in self.holidays)

    def due_day(self, period):
        y, m = period
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        d, n = dt.date(y, m, 1), 0
        while True:
            if self.working(d):
                n += 1
                if n == 3:
                    return d
            d += dt.timedelta(days=1)

    def shift_working(self, d, k):
        step = 1 if k > 0 else -1
        while k:
            d += dt.timedelta(days=step)
            if self.working(d):
                k -= step
        return d

    # obligations (docs/checks.md)
    def annex_rules(self):
        return [r for r in self.rules if r['doc'] == 'pollution' and r['annex'] in (1, 2, 3, 4, 5)]

    def report_owers(self):
        out = set()
        for r in self.annex_rules():
            for role in r['roles'].values():
                out.update(role)
        return sorted(out)

    @staticmethod
    def owes_progress(slug, r):
        return slug in r['roles']['lead'] or slug in r['roles']['responsible']

    def owed_rules(self, slug, period):
        """What `duban template` lists: every rule the unit must give progress on (before any is done)."""
        out = []
        for r in self.annex_rules():
            if not self.owes_progress(slug, r) or not r['deadline']:
                continue
            if r['deadline'][0] == 'window' and not (r['deadline'][1] <= period <= r['deadline'][2]):
                continue
            out.append(r)
        return out

    def owners(self, t, r):
        districts = [s for s, d in self.depts.items() if d['type'] == 'district']
        sc = t['scope']
        if sc == 'city':
            muni = [s for s in r['roles']['lead'] if self.depts[s]['type'] != 'district']
            return [(s, 'city') for s in (muni or r['roles']['lead'])]
        if sc == 'districts':
            holders = [s for s in r['roles']['lead'] + r['roles']['responsible'] if self.depts[s]['type'] == 'district']
            return [(s, s) for s in dict.fromkeys(holders or districts)]
        slug = self.resolve(sc)[0][0]
        return [(slug, slug)]

    def due_days(self, t, r):
        if not t['per_year']:
            return [t['due']]
        first = min(r['issued'].year, t['due'].year)
        return [dt.date(y, 12, 31) for y in range(first, t['due'].year + 1)]

    def figures(self, slug, period):
        """(rule, target, scope) whose figure the unit owes in its report on `period`."""
        out = []
        for r in self.rules:
            for t in r['targets']:
                if any((d.year, d.month) == period for d in self.due_days(t, r)):
                    out += [(r, t, sc) for o, sc in self.owners(t, r) if o == slug]
        return out

    def cumulative_targets(self, slug):
        """Targets due at the year's end on cumulative, higher-is-better metrics the unit owns."""
        out = []
        for r, t, sc in self.figures(slug, (YEAR, 12)):
            m = self.metrics[t['metric']]
            if m['aggregation'] == 'cumulative' and m['better'] == 'higher' and t['op'] in ('>=', '>', 'about') and t['value'] > 0:
                out.append((r, t, sc))
        return out


def met(t, value, better):
    v = t['value']
    op = t['op']
    if op == '>=':
        return value >= v
    if op == '>':
        return value > v
    if op == '<=':
        return value <= v
    if op == '<':
        return value < v
    if op == '==':
        return value == v
    gap = value - v
    return abs(gap) <= t['tol'] or (better == 'higher' and gap > 0) or (better == 'lower' and gap < 0)


def elapsed_share(day, due):
    start = dt.date(due.year, 1, 1)
    if not (start <= day < due):
        return None
    return Decimal((day - start).days + 1) / Decimal((due - start).days + 1)


# ───────────────────────────── the story ─────────────────────────────

# Who is who. Every unit not named here behaves well (reports on time, finishes on time, meets its targets).
EXEMPLARY = ['haidian', 'huairou', 'yanqing', 'dongcheng', 'shuiwu', 'yuanlinlvhua', 'jiaotong', 'caizheng']

# How each unit writes its own name (the canonical name otherwise); a list alternates by month.
SPELLING = {
    'zhufangchengxiangjianshe': ['市住建委'],
    'haidian': ['海淀区政府', '海淀区人民政府'],
    'bda': ['经开区管委会', '北京经济技术开发区管委会'],
    'weishengjiankang': ['市卫健委'],
    'keji-zhongguancun': ['市科委、中关村管委会', '市科委'],
    'tongzhou': ['通州区人民政府'],
    'nongyenongcun': ['北京市农业农村局'],
    'jiaotong': ['市交通委', 'jiaotong'],
    'shuiwu': ['市水务局', '北京市水务局'],
    'gongan': ['gongan'],
    'fazhangaige': ['市发展和改革委员会'],
    'dongaozuwei-zongticehua': ['北京冬奥组委总体策划部'],
    'miyun': ['密云区人民政府', '密云区政府'],
}

# Units that keep listing items already reported done (allowed), and units that give no `progress`.
KEEPS_DONE = {'haidian', 'shuiwu', 'yanqing', 'jiaotong', 'fengtai', 'pinggu', 'shengtaihuanjing', 'gongan', 'qixiang'}
NO_PROGRESS = {'renminyinhang', 'tielu-beijingju', 'youzheng', 'sifa', 'waiban', 'xuanchuan', 'tongji'}
# Units that give cumulative figures so far in their monthly reports (on pace), and districts that give PM2.5 so far.
MONTHLY_FIGURES = {'shuiwu', 'yuanlinlvhua', 'gongan', 'shichangjianguan', 'zhufangchengxiangjianshe', 'shengtaihuanjing'}
MONTHLY_PM25 = {'haidian', 'chaoyang', 'tongzhou', 'fangshan', 'huairou', 'daxing', 'yanqing'}
# Units with no progress duty that still write a line on what they assist with.
ASSISTING_WRITERS = {'jiaoyu', 'liangshichubei', 'wenhualvyou'}

# Everything planted on purpose, with the violations each must cause: (kind, department slug, rule, period).
# `rule` is the id the checker prints (the typo itself for unknown-rule), None where there is none;
# `period` is the month (None for deadline findings, which carry the due day instead).
PLANTED = [
    dict(key='late-saturday', unit='fengtai',
         what='丰台区政府 hands in its April report on Monday 2022-05-09, the next working day after the make-up '
              'Saturday 2022-05-07 that was its due day (朝阳区政府 handed its April report in on that Saturday: on time).',
         expect=[('late-report', 'fengtai', 'pollution.notice.monthly-report', '2022-04')]),
    dict(key='late-september', unit='chengshiguanli',
         what='市城市管理委 hands in its September report on 2022-10-11, one working day after the due day 2022-10-10 '
              '(市发展改革委 handed its September report in on 2022-10-10 itself: on time).',
         expect=[('late-report', 'chengshiguanli', 'pollution.notice.monthly-report', '2022-09')]),
    dict(key='late-july', unit='nongyenongcun',
         what='市农业农村局 hands in its July report on 2022-08-15, nine working days late (due 2022-08-03).',
         expect=[('late-report', 'nongyenongcun', 'pollution.notice.monthly-report', '2022-07')]),
    dict(key='skip-month', unit='qixiang',
         what='市气象局 sends no report on August (it reports again from September).',
         expect=[('missing-report', 'qixiang', 'pollution.notice.monthly-report', '2022-08')]),
    dict(key='stopped', unit='weishengjiankang',
         what='市卫生健康委 stops reporting after its September report. That report, now its latest, gives '
              'pollution.soil.13.2 (年底前) a progress of 0.55 against an elapsed share of 273/365 = 74.8 %.',
         expect=[('missing-report', 'weishengjiankang', 'pollution.notice.monthly-report', p) for p in ('2022-10', '2022-11', '2022-12')]
         + [('off-pace', 'weishengjiankang', 'pollution.soil.13.2', '2022-09')]),
    dict(key='superseded', unit='shunyi',
         what='顺义区政府 sends its August report on 2022-09-02 without pollution.water.7.3, and a corrected '
              '`2022-08-fix.yaml` on 2022-09-07 (after the due day 2022-09-05) that includes it. The first file is '
              'listed as superseded; the report is on time (the first arrival counts) and complete (the latest counts): '
              'no violation.',
         expect=[]),
    dict(key='typo', unit='jingjixinxihua',
         what='市经济和信息化局 writes `pollution.air.3.1O` (letter O) for pollution.air.3.1 in its June report: the '
              'entry is an unknown rule, so the June report says nothing of pollution.air.3.1.',
         expect=[('unknown-rule', 'jingjixinxihua', 'pollution.air.3.1O', '2022-06'),
                 ('unreported', 'jingjixinxihua', 'pollution.air.3.1', '2022-06')]),
    dict(key='foreign-rule', unit='xicheng',
         what='西城区政府 reports on pollution.air.10.1 (石化行业 VOCs, 房山区) in its May report, a rule it has no role in.',
         expect=[('not-assigned', 'xicheng', 'pollution.air.10.1', '2022-05')]),
    dict(key='foreign-figure', unit='zhufangchengxiangjianshe',
         what='市住房城乡建设委 adds the city dustfall (dustfall_t_km2_month, scope city) to its December report, a figure '
              'owed by the district governments only.',
         expect=[('not-assigned', 'zhufangchengxiangjianshe', None, '2022-12')]),
    dict(key='foreign-sender', unit='daxing',
         what='`inputs/daxing/2022-10-jingkaiqu.yaml` is 北京经济技术开发区管委会\'s October report saved in 大兴区政府\'s '
              'folder. It counts for nobody; 经开区 has its own October report in its own folder.',
         expect=[('not-assigned', 'daxing', None, '2022-10')]),
    dict(key='bad-date', unit='mentougou',
         what='门头沟区政府\'s June report says pollution.air.3.10 was completed on 2022-06-31: the entry is invalid; '
              'a flawed entry is not a silence, so the rule is not `unreported` as well (the July report gives done, 2022-06-30).',
         expect=[('invalid', 'mentougou', 'pollution.air.3.10', '2022-06')]),
    dict(key='completed-after-submitted', unit='pinggu',
         what='平谷区政府\'s October report, submitted 2022-11-02, says pollution.soil.3.1 was completed on 2022-11-10: '
              'invalid, and only that (the November report gives done, 2022-11-10).',
         expect=[('invalid', 'pinggu', 'pollution.soil.3.1', '2022-10')]),
    dict(key='gbk', unit='miyun',
         what='密云区政府\'s March report first arrives GBK-encoded (`2022-03.yaml`, unreadable); the same day it sends '
              'the UTF-8 file `2022-03-utf8.yaml`, which counts. The unreadable file makes `duban check` exit 2.',
         expect=[('invalid', 'miyun', None, None)]),
    dict(key='pm25-missed', unit='fangshan',
         what='房山区政府 reports a 2022 PM2.5 of 37 μg/m³ against its target of <= 34.',
         expect=[('target-missed', 'fangshan', 'pollution.districts.fangshan.pm25_ugm3', '2022-12')]),
    dict(key='pm25-absent', unit='tongzhou',
         what='通州区政府 reports PM2.5 so far every month but leaves it out of its December report.',
         expect=[('target-missed', 'tongzhou', 'pollution.districts.tongzhou.pm25_ugm3', '2022-12')]),
    dict(key='gt93-exact', unit='shijingshan',
         what='石景山区政府 reports a contaminated-plot safe-use rate of exactly 93 against annex 6\'s >93 '
              '(怀柔区政府 reports 93.1: met).',
         expect=[('target-missed', 'shijingshan', 'pollution.districts.shijingshan.contaminated_plot_safe_use_pct', '2022-12')]),
    dict(key='about-better', unit='fazhangaige',
         what='市发展改革委 reports 56 cleaner-production audits against "50家左右" (about 50 ±2.5): more is better, so '
              'met; 延庆区政府 reports a dustfall of 4.4 against "5吨左右" (about 5 ±0.25): less is better, so met. No violation.',
         expect=[]),
    dict(key='done-late', unit='chengshiguanli',
         what='市城市管理委 reports pollution.air.3.6 (6月底前) in progress in June and done on 2022-07-18 in July.',
         expect=[('late', 'chengshiguanli', 'pollution.air.3.6', None)]),
    dict(key='never-finished', unit='nongyenongcun',
         what='市农业农村局 still reports pollution.soil.8.1 (年底前) in progress (0.85) in December.',
         expect=[('overdue', 'nongyenongcun', 'pollution.soil.8.1', None)]),
    dict(key='dropped-june-rule', unit='keji-zhongguancun',
         what='市科委、中关村管委会 reports pollution.air.11.1 (6月底前) still in progress (0.8) in July and then leaves it '
              'out of every later report.',
         expect=[('overdue', 'keji-zhongguancun', 'pollution.air.11.1', None)]
         + [('unreported', 'keji-zhongguancun', 'pollution.air.11.1', f'2022-{m:02d}') for m in range(8, 13)]),
    dict(key='left-out', unit='changping',
         what='昌平区政府\'s November report leaves out pollution.water.9.1 (长期实施).',
         expect=[('unreported', 'changping', 'pollution.water.9.1', '2022-11')]),
    dict(key='group-rule', unit='bda',
         what='pollution.soil.4.2 is led by 各区政府（含北京经济技术开发区管委会）; 16 members report it done, '
              '北京经济技术开发区管委会 still reports it in progress in December.',
         expect=[('overdue', 'bda', 'pollution.soil.4.2', None)]),
    dict(key='missed-milestone', unit='shengtaihuanjing',
         what='市生态环境局 completes the 6月底前 step of pollution.air.10.1 (按时间节点完成) on 2022-07-15; the rule itself '
              'is done on time.',
         expect=[('missed-milestone', 'shengtaihuanjing', 'pollution.air.10.1', None)]),
]

# Rules whose trajectory a planted defect fixes: (unit, rule) → completion day (None: never done).
FORCED_DONE = {
    ('chengshiguanli', 'pollution.air.3.6'): dt.date(YEAR, 7, 18),
    ('nongyenongcun', 'pollution.soil.8.1'): None,
    ('keji-zhongguancun', 'pollution.air.11.1'): None,
    ('bda', 'pollution.soil.4.2'): None,
    ('mentougou', 'pollution.air.3.10'): dt.date(YEAR, 6, 30),
    ('pinggu', 'pollution.soil.3.1'): dt.date(YEAR, 11, 10),
    ('weishengjiankang', 'pollution.soil.13.2'): dt.date(YEAR, 12, 20),
    ('shunyi', 'pollution.water.7.3'): dt.date(YEAR, 11, 25),
}

M_ = lambda m: (YEAR, m)  # noqa: E731
# Entries a planted defect writes differently (see PLANTED): they stay in the file but do not count.
BAD_ENTRIES = {
    ('mentougou', 'pollution.air.3.10', M_(6)): {'status': 'done', 'completed': 'RAW:2022-06-31'},
    ('pinggu', 'pollution.soil.3.1', M_(10)): {'status': 'done', 'completed': dt.date(YEAR, 11, 10)},
}
TYPOS = {('jingjixinxihua', M_(6)): ('pollution.air.3.1', 'pollution.air.3.1O')}
LEFT_OUT = {('changping', 'pollution.water.9.1', M_(11)), ('shunyi', 'pollution.water.7.3', M_(8))}
DROPPED_AFTER = {('keji-zhongguancun', 'pollution.air.11.1'): M_(7)}
FOREIGN_TASKS = {('xicheng', M_(5)): [{'rule': 'pollution.air.10.1', 'status': 'in-progress', 'progress': Decimal('0.4'),
                                       'note': '辖区无石化企业，参照房山区模板填报'}]}
PROGRESS = {('keji-zhongguancun', 'pollution.air.11.1', M_(7)): Decimal('0.8'),
            ('nongyenongcun', 'pollution.soil.8.1', M_(12)): Decimal('0.85'),
            ('bda', 'pollution.soil.4.2', M_(12)): Decimal('0.9')}
PROGRESS.update({('weishengjiankang', 'pollution.soil.13.2', M_(m)): Decimal(m) / 20 + Decimal('0.1') for m in range(2, 10)})
SUBMITTED = {('fengtai', M_(4)): dt.date(YEAR, 5, 9), ('chaoyang', M_(4)): dt.date(YEAR, 5, 7),
             ('chengshiguanli', M_(9)): dt.date(YEAR, 10, 11), ('fazhangaige', M_(9)): dt.date(YEAR, 10, 10),
             ('nongyenongcun', M_(7)): dt.date(YEAR, 8, 15), ('shunyi', M_(8)): dt.date(YEAR, 9, 2),
             ('pinggu', M_(10)): dt.date(YEAR, 11, 2)}
SKIPPED = {('qixiang', M_(8))} | {('weishengjiankang', M_(m)) for m in (10, 11, 12)}

NOTES = [  # (keyword in the item title, clerk's notes; {n} a count, {p} a head count, {x} a figure)
    ('新能源汽车', ['本月推广新能源汽车{n}辆', '新建充电桩{n}个', '正在组织专家评审推广方案']),
    ('高排放车', ['本月淘汰国三及以下排放标准车辆{n}辆', '已发放淘汰补贴{n}笔']),
    ('机动车', ['本月开展重型柴油车路检{n}辆次', '检查机动车检测场{n}家次', '查处超标排放车辆{n}辆']),
    ('检测场', ['检查机动车检测场{n}家次', '约谈排放检验机构{n}家']),
    ('NO_x', ['已完成{n}台燃气锅炉低氮改造', '本月检查燃气锅炉{n}台']),
    ('产业结构', ['退出一般制造业企业{n}家', '疏解提质工作按计划推进']),
    ('VOCs', ['已完成{n}家企业现场检查', '完成{n}家企业VOCs治理方案评审', '正在组织专家评审']),
    ('油气回收', ['检查加油站{n}座', '完成{n}座加油站油气回收在线监控安装']),
    ('降尘', ['本月降尘量{x}吨/平方公里·月', '对降尘量排名靠后的{n}个街乡开展约谈']),
    ('扬尘', ['检查施工工地{n}个次', '本月查处扬尘违法行为{n}起', '道路冲刷保洁作业{n}万平方米']),
    ('烟花爆竹', ['开展宣传{n}场', '设置禁放点位{n}处']),
    ('联防联控', ['参加京津冀联防联控会商{n}次']),
    ('重污染', ['已完成重污染应急减排清单更新', '组织应急演练{n}次']),
    ('运输结构', ['大宗货物绿色运输比例稳步提升', '本月核查运输企业{n}家']),
    ('监测', ['新建监测点位{n}个', '开展监测{n}次', '监测数据按月报送']),
    ('执法', ['立案查处环境违法行为{n}起', '已完成{n}家企业现场检查', '开展执法检查{n}家次']),
    ('科技', ['组织开展课题研究{n}项', '已完成课题开题论证']),
    ('财政', ['已下达专项资金{x}亿元', '资金拨付按进度推进']),
    ('资金', ['已下达专项资金{x}亿元']),
    ('碳', ['已完成{n}家重点碳排放单位核查', '正在组织专家评审', '方案已起草，正在征求意见']),
    ('温室气体', ['已完成{n}家重点单位排放报告核查', '核算方法已报市生态环境局']),
    ('试点', ['已遴选低碳试点{n}个']),
    ('海绵城市', ['新增海绵城市建设面积{x}平方公里']),
    ('供热', ['完成{n}万平方米供热节能改造']),
    ('建筑', ['完成公共建筑节能改造{x}万平方米', '新建超低能耗建筑{x}万平方米']),
    ('交通', ['本月新增自行车道{n}公里', '绿色出行比例按月监测']),
    ('宣传', ['开展宣传活动{n}场', '发布宣传稿件{n}篇']),
    ('交流合作', ['参加交流活动{n}次']),
    ('能力建设', ['举办培训{n}期', '已完成人员配备']),
    ('物种', ['开展野生动植物巡护{n}次', '完成{n}个样地调查']),
    ('保护地', ['完成自然保护地核查{n}处']),
    ('生态修复', ['完成生态修复{n}公顷']),
    ('本底调查', ['完成{n}个样区本底调查']),
    ('评价', ['正在组织专家评审', '评价指标体系已起草']),
    ('生态建设', ['完成新增造林{x}万亩']),
    ('示范创建', ['已完成创建自查', '创建材料已报送']),
    ('森林城市', ['森林城市创建材料已报送', '完成新增造林{x}万亩']),
    ('复核', ['已完成复核自查']),
    ('污染状况调查', ['已完成{n}个地块调查', '调查方案已通过专家评审']),
    ('源头管控', ['已完成{n}家重点监管单位隐患排查', '更新土壤污染重点监管单位名录']),
    ('规划统筹', ['已完成{n}个地块规划条件核查']),
    ('安全利用', ['已完成{n}个地块风险评估', '安全利用方案已印发']),
    ('种植业', ['化肥农药减量技术推广{n}万亩', '回收农膜{n}吨']),
    ('养殖业', ['完成{n}家规模养殖场粪污设施检查']),
    ('农用地', ['已完成{n}个点位采样', '调查成果已报市农业农村局']),
    ('农产品', ['已完成{n}个点位采样', '受污染耕地安全利用按计划推进']),
    ('未利用地', ['完成未利用地巡查{n}次']),
    ('尾矿', ['完成尾矿库排查{n}座']),
    ('立法', ['条例草案已报市人大']),
    ('危险废物', ['新增危险废物处置能力{n}吨/年', '检查危险废物经营单位{n}家']),
    ('土壤环境监测', ['完成{n}个点位监测']),
    ('培训', ['举办培训{n}期，培训{p}人次']),
    ('行业', ['检查从业单位{n}家']),
    ('总量减排', ['重点工程减排量按月核算', '已完成{n}项减排工程']),
    ('饮用水', ['完成水源地巡查{n}次', '水质监测结果按月公开']),
    ('节水', ['创建节水型单位{n}家', '节水型小区创建按计划推进']),
    ('地下水', ['关停自备井{n}眼', '完成{n}个地下水监测井建设']),
    ('密云水库', ['开展库区巡查{n}次', '总氮控制方案已起草']),
    ('生活污水', ['已新建污水收集管线{n}公里', '完成{n}个村庄生活污水治理', '改造雨污合流管{n}公里']),
    ('农村污染', ['完成{n}个村庄生活污水治理', '农村黑臭水体整治按计划推进']),
    ('工业污染', ['已完成{n}家企业现场检查']),
    ('排污口', ['完成入河排污口排查{n}个', '已完成{n}个排污口整治']),
    ('涉疫', ['对{n}家定点医院开展监督检查', '涉疫污水处理设施运行正常']),
    ('水体', ['完成小微水体整治{n}条', '开展水体巡查{n}次']),
    ('河长', ['各级河长巡河{n}人次']),
    ('流域', ['召开流域协调会{n}次']),
    ('生态补偿', ['补偿金已按季度核算']),
    ('水生态', ['开展水生态监测{n}次', '完成{n}个点位水生态调查']),
    ('目标', ['按序时进度推进', '已分解下达年度目标']),
]
GENERIC = ['按计划推进', '正在组织专家评审', '方案已起草，正在征求意见', '已召开专题推进会', '正在开展现场核查', '按序时进度推进']
HELPING = ['配合牵头部门推进', '已按要求报送本区进展', '配合开展现场核查']
DONE = ['已完成', '已完成，相关材料已报市生态环境局', '已完成并通过验收', '方案已印发实施', '已按时完成']
LATER = ['拟于下月启动', '正在做前期准备', '待市级方案印发后启动']


def rnd(*key):
    return random.Random('|'.join(map(str, key)))


class Story:
    def __init__(self, model):
        self.m = model
        self.owers = model.report_owers()

    # ── trajectories ──
    def completion(self, slug, r):
        """The day a unit finishes its part of a rule (None: never, or not a deadline kind)."""
        if (slug, r['id']) in FORCED_DONE:
            return FORCED_DONE[(slug, r['id'])]
        kind = r['deadline'][0]
        if kind in ('ongoing',):
            return None
        final = r['final']
        g = rnd('done', slug, r['id'])
        if kind == 'window':
            return final
        if final.month == 12:
            month = g.choices([6, 7, 8, 9, 10, 11, 12], [4, 5, 6, 10, 15, 25, 35])[0]
        else:
            month = g.choice([final.month - 1, final.month, final.month]) if final.month > 3 else final.month
        d = dt.date(YEAR, month, g.randint(3, 26))
        if month == final.month:
            d = min(d, final - dt.timedelta(days=g.randint(1, 4)), dt.date(YEAR, final.month, final.day))
        return min(d, final)

    def start(self, slug, r):
        g = rnd('start', slug, r['id'])
        done = self.completion(slug, r)
        latest = (done.month if done else 12)
        return (YEAR, min(g.choice([2, 2, 3, 3, 4, 5]), latest))

    def progress(self, slug, r, p):
        """Rising progress, never behind the elapsed share of time (时间近半、任务近半)."""
        done = self.completion(slug, r) or dt.date(YEAR, 12, 31)
        s = self.start(slug, r)
        begin = dt.date(s[0], s[1], 1)
        end = month_end(p)
        linear = Decimal((end - begin).days + 1) / Decimal(max((done - begin).days + 1, 1))
        share = elapsed_share(end, r['final']) if r['final'] else None
        lead = Decimal(rnd('ahead', slug, r['id']).randint(2, 15)) / 100  # how far ahead of time this unit keeps
        value = max(linear, (share or 0) + lead)
        value = (value * 20).to_integral_value(ROUND_CEILING) / 20
        return min(value, Decimal('0.95'))

    # ── one report ──
    def submitted(self, slug, p):
        due = self.m.due_day(p)
        k = rnd('sub', slug, p).choices([0, 1, 2], [35, 40, 25])[0]
        return self.m.shift_working(due, -k) if k else due

    def spelling(self, slug, p):
        names = SPELLING.get(slug)
        if not names:
            return self.m.name(slug)
        return names[p[1] % len(names)]

    def note(self, slug, r, p, status):
        g = rnd('note', slug, r['id'], p)
        if status == 'done':
            return g.choice(DONE) if g.random() < 0.7 else None
        if status == 'not-started':
            return g.choice(LATER) if g.random() < 0.4 else None
        if g.random() > 0.45:
            return None
        if slug not in r['roles']['lead'] and g.random() < 0.4:
            return g.choice(HELPING)
        pool = GENERIC
        for key, notes in NOTES:
            if key in r['task']:
                pool = notes
                break
        text = g.choice(pool)
        text = re.sub(r'\{n\}', lambda _: str(g.randint(2, 40) * p[1] // 4 + g.randint(1, 9)), text)
        text = re.sub(r'\{p\}', lambda _: str(g.randint(6, 60) * 10 * p[1]), text)
        return re.sub(r'\{x\}', lambda _: f'{g.randint(5, 60) / 10:.1f}', text)

    def milestones(self, slug, r, p, done):
        if r['deadline'][0] != 'milestones' or slug not in r['roles']['lead']:
            return []
        out = []
        for due in r['deadline'][1]:
            completed = self.milestone_done(slug, r, due, done)
            if completed and completed <= month_end(p):
                out.append((due, completed))
        return out

    def milestone_done(self, slug, r, due, done):
        if due == r['final']:
            return done
        if (slug, r['id']) == ('shengtaihuanjing', 'pollution.air.10.1'):
            return dt.date(YEAR, 7, 15)
        return due - dt.timedelta(days=rnd('ms', slug, r['id'], due).randint(2, 12))

    def tasks(self, slug, p, history):
        out = []
        for r in self.m.owed_rules(slug, p):
            done = self.completion(slug, r)
            if r['id'] in history and slug not in KEEPS_DONE:
                continue
            if (slug, r['id'], p) in LEFT_OUT or ((slug, r['id']) in DROPPED_AFTER and p > DROPPED_AFTER[(slug, r['id'])]):
                continue
            start = self.start(slug, r)
            t = {'rule': r['id']}
            kind = r['deadline'][0]
            if done and done <= month_end(p):
                t['status'] = 'done'
                t['completed'] = done
            elif kind == 'ongoing':
                t['status'] = 'in-progress'
            elif p < start:
                t['status'] = 'not-started'
            else:
                t['status'] = 'in-progress'
                if slug not in NO_PROGRESS and kind != 'window':
                    t['progress'] = PROGRESS.get((slug, r['id'], p)) or self.progress(slug, r, p)
            ms = self.milestones(slug, r, p, done)
            if ms:
                t['milestones'] = ms
            n = self.note(slug, r, p, t['status'])
            if n:
                t['note'] = n
            bad = BAD_ENTRIES.get((slug, r['id'], p))
            if bad:  # the entry the checker cannot accept: it does not count as reported
                t.pop('progress', None)
                t.update(bad)
            elif t['status'] == 'done':
                history[r['id']] = done
            if (slug, p) in TYPOS and TYPOS[(slug, p)][0] == r['id']:
                t['rule'] = TYPOS[(slug, p)][1]
            out.append(t)
        out += FOREIGN_TASKS.get((slug, p), [])
        if slug in ASSISTING_WRITERS:
            for r in self.m.annex_rules():
                if slug in r['roles']['assisting'] and not self.m.owes_progress(slug, r):
                    out.append({'rule': r['id'], 'status': 'in-progress', 'note': rnd('help', slug, r['id'], p).choice(HELPING)})
        return out

    # ── figures ──
    @staticmethod
    def places(unit, targets):
        if unit in ('家', '个', '处', '条', '块', '户', '组', 't', 'μg/m³', '辆', '公里', '公顷'):
            return 0
        decimals = max([-t['value'].as_tuple().exponent for t in targets] + [1])
        return decimals

    def natural(self, slug, metric, targets, g):
        """A realistic value meeting every target on the metric."""
        m = self.m.metrics[metric]
        places = self.places(m['unit'], targets)
        q = Decimal(1).scaleb(-places)
        lo, hi = Decimal('-Infinity'), Decimal('Infinity')
        for t in targets:
            v, op = t['value'], t['op']
            if op == 'about':
                lo, hi = max(lo, v - t['tol'] * Decimal('0.7')), min(hi, v + t['tol'] * Decimal('0.7'))
            elif op in ('>=', '>'):
                floor = v + (q if op == '>' else 0)
                top = floor if v == 0 else v + max(v * Decimal('0.08'), Decimal('0.5'))  # nothing to cut: 0
                lo, hi = max(lo, floor), min(hi, max(top, floor))
            elif op in ('<=', '<'):
                lo, hi = max(lo, v * Decimal('0.85')), min(hi, v - (q if op == '<' else 0))
        if m['unit'] == '%':
            hi = min(hi, Decimal(100))
        if lo > hi:
            raise SystemExit(f'make-inputs: no value of {metric} meets {targets}')
        span = hi - lo
        value = lo + span * Decimal(str(round(g.uniform(0.15, 0.7), 3))) if span else lo
        for rounding in (ROUND_HALF_UP, ROUND_CEILING, ROUND_FLOOR):
            x = value.quantize(q, rounding=rounding)
            if all(met(t, x, m['better']) for t in targets):
                return x
        raise SystemExit(f'make-inputs: cannot round {value} for {metric}')

    def figures(self, slug, p):
        owed = collections.OrderedDict()
        for r, t, scope in self.m.figures(slug, p):
            owed.setdefault((t['metric'], scope), []).append((r, t))
        out = []
        for (metric, scope), rts in owed.items():
            targets = [t for _, t in rts]
            g = rnd('fig', slug, metric, scope, p)
            value = self.override(slug, metric, p)
            if value is None:
                cum = [t for r, t, sc in self.m.cumulative_targets(slug) if t['metric'] == metric and sc == scope]
                if cum and p == (YEAR, 12) and all(t['op'] in ('>=', '>') for t in targets):
                    value = self.cumulative(slug, cum[0], scope, p)
                else:
                    value = self.natural(slug, metric, targets, g)
            if value is False:
                continue
            out.append({'metric': metric, 'value': value, 'scope': scope})
        if slug in MONTHLY_FIGURES and p < (YEAR, 12) and p >= (YEAR, 4):
            for r, t, scope in self.m.cumulative_targets(slug):
                if (t['metric'], scope) not in owed and t['due'].year == YEAR and t['due'].month == 12 \
                        and all(x['metric'] != t['metric'] for x in out):
                    out.append({'metric': t['metric'], 'value': self.cumulative(slug, t, scope, p), 'scope': scope})
        if slug in MONTHLY_PM25 and p < (YEAR, 12):
            target = [t for r, t, sc in self.m.figures(slug, (YEAR, 12)) if t['metric'] == 'pm25_ugm3'][0]['value']
            so_far = target + 14 - (p[1] - 2) * 13 // 10 + rnd('pm', slug).randint(-1, 1)
            out.append({'metric': 'pm25_ugm3', 'value': Decimal(so_far), 'scope': slug})
        if (slug, p) == ('zhufangchengxiangjianshe', (YEAR, 12)):
            out.append({'metric': 'dustfall_t_km2_month', 'value': Decimal('4.6'), 'scope': 'city'})
        return out

    def cumulative(self, slug, t, scope, p):
        """A year-to-date figure ahead of the elapsed share of its target."""
        m = self.m.metrics[t['metric']]
        factor = Decimal(str(round(rnd('cum', slug, t['metric']).uniform(1.03, 1.1), 3)))
        share = elapsed_share(month_end(p), t['due']) or Decimal(1)
        value = t['value'] * share * factor
        places = self.places(m['unit'], [t])
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)

    @staticmethod
    def override(slug, metric, p):
        if p != (YEAR, 12):
            return None
        return {
            ('fangshan', 'pm25_ugm3'): Decimal('37'),
            ('tongzhou', 'pm25_ugm3'): False,
            ('shijingshan', 'contaminated_plot_safe_use_pct'): Decimal('93'),
            ('huairou', 'contaminated_plot_safe_use_pct'): Decimal('93.1'),
            ('fazhangaige', 'cleaner_production_audit_count'): Decimal('56'),
            ('yanqing', 'dustfall_t_km2_month'): Decimal('4.4'),
        }.get((slug, metric))

    # ── all the files ──
    def reports(self):
        """(path, unit, submission) for every regular file, in order."""
        files = []
        for slug in self.owers:
            history = {}
            for p in PERIODS:
                if (slug, p) in SKIPPED:
                    continue
                s = {'department': self.spelling(slug, p), 'period': p,
                     'submitted': SUBMITTED.get((slug, p)) or self.submitted(slug, p),
                     'tasks': self.tasks(slug, p, history), 'metrics': self.figures(slug, p)}
                files.append((f'{slug}/{p[0]}-{p[1]:02d}.yaml', slug, s))
        return files


# ───────────────────────────── writing ─────────────────────────────

PLAIN = re.compile(r'^[^\s\-?:,\[\]{}#&*!|>\'"%@`0-9][^#:]*$')


def scalar(v):
    if isinstance(v, Decimal):
        return format(v.to_integral_value() if v == v.to_integral_value() else v, 'f')
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str) and v.startswith('RAW:'):
        return v[4:]
    if isinstance(v, tuple):
        return f'{v[0]}-{v[1]:02d}'
    s = str(v)
    if PLAIN.match(s) and s.strip() == s and s not in ('yes', 'no', 'on', 'off', 'null', 'true', 'false'):
        return s
    return json.dumps(s, ensure_ascii=False)


def render(m, slug, s, title=None):
    p = s['period']
    lines = [title or f'# {m.name(slug)} {p[0]}年{p[1]}月生态环境保护工作进展（报市生态环境局）']
    lines += [f'department: {scalar(s["department"])}', f'period: {scalar(p)}', f'submitted: {scalar(s["submitted"])}']
    if s['tasks']:
        lines.append('tasks:')
        for t in s['tasks']:
            lines.append(f'  - rule: {t["rule"]}')
            lines.append(f'    status: {t["status"]}')
            if 'progress' in t:
                lines.append(f'    progress: {scalar(t["progress"])}')
            if 'completed' in t:
                lines.append(f'    completed: {scalar(t["completed"])}')
            if t.get('milestones'):
                lines.append('    milestones:')
                for due, done in t['milestones']:
                    lines.append(f'      - {{due: {scalar(due)}, completed: {scalar(done)}}}')
            if t.get('note'):
                lines.append(f'    note: {scalar(t["note"])}')
    if s['metrics']:
        lines.append('metrics:')
        for x in s['metrics']:
            lines.append(f'  - metric: {x["metric"]}')
            lines.append(f'    value: {scalar(x["value"])}')
            if x.get('scope') and (x['scope'] == 'city' or rnd('scope', slug, x['metric']).random() < 0.5):
                lines.append(f'    scope: {x["scope"]}')
    return '\n'.join(lines) + '\n'


def build(root):
    m = Model(root)
    story = Story(m)
    out = {}  # relative path → bytes
    reports = story.reports()
    for path, slug, s in reports:
        text = render(m, slug, s)
        out[path] = text.encode('utf-8')
        if (slug, s['period']) == ('miyun', (YEAR, 3)):
            out['miyun/2022-03-utf8.yaml'] = text.replace('（报市生态环境局）', '（报市生态环境局，UTF-8重发）', 1).encode('utf-8')
            out[path] = text.encode('gbk', errors='replace')
    # 顺义区: the August report first without pollution.water.7.3, then the corrected one.
    shunyi = [s for path, slug, s in reports if slug == 'shunyi' and s['period'] == (YEAR, 8)][0]
    fix = dict(shunyi, submitted=dt.date(YEAR, 9, 7))
    fix['tasks'] = sorted(shunyi['tasks'] + [{'rule': 'pollution.water.7.3', 'status': 'in-progress',
                                              'progress': story.progress('shunyi', m.by_id['pollution.water.7.3'], (YEAR, 8)),
                                              'note': '补报：汛前管网清掏已全部完成，正在开展汛后排查'}],
                         key=lambda t: [r['id'] for r in m.annex_rules()].index(t['rule']))
    out['shunyi/2022-08-fix.yaml'] = render(m, 'shunyi', fix, '# 顺义区政府 2022年8月工作进展（更正：补报漏报事项）').encode('utf-8')
    # 经开区's October report, saved in 大兴区's folder as well.
    bda = [s for path, slug, s in reports if slug == 'bda' and s['period'] == (YEAR, 10)][0]
    out['daxing/2022-10-jingkaiqu.yaml'] = render(m, 'bda', bda, '# 北京经济技术开发区管委会 2022年10月工作进展（转存）').encode('utf-8')
    # 市政府: the literacy outline's 2022 annual figures (京政办发〔2022〕7号), owed by 市政府 as lead.
    lit = {'department': '市政府', 'period': (YEAR, 12), 'submitted': dt.date(2023, 1, 4), 'tasks': [],
           'metrics': story.figures('shizhengfu', (YEAR, 12))}
    out['shizhengfu/2022-12.yaml'] = render(m, 'shizhengfu', lit, '# 市政府 2022年全民科学素质年度数据（京政办发〔2022〕7号，市科协汇总）').encode('utf-8')
    ledgers = medins_ledgers(root)
    out['yibao/2022-12.yaml'] = medins_report(ledgers).encode('utf-8')
    for led in ledgers:
        out[led['path']] = led['data']
    out['README.md'] = readme(m, story, out, ledgers).encode('utf-8')
    return dict(sorted(out.items()))


def medins_ledgers(root):
    """The December ledgers of 市医保局, their planted defects (the generator's manifest) and their totals
    (read back by the Python peer of the ledger checks, an implementation independent of duban)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, written, rows, share in LEDGERS:
            csv_path, manifest = pathlib.Path(tmp, f'{kind}.csv'), pathlib.Path(tmp, f'{kind}-defects.csv')
            subprocess.run([sys.executable, str(root / 'scripts/ledger/gen-ledgers.py'), str(csv_path), '--kind', kind,
                            '--rows', str(rows), '--month', f'{YEAR}-12', '--defect-share', str(share),
                            '--seed', 'inputs', '--manifest', str(manifest)], check=True)
            peer = subprocess.run([sys.executable, str(root / 'scripts/bench/ledger-peer.py'), str(csv_path), '--kind', kind],
                                  check=True, capture_output=True, text=True)
            month = json.loads(peer.stdout)['months'][f'{YEAR}-12']
            defects = [line.split(',') for line in manifest.read_text().splitlines()[1:]]
            out.append(dict(kind=kind, written=written, path=f'yibao/ledgers/{YEAR}-12-{kind}.csv', data=csv_path.read_bytes(),
                            rows=month['rows'], total=Decimal(month['total']),
                            defects=[(int(line), k, rule) for line, k, rule, _ in defects]))
    return out


def medins_report(ledgers):
    """市医保局's December status file: the credit standards it applied and the ledgers it reports."""
    L = [f'# 市医保局 {YEAR}年12月 职工医保个人账户计入与使用台账（京政办发〔2022〕8号）',
         'department: 市医保局', f'period: {YEAR}-12', 'submitted: 2023-01-04', 'metrics:']
    for metric, value in (('inservice_credit_pct_of_base', 2), ('retiree_credit_under70_yuan_month', 100),
                          ('retiree_credit_70plus_yuan_month', 110)):
        L += [f'  - metric: {metric}', f'    value: {value}']
    L.append('ledgers:')
    for led in ledgers:
        total = led['total'] + (Decimal(LEDGER_SLIP_FEN) / 100 if led['kind'] == 'expense' else 0)
        L += [f'  - file: {led["path"].removeprefix("yibao/")}', f'    kind: {led["written"]}', f'    month: {YEAR}-12',
              f'    rows: {led["rows"]}', f'    total: {total:.2f}']
    return '\n'.join(L) + '\n'


def ledger_expected(ledgers):
    """What the ledgers must raise: every planted row (kind, rule, file:line) and the slipped total."""
    rows = [(k, 'yibao', rule or None, f'inputs/{led["path"]}:{line}') for led in ledgers for line, k, rule in led['defects']]
    rows.append(('totals-mismatch', 'yibao', 'medins.account-use', 'inputs/yibao/2022-12.yaml'))
    return rows


# ───────────────────────────── README ─────────────────────────────

def expected(m):
    rows = []
    for p in PLANTED:
        for kind, slug, rule, period in p['expect']:
            rows.append((kind, m.name(slug), rule, period, p['key']))
    return rows


def readme(m, story, files, ledgers):
    rows = expected(m) + [(k, '市医保局', r, None, 'ledger') for k, _, r, _ in ledger_expected(ledgers)]
    n_files = sum(1 for k in files if k.endswith('.yaml'))
    errors = sum(1 for r in rows if SEVERITY.get(r[0], 'error') == 'error')
    warnings = len(rows) - errors
    kinds = collections.Counter(r[0] for r in rows)
    name = m.name
    ex_d = [name(s) for s in EXEMPLARY if m.depts[s]['type'] == 'district']
    ex_m = [name(s) for s in EXEMPLARY if m.depts[s]['type'] != 'district']
    L = []
    L.append('# Sample submissions: the 2022 monthly progress reports\n')
    L.append('Generated by `python3 scripts/make-inputs.py` (deterministic; do not edit by hand — change the script and '
             'rerun it; `--verify PATH/TO/duban` reruns the check and compares it with the plan below).\n')
    L.append('One folder per unit (`inputs/<slug>/`, slug from `rules/departments.yaml`), one file per monthly report '
             '(`2022-MM.yaml`), in the status-file format of SPEC §4. The folder is the sender.\n')
    L.append('## The story\n')
    L.append(f'京政办发〔2022〕6号 asks every unit with a role in annexes 1–5 — {len(story.owers)} units by the rule files — to report '
             'the previous month\'s progress to 市生态环境局 by the third working day of each month, from February '
             '(due 2022-03-03) to December (due 2023-01-05). Every one of them has a folder here with its eleven reports '
             '(less where a defect below says otherwise). Each report lists what `duban template` lists for that unit '
             'and month: every 长期实施 rule, every window rule in its months, and every deadline rule until the unit '
             'has reported it done (some units keep listing finished items, which is allowed). Items start '
             '`not-started`, move to `in-progress` with a rising `progress` that keeps ahead of the elapsed share of '
             'the year (时间近半、任务近半), and end `done` with a `completed` day on or before the deadline; the two '
             '按时间节点完成 rules carry their `milestones`. Clerks write short notes where a clerk would. Units spell '
             'their own name as clerks do: mostly the canonical name, sometimes a registered variant (市住建委, '
             '通州区人民政府, 经开区管委会) or the slug (`gongan`, `jiaotong`).\n')
    L.append('Figures: every December report gives every target figure the unit owns (docs/checks.md, "Who owes a '
             'figure"), mostly meeting the target; the five leads of pollution.air.7.4 give the coal-to-clean count in '
             'November (its deadline is 11月15日前). Some units also give cumulative figures so far in earlier months '
             '(on pace), and some districts their PM2.5 so far (higher than the year\'s target in the winter months, '
             'which is not checked: only the target\'s month counts). `shizhengfu/2022-12.yaml` holds 市政府\'s 2022 '
             'figures for the four 每年 targets of the literacy outline (京政办发〔2022〕7号), which 市政府 owes as lead; '
             'without it the nightly check would report them as missed.\n')
    flagged = {s for p in PLANTED for _, s, _, _ in p['expect']}
    clean = [s for s in story.owers if s not in flagged]
    L.append(f'**Exemplary** (no violation at all): districts {"、".join(ex_d)} (and 朝阳区政府, 顺义区政府, whose reports '
             f'only *look* suspicious); municipal units {"、".join(ex_m)} (and 市发展改革委). In all, {len(clean)} of the '
             f'{len(story.owers)} units end the year without a violation; the other {len(story.owers) - len(clean)} carry '
             'exactly the defects below.\n')
    L.append('## Planted defects and the violations they must cause\n')
    L.append('Periods are report months; deadline findings (`overdue`, `late`, `missed-milestone`) carry the due day '
             'instead of a period.\n')
    L.append('| # | defect | expected violations (kind · department · rule · period) |')
    L.append('|---|---|---|')
    for i, p in enumerate(PLANTED, 1):
        exp = '<br>'.join(f'`{k}` · {name(s)} · {r or "—"} · {per or "—"}' for k, s, r, per in p['expect']) or 'none'
        L.append(f'| {i} | {p["what"]} | {exp} |')
    L.append('')
    L.append('The unreadable file (#' + str([p['key'] for p in PLANTED].index('gbk') + 1) + ') is intended: any `invalid` '
             'finding makes `duban check` exit **2** (the report still covers every other file in full), so the nightly '
             'check over these inputs (`duban check inputs --as-of 2023-01-06`, the defaults of `.duban.yml`) ends with '
             'status 2, not 1.\n')
    L.append('Deliberately non-conforming files (a schema check of `inputs/` must expect them): '
             '`miyun/2022-03.yaml` (GBK, not UTF-8), `mentougou/2022-06.yaml` (2022-06-31 is no day), '
             '`jingjixinxihua/2022-06.yaml` (rule id `pollution.air.3.1O`); `pinggu/2022-10.yaml` is well-formed but '
             'inconsistent (completed after submitted).\n')
    L.append('Superseded (listed, not a violation): `inputs/shunyi/2022-08.yaml`, by `inputs/shunyi/2022-08-fix.yaml`.\n')
    L.append('## 市医保局\'s ledgers (京政办发〔2022〕8号)\n')
    kinds_of = collections.Counter(k for k, _, _, _ in ledger_expected(ledgers))
    L.append('`yibao/2022-12.yaml` is 市医保局\'s December status file: the three credit standards it applied (in force, '
             'no finding) and its two December ledgers under `ledgers:` (docs/ledgers.md), written by '
             '`scripts/ledger/gen-ledgers.py --seed inputs` with a small share of planted defect rows: '
             + ', '.join(f'`{led["path"]}` ({led["rows"]} readable rows of {LEDGERS[i][2]}, '
                         f'{len(led["defects"])} planted defects)' for i, led in enumerate(ledgers))
             + '. Every planted row must be found at its line, of the kind and rule in the generator\'s manifest, and '
             'nothing else: ' + ', '.join(f'{n} `{k}`' for k, n in sorted(kinds_of.items()) if k != 'totals-mismatch')
             + '. The declared rows and totals are those of the ledgers (read back by `scripts/bench/ledger-peer.py`), '
             f'except the expense ledger\'s total, written {LEDGER_SLIP_FEN // 100}.00 yuan too high: one `totals-mismatch`.\n')
    L.append('## Expected counts (as of 2023-01-06)\n')
    L.append('| kind | severity | count |')
    L.append('|---|---|---|')
    for kind in sorted(kinds):
        L.append(f'| `{kind}` | {SEVERITY.get(kind, "error")} | {kinds[kind]} |')
    L.append(f'| all | | {len(rows)} |')
    L.append('')
    L.append(f'Expected summary: {n_files} files, {errors} errors, {warnings} warnings')
    return '\n'.join(L) + '\n'


# ───────────────────────────── main ─────────────────────────────

def verify(root, duban, m):
    run = subprocess.run([duban, 'check', 'inputs', '--as-of', AS_OF.isoformat(), '--format', 'json'],
                         cwd=root, capture_output=True, text=True)
    data = json.loads(run.stdout)
    got = collections.Counter()
    for v in data['violations']:
        if v['department'] == '市医保局':  # ledger findings: by place, as the generator's manifest states them
            place = v['location']['file'] + (f':{v["location"]["line"]}' if v['location']['file'].endswith('.csv') else '')
            got[(v['kind'], 'yibao', v['rule'], place)] += 1
        else:
            got[(v['kind'], v['department'], v['rule'], v['period'])] += 1
    want = collections.Counter((k, d, r, p) for k, d, r, p, _ in expected(m))
    want.update(ledger_expected(medins_ledgers(root)))
    extra, missing = got - want, want - got
    for k in sorted(extra, key=str):
        print('unexpected:', k, file=sys.stderr)
    for k in sorted(missing, key=str):
        print('missing:   ', k, file=sys.stderr)
    print(f'check: exit {run.returncode}, summary {data["summary"]}; '
          f'{sum(want.values())} planted, {sum(extra.values())} unexpected, {sum(missing.values())} missing')
    return not extra and not missing


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--root', default=str(pathlib.Path(__file__).resolve().parent.parent), help='the repository (default: this script\'s)')
    ap.add_argument('--verify', metavar='DUBAN', help='afterwards run DUBAN check over inputs/ and compare with the plan')
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    files = build(root)
    target = root / 'inputs'
    if target.exists():
        shutil.rmtree(target)
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f'make-inputs: wrote {len(files)} files to {target}')
    if args.verify:
        sys.exit(0 if verify(root, args.verify, Model(root)) else 1)


if __name__ == '__main__':
    main()
