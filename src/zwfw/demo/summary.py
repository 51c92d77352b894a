"""The Chinese summary printed at the end of ``zwfw demo``, in the briefing's own sentence shapes."""
from __future__ import annotations

import datetime as dt

from zwfw.briefing.sentences import comprehensive_window_sentence, provincial_statistics_sentence
from zwfw.cases.models import Case, CaseEvent
from zwfw.licences.models import Licence
from zwfw.stats import queries


def lines(as_of: dt.date) -> list[str]:
    ytd = queries.ytd(as_of)
    monday, friday = queries.working_week(as_of)
    week = queries.comprehensive_window(monday, min(friday, as_of))
    open_cases = Case.objects.exclude(status__in=("completed", "rejected")).count()
    return [
        f"办件 {Case.objects.count()} 件（在办 {open_cases} 件），办件事件 {CaseEvent.objects.count()} 条，"
        f"电子证照 {Licence.objects.count()} 张。",
        provincial_statistics_sentence(
            as_of, (ytd["permit"]["accepted"], ytd["permit"]["completed"]),
            (ytd["public_service"]["accepted"], ytd["public_service"]["completed"]),
            ytd["other"]["types"], (ytd["other"]["accepted"], ytd["other"]["completed"])),
        "综合窗口" + comprehensive_window_sentence(week, queries.comprehensive_window_ytd(as_of), "件次"),
    ]
