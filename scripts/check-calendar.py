#!/usr/bin/env python3
"""Cross-checks rules/calendar/<year>.yaml against the independent `chinesecalendar`
package (pip install chinesecalendar): every day of every year must agree on
working day / day off. Prints the disagreements; exits 1 if there are any."""
import datetime
import pathlib
import sys

import chinese_calendar
import yaml

root = pathlib.Path(__file__).resolve().parent.parent / "rules" / "calendar"
problems = 0
for path in sorted(root.glob("*.yaml")):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    year = data["year"]
    off = set()
    for h in data["holidays"]:
        day = h["from"]
        while day <= h["to"]:
            off.add(day)
            day += datetime.timedelta(days=1)
    makeup = {w["date"] for w in data.get("workdays") or []}
    day = datetime.date(year, 1, 1)
    checked = 0
    while day.year == year:
        ours = day in makeup or (day not in off and day.weekday() < 5)
        theirs = chinese_calendar.is_workday(day)
        if ours != theirs:
            problems += 1
            print(f"{path.name}: {day}: duban says {'working day' if ours else 'day off'}, chinesecalendar says {'working day' if theirs else 'day off'}")
        checked += 1
        day += datetime.timedelta(days=1)
    print(f"{path.name}: {checked} days checked against chinesecalendar {chinese_calendar.__version__ if hasattr(chinese_calendar, '__version__') else ''}")
sys.exit(1 if problems else 0)
