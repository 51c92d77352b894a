"""A year of activity in the demo hall: cases, licences, the abnormal list, feedback, the hall, assessment.

Re-running is safe: generation happens once per database. A second ``zwfw demo`` finds the
DemoRun record and leaves the activity as it is (same seed and scale: nothing to do; other
seed or scale: it says how to start afresh). Same seed → same data.
"""
from __future__ import annotations

import datetime as dt
import random
import time

from django.db import transaction
from django.utils import timezone

from zwfw.accounts.models import User
from zwfw.stats import services as stats
from zwfw.workdays.services import get_calendar

from .models import DemoRun


def period(today: dt.date) -> tuple[dt.date, dt.date]:
    """1 December of last year to yesterday."""
    return dt.date(today.year - 1, 12, 1), today - dt.timedelta(days=1)


def existing_run() -> DemoRun | None:
    return DemoRun.objects.order_by("-generated_at").first()


@transaction.atomic
def generate(*, seed: int, scale: float, today: dt.date | None = None, progress=print) -> DemoRun:
    """Generate everything once, in one transaction (all or nothing); returns the DemoRun that records it."""
    from . import hall_data, history, licence_data, live, people, scoring

    started = time.monotonic()
    today = today or timezone.localdate()
    start, end = period(today)
    cal = get_calendar()
    rng = random.Random(seed)
    users = {u.username: u for u in User.objects.select_related("department")}
    summary: dict = {}

    progress(f"生成演示数据：{start:%Y-%m-%d} 至 {end:%Y-%m-%d}，比例 {scale:g}，随机种子 {seed}")
    kinds = licence_data.load_kinds()
    n_cases = sum(round(a * scale * 0.42) for a, _ in history.volumes.YEAR_2022.values())
    persons, orgs = people.build_applicants(rng, max(200, min(3000, n_cases // 2)), max(80, min(1500, n_cases // 6)))
    progress(f"申请人：自然人 {len(persons)} 名、法人和其他组织 {len(orgs)} 家；电子证照种类 {kinds} 种")

    made = history.generate(rng, cal, start, end, scale, users, persons, orgs, progress)
    summary.update(made)
    progress(f"历史办件：{made['cases']} 件，办件事件 {made['events']} 条")

    cases = list(history.Case.objects.filter(status="completed").select_related("item", "department", "applicant")
                 .order_by("id"))
    summary["historical_licences"] = licence_data.issue_sample(rng, cases, max(40, len(cases) // 25), users)
    progress(f"历史证照：抽样签发电子证照 {summary['historical_licences']} 张")

    scoring.load_rules(start)
    summary["live"] = live.generate(rng, cal, today, users, persons, orgs, progress)
    completed = list(history.Case.objects.filter(status="completed").select_related("department", "applicant")
                     .order_by("id"))
    summary["feedback"] = live.feedback(rng, cal, start, end, users, completed, progress)
    summary["hall"] = hall_data.generate(rng, cal, start, end, today, users, progress)
    summary["assessment"] = scoring.generate(rng, start, today, users, progress)

    progress("重建统计计数（按办件事件日志）……")
    stats.rebuild()
    from . import briefing_data

    summary["briefing"] = briefing_data.generate(today, users, progress)
    return DemoRun.objects.create(seed=seed, scale=scale, period_start=start, period_end=end,
                                  seconds=round(time.monotonic() - started, 1), summary=summary)
