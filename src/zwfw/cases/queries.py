"""Readers: cases as a user may see them."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils import timezone

from zwfw.accounts.scoping import scope
from zwfw.errors import DomainError, NotFound
from zwfw.inputs import MAX_YEAR, MIN_YEAR, pk_or_none

from . import clock, ports
from .models import (DELIVERY_STATUSES, OPEN_STATUSES, UNDECIDED_STATUSES, Applicant, Case, CaseEvent, CaseStatus,
                     Channel)


def cases_for(user):
    """The cases ``user`` may see: their department's, hall-wide roles all, applicants their own."""
    qs = Case.objects.select_related("item__matter__power_type", "department", "applicant")
    if getattr(user, "role", None) == "applicant" and user.is_authenticated:
        return qs.filter(applicant__user=user)
    return scope(user, qs, field="department")


def case_for(user, number: str) -> Case:
    case = cases_for(user).filter(number=(number or "").strip()).first()
    if case is None:
        raise NotFound(f"没有找到办件“{number}”，或您无权查看。", field="number")
    return case


def worklist(user):
    """My window's open cases, the nearest promised deadline first (not yet accepted ones last)."""
    qs = cases_for(user).filter(status__in=OPEN_STATUSES)
    if getattr(user, "role", None) == "comprehensive_clerk":
        qs = qs.filter(at_comprehensive_window=True)
    return qs.order_by(F("promised_due").asc(nulls_last=True), "received_on", "id")


def timeline(case: Case):
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")


# ---- the worklist: search, filters, sort, pages --------------------------------------------------

PAGE_SIZE = 50
#: The worklist counts matches up to this many (a count stays an index range, never the whole table);
#: past it the page says so and asks for a narrower search, and pages stop at COUNT_CAP / PAGE_SIZE.
COUNT_CAP = 5_000
CLOCK_CHOICES = [(s, clock.STATE_LABELS[s]) for s in
                 (clock.OVERDUE, clock.WARNING, clock.NORMAL, clock.SUSPENDED, clock.NOT_STARTED, clock.STOPPED)]
WINDOW_CHOICES = [("comprehensive", "综合窗口"), ("department", "部门窗口")]
SORT_CHOICES = [("due", "承诺期限最近在前"), ("newest", "申请时间最新在前"), ("oldest", "申请时间最早在前"),
                ("number", "办件编号")]
_ORDER = {
    "due": (F("promised_due").asc(nulls_last=True), "received_on", "id"),
    "newest": ("-applied_at", "-id"),
    "oldest": ("applied_at", "id"),
    "number": ("number",),
}
#: Whose cases (zwfw.routing): the office the user works in, the cases assigned to them, those returned to the window.
MINE_CHOICES = [("office", "本科室承办"), ("me", "分配给我"), ("returned", "退回窗口待处理")]
_ID_LIKE = re.compile(r"^[0-9A-Z]{18}$")
_NUMBER_LIKE = re.compile(r"^[0-9A-Z-]{4,32}$")


@dataclass(frozen=True)
class CaseFilter:
    """What a worklist or the API list asks for; every value already checked by ``case_filter``."""
    q: str = ""
    status: str = "open"            # "open" (待办), "all", or one status
    clock: str = ""
    department: int | None = None
    window: str = ""
    channel: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "due"
    mine: str = ""


def _date(value: str, field: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError(f"日期“{value}”格式不正确，应为 YYYY-MM-DD。", code="bad_date", field=field) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise DomainError(f"日期应在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间。", code="date_out_of_range", field=field)
    return day


def case_filter(params, *, default_window: str = "") -> CaseFilter:
    """Read and check a worklist query (a QueryDict or dict); a bad value is a DomainError at its field."""
    def get(key, default=""):
        return (params.get(key) or default).strip()

    q = get("q")
    # A search looks through every case (centre staff find an old one by number or applicant) unless narrowed.
    status = get("status") or ("all" if q else "open")
    if status not in ("open", "all") and status not in CaseStatus.values:
        raise DomainError("没有这种办件状态。", code="bad_status", field="status")
    state = get("clock")
    if state and state not in dict(CLOCK_CHOICES):
        raise DomainError("没有这种时限状态。", code="bad_clock", field="clock")
    window = get("window") if "window" in params else default_window
    if window and window not in dict(WINDOW_CHOICES):
        raise DomainError("没有这种窗口。", code="bad_window", field="window")
    channel = get("channel")
    if channel and channel not in Channel.values:
        raise DomainError("没有这种申请渠道。", code="bad_channel", field="channel")
    # A case number (or its beginning) lists in number order unless asked otherwise: the number's own index
    # then serves both the match and the order, whatever the size of the day or the table.
    sort = get("sort") or ("number" if q and not _ID_LIKE.match(q.upper()) and _NUMBER_LIKE.match(q.upper())
                           else "due")
    if sort not in _ORDER:
        raise DomainError("没有这种排序方式。", code="bad_sort", field="sort")
    department = pk_or_none(get("department"), "department", "部门")
    date_from, date_to = _date(get("date_from"), "date_from"), _date(get("date_to"), "date_to")
    if date_from and date_to and date_from > date_to:
        raise DomainError("开始日期不能晚于结束日期。", code="bad_range", field="date_to")
    mine = get("mine")
    if mine and mine not in dict(MINE_CHOICES):
        raise DomainError("没有这种办件范围。", code="bad_mine", field="mine")
    if len(q) > 60:
        raise DomainError("搜索内容过长（最多 60 个字）。", code="bad_query", field="q")
    return CaseFilter(q=q, status=status, clock=state, department=department,
                      window=window, channel=channel, date_from=date_from, date_to=date_to, sort=sort, mine=mine)


def _search(qs, q: str):
    """Exact ID number, a case number (or its beginning), else the beginning of the applicant's name.

    One kind per query so each is an index lookup; the ID number is matched exactly, never partly,
    so a list cannot be used to guess an applicant's number digit by digit.
    """
    upper = q.upper()
    if _ID_LIKE.match(upper):
        return qs.filter(applicant__in=Applicant.objects.filter(id_number=upper).values("pk"))
    if _NUMBER_LIKE.match(upper):
        return qs.filter(number__startswith=upper)
    return qs.filter(applicant__in=Applicant.objects.filter(name__startswith=q).values("pk"))


def _clock_q(state: str, today: dt.date, calendar) -> Q:
    """The cases whose shown clock (clockwork.clock_of) is in ``state``, as dates compared in SQL."""
    counting = [s for s in UNDECIDED_STATUSES if s != "suspended"]
    if state == clock.SUSPENDED:
        return Q(status="suspended", promised_due__isnull=False)
    if state == clock.NOT_STARTED:
        return Q(status__in=UNDECIDED_STATUSES, promised_due__isnull=True)
    if state == clock.STOPPED:
        return ~Q(status__in=UNDECIDED_STATUSES) & ~Q(status__in=DELIVERY_STATUSES, delivery_due__isnull=False)
    # remaining = working days in (today, due]: < 0 once past, <= WARNING_DAYS before the next boundary.
    beyond = clock._cal(calendar).add(today, clock.WARNING_DAYS + 1)
    window = {clock.OVERDUE: {"lt": today}, clock.WARNING: {"gte": today, "lt": beyond},
              clock.NORMAL: {"gte": beyond}}[state]
    decision = Q(status__in=counting, **{f"promised_due__{k}": v for k, v in window.items()})
    delivery = Q(status__in=DELIVERY_STATUSES, **{f"delivery_due__{k}": v for k, v in window.items()})
    return decision | delivery


def _day_start(d: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(d, dt.time.min))


def find_cases(user, f: CaseFilter, *, today: dt.date | None = None, calendar=None):
    """The cases ``user`` may see that match ``f``, ordered by ``f.sort`` (scoped in SQL, no row cap)."""
    qs = cases_for(user)
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status != "all":
        qs = qs.filter(status=f.status)
    if f.q:
        qs = _search(qs, f.q)
    if f.clock:
        qs = qs.filter(_clock_q(f.clock, today or timezone.localdate(), calendar or ports.get_calendar()))
    if f.department:
        qs = qs.filter(department_id=f.department)
    if f.window:
        qs = qs.filter(at_comprehensive_window=f.window == "comprehensive")
    if f.channel:
        qs = qs.filter(channel=f.channel)
    # Sargable: the bare column against the bounds of local days.
    if f.date_from:
        qs = qs.filter(applied_at__gte=_day_start(f.date_from))
    if f.date_to:
        qs = qs.filter(applied_at__lt=_day_start(f.date_to + dt.timedelta(days=1)))
    if f.mine:
        qs = _mine(qs, user, f.mine)
    return qs.order_by(*_ORDER[f.sort])


class CappedPaginator(Paginator):
    """Pages of a worklist whose count stops at ``COUNT_CAP`` (``more`` tells that there are more matches).

    A page is read in two steps: the ids of its rows (the filter and the order on the cases table alone, an
    index range), then those rows with their item, department and applicant — so the joins touch 50 rows,
    never every match.
    """

    cap = COUNT_CAP

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:min(bottom + self.per_page, self.cap)])
        rows = self.object_list.order_by().filter(pk__in=ids).in_bulk()
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    @cached_property
    def _matches(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def count(self) -> int:
        return min(self._matches, self.cap)

    @property
    def more(self) -> bool:
        return self._matches > self.cap


def _mine(qs, user, mine: str):
    """Routing scopes (zwfw.routing's CaseAssignment, joined in SQL); returned cases carry the reason."""
    if mine == "office":
        return qs.filter(routing__office__members__user=user)
    if mine == "me":
        return qs.filter(routing__approver=user)
    return qs.filter(status="accepted").exclude(routing__returned_reason="").filter(
        routing__returned_reason__isnull=False).annotate(returned_reason=F("routing__returned_reason"))


def after_cursor(qs, cursor: int | None):
    """Keyset page of a list ordered newest first by id: the rows after ``cursor`` (the last id seen)."""
    qs = qs.order_by("-id")
    return qs.filter(id__lt=cursor) if cursor else qs
