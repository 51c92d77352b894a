"""Working-day arithmetic on the official Chinese calendar (pure: no Django).

A working day (工作日) is a Monday-to-Friday that is not a public holiday, or a
make-up working day (调休上班日, a Saturday or Sunday announced as working).

Time limits are counted from the day after the start: ``add(d, n)`` is the n-th
working day after ``d`` (``d`` itself is not counted) and ``between(a, b)`` is the
number of working days in (a, b], so ``between(a, add(a, n)) == n``.

The calendar knows only the years it has data for. Any computation that touches
another year raises :class:`CalendarMissing` naming that year — never a silent guess.
Where an answer is needed anyway (a case's deadline in a year whose notice is not yet
published), :meth:`Calendar.provisional` gives the same calendar with the missing years
counted as plain Monday-to-Friday weeks (暂按常规工作日计算), and
:meth:`Calendar.assumed_years` says which years of a span were so assumed.

Built once per calendar version, then every query is a bisect over a sorted
array of working-day ordinals, so it stays fast for millions of cases.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from zwfw.errors import DomainError

HOLIDAY = "holiday"
MAKEUP_WORKDAY = "makeup_workday"

PROVISIONAL_LABEL = "暂按常规工作日计算"
#: How far past the last year with data a provisional calendar counts (covers any parse_days span).
PROVISIONAL_YEARS_AHEAD = 45

FESTIVALS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "抗战胜利纪念日"]

# chinese_calendar's English names → the names the State Council notices use.
PACKAGE_FESTIVALS = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


class CalendarMissing(DomainError):
    code = "calendar_missing"

    def __init__(self, year: int):
        super().__init__(
            f"{year} 年的工作日历尚未录入（国务院办公厅放假安排通知发布后请在后台录入），无法计算工作日。"
        )
        self.year = year


def notice_title(year: int) -> str:
    """The title of the State Council General Office notice for ``year``."""
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


def check_official_day(d: date, kind: str, year: int | None = None) -> None:
    """Raise DomainError if ``d`` cannot be an official day of ``kind`` in ``year``."""
    if kind not in (HOLIDAY, MAKEUP_WORKDAY):
        raise DomainError(f"日期类型“{kind}”无效，应为法定节假日或调休上班日。", field="kind")
    if year is not None and d.year != year:
        raise DomainError(f"{d.isoformat()} 不属于 {year} 年的工作日历。", field="date")
    if kind == MAKEUP_WORKDAY and d.weekday() < 5:
        raise DomainError(f"{d.isoformat()} 是工作日，调休上班日应为周六或周日。", field="date")


@dataclass(frozen=True)
class _Run:
    """A run of consecutive years with data, and its working days as sorted ordinals."""

    first_year: int
    last_year: int
    ordinals: list[int]


class Calendar:
    def __init__(self, holidays: Iterable[date], makeup_workdays: Iterable[date], years: Iterable[int],
                 known_years: Iterable[int] | None = None):
        self.holidays = frozenset(holidays)
        self.makeup_workdays = frozenset(makeup_workdays)
        self.years = frozenset(years)
        # The years with official data; a provisional calendar covers more years than it knows.
        self.known_years = self.years if known_years is None else frozenset(known_years)
        self._provisional: Calendar | None = None
        self._runs: dict[int, _Run] = {}
        for first, last in _consecutive(sorted(self.years)):
            run = _Run(first, last, self._working_ordinals(first, last))
            for y in range(first, last + 1):
                self._runs[y] = run

    def _working_ordinals(self, first: int, last: int) -> list[int]:
        start, end = date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal()
        holidays = {d.toordinal() for d in self.holidays}
        makeup = {d.toordinal() for d in self.makeup_workdays}
        out = []
        # Monday of ordinal 1 (0001-01-01) is weekday 0; weekday = (o - 1) % 7.
        for o in range(start, end + 1):
            if o in makeup or ((o - 1) % 7 < 5 and o not in holidays):
                out.append(o)
        return out

    def _run(self, year: int) -> _Run:
        try:
            return self._runs[year]
        except KeyError:
            raise CalendarMissing(year) from None

    # -- provisional answers -------------------------------------------------

    @property
    def is_provisional(self) -> bool:
        return self.years != self.known_years

    def provisional(self) -> Calendar:
        """This calendar with every year lacking data counted as Monday-to-Friday weeks.

        Built once per calendar. Spans that touch an assumed year are provisional answers:
        see :meth:`assumed_years`.
        """
        if self.is_provisional:
            return self
        if self._provisional is None:
            known = self.known_years or {2000}
            span = range(min(known) - 1, max(known) + PROVISIONAL_YEARS_AHEAD + 1)
            self._provisional = Calendar(self.holidays, self.makeup_workdays, span, known_years=self.known_years)
        return self._provisional

    def assumed_years(self, a: date, b: date) -> list[int]:
        """The years of the span [a, b] (either order) that have no official data."""
        lo, hi = sorted((a, b))
        return [y for y in range(lo.year, hi.year + 1) if y not in self.known_years]

    # -- queries -----------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        self._run(d.year)
        if d in self.makeup_workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays

    def add(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (n < 0: the |n|-th working day before ``d``)."""
        run = self._run(d.year)
        if n == 0:
            return d
        o = d.toordinal()
        if n > 0:
            i = bisect_right(run.ordinals, o) + n - 1
            if i >= len(run.ordinals):
                raise CalendarMissing(run.last_year + 1)
        else:
            i = bisect_left(run.ordinals, o) + n
            if i < 0:
                raise CalendarMissing(run.first_year - 1)
        return date.fromordinal(run.ordinals[i])

    def between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when b is before a."""
        if b < a:
            return -self.between(b, a)
        run = self._run(a.year)
        if b.year > run.last_year:
            raise CalendarMissing(run.last_year + 1)
        return bisect_right(run.ordinals, b.toordinal()) - bisect_right(run.ordinals, a.toordinal())

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add(d, 1)

    def working_days_in(self, start: date, end: date) -> list[date]:
        """The working days in [start, end], in order."""
        if end < start:
            return []
        self.between(start, end)  # raises CalendarMissing for any unknown year in the span
        run = self._run(start.year)
        lo = bisect_left(run.ordinals, start.toordinal())
        hi = bisect_right(run.ordinals, end.toordinal())
        return [date.fromordinal(o) for o in run.ordinals[lo:hi]]

def _consecutive(years: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for y in years:
        if runs and runs[-1][1] == y - 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


def parse_date(text: str, field: str = "date") -> date:
    """A date typed as YYYY-MM-DD, or a DomainError naming the field."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise DomainError(f"日期“{text}”格式不正确，应为 YYYY-MM-DD，如 2026-02-12。", field=field) from None


def parse_days(text, field: str = "days") -> int:
    """A number of working days typed as an integer, or a DomainError."""
    try:
        n = int(str(text).strip())
    except ValueError:
        raise DomainError(f"工作日数“{text}”应为整数。", field=field) from None
    if abs(n) > 10000:
        raise DomainError(f"工作日数 {n} 超出范围（最多 10000）。", field=field)
    return n
