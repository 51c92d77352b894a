"""Writers of the official calendar, and the cached :class:`Calendar` readers use.

``get_calendar()`` costs one small query (the years' revision numbers) and
rebuilds the in-process calendar only when they changed, so other processes'
edits are seen at once. Loops over many cases should call it once per batch.
"""
from __future__ import annotations

import threading
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zwfw.errors import DomainError, NotFound
from zwfw.workdays.calendar import (
    FESTIVALS, HOLIDAY, MAKEUP_WORKDAY, PACKAGE_FESTIVALS, Calendar, check_official_day, notice_title,
)
from zwfw.workdays.models import CalendarYear, OfficialDay
from zwfw.workdays.signals import calendar_changed

_lock = threading.Lock()
_cache: dict = {"key": None, "calendar": None}


# -- reading ---------------------------------------------------------------

def _fingerprint() -> tuple:
    return tuple(CalendarYear.objects.order_by("year").values_list("year", "revision", "complete"))


def get_calendar() -> Calendar:
    """The official calendar built from the complete years in the database."""
    key = _fingerprint()
    with _lock:
        if _cache["calendar"] is not None and _cache["key"] == key:
            return _cache["calendar"]
    years = {y for y, _revision, complete in key if complete}
    holidays, makeup = set(), set()
    for d, kind in OfficialDay.objects.filter(year__year__in=years).values_list("date", "kind"):
        (holidays if kind == HOLIDAY else makeup).add(d)
    calendar = Calendar(holidays=holidays, makeup_workdays=makeup, years=years)
    with _lock:
        _cache.update(key=key, calendar=calendar)
    return calendar


def invalidate() -> None:
    """Forget the in-process calendar (connected to the models' save/delete signals)."""
    with _lock:
        _cache.update(key=None, calendar=None)


def _changed(years) -> None:
    """Bump the years' revisions, forget the cache, tell listeners. Call inside the transaction."""
    years = sorted(set(years))
    if not years:
        return
    CalendarYear.objects.filter(year__in=years).update(revision=F("revision") + 1, updated_at=timezone.now())
    invalidate()
    calendar_changed.send(sender=CalendarYear, years=years)


def calendar_edited(years) -> None:
    """Record an edit made through the admin's forms (already saved) and notify listeners."""
    _changed(years)


# -- seeding from the chinese-calendar package -------------------------------

def package_days() -> dict[int, dict[date, tuple[str, str]]]:
    """{year: {date: (kind, Chinese festival name)}} from the chinese_calendar package."""
    from chinese_calendar import constants

    out: dict[int, dict[date, tuple[str, str]]] = {}
    for source, kind in ((constants.holidays, HOLIDAY), (constants.workdays, MAKEUP_WORKDAY)):
        for d, name in source.items():
            out.setdefault(d.year, {})[d] = (kind, PACKAGE_FESTIVALS.get(name, name))
    return out


@transaction.atomic
def seed_from_package(years=None, *, only_missing: bool = False) -> dict[int, str]:
    """Load the package's years into the tables. Idempotent.

    Years entered or corrected by hand (source "manual") are left alone.
    Returns {year: "新增" | "更新" | "无变化" | "人工录入，未覆盖"}.
    """
    data = package_days()
    wanted = sorted(data if years is None else (int(y) for y in years))
    unknown = [y for y in wanted if y not in data]
    if unknown:
        raise DomainError(
            f"chinese-calendar 软件包没有 {'、'.join(map(str, unknown))} 年的数据"
            f"（覆盖 {min(data)}—{max(data)} 年），请在后台人工录入。",
            field="years",
        )
    existing = {cy.year: cy for cy in CalendarYear.objects.filter(year__in=wanted)}
    if only_missing:
        wanted = [y for y in wanted if y not in existing]
    result: dict[int, str] = {}
    changed = []
    for y in wanted:
        cy = existing.get(y)
        if cy is not None and cy.source == CalendarYear.SOURCE_MANUAL:
            result[y] = "人工录入，未覆盖"
            continue
        if cy is None:
            cy = CalendarYear.objects.create(
                year=y, notice=notice_title(y), source=CalendarYear.SOURCE_PACKAGE, complete=True)
            result[y] = "新增"
        else:
            result[y] = "无变化"
        have = {d.date: d for d in cy.days.all()}
        want = data[y]
        stale = [d.pk for day, d in have.items() if day not in want]
        fresh = [OfficialDay(date=day, kind=k, festival=f, year=cy)
                 for day, (k, f) in want.items() if day not in have]
        wrong = [d for day, d in have.items() if day in want and (d.kind, d.festival) != want[day]]
        for d in wrong:
            d.kind, d.festival = want[d.date]
        if stale:
            OfficialDay.objects.filter(pk__in=stale).delete()
        OfficialDay.objects.bulk_create(fresh)
        OfficialDay.objects.bulk_update(wrong, ["kind", "festival"])
        was_incomplete = not cy.complete
        if was_incomplete:
            cy.complete = True
            cy.save(update_fields=["complete", "updated_at"])
        if result[y] == "新增" or stale or fresh or wrong or was_incomplete:
            if result[y] == "无变化":
                result[y] = "更新"
            changed.append(y)
    _changed(changed)
    return result


def seed_missing_years(using="default", **kwargs) -> None:
    """post_migrate hook: a fresh (or flushed) database gets every year the package covers."""
    from django.db import connections

    if CalendarYear._meta.db_table not in connections[using].introspection.table_names():
        return
    seed_from_package(only_missing=True)


# -- manual entry -------------------------------------------------------------

@transaction.atomic
def set_year(year: int, *, notice: str | None = None, complete: bool | None = None) -> CalendarYear:
    """Create or update a year's notice; ``complete=True`` lets it take part in the arithmetic."""
    if not 1949 < int(year) < 2200:
        raise DomainError(f"年份 {year} 无效。", field="year")
    cy, _ = CalendarYear.objects.get_or_create(
        year=year, defaults={"notice": notice or notice_title(year), "source": CalendarYear.SOURCE_MANUAL})
    if notice is not None:
        cy.notice = notice
    if complete is not None:
        cy.complete = complete
    cy.save()
    _changed([cy.year])
    return cy


@transaction.atomic
def set_day(day: date, kind: str, festival: str) -> OfficialDay:
    """Enter or correct one official day; the year becomes hand-kept (source "manual")."""
    check_official_day(day, kind)
    if festival not in FESTIVALS:
        raise DomainError(f"节日“{festival}”无效，应为：{'、'.join(FESTIVALS)}。", field="festival")
    cy, _ = CalendarYear.objects.get_or_create(
        year=day.year, defaults={"notice": notice_title(day.year), "source": CalendarYear.SOURCE_MANUAL})
    if cy.source != CalendarYear.SOURCE_MANUAL:
        cy.source = CalendarYear.SOURCE_MANUAL
        cy.save(update_fields=["source", "updated_at"])
    od, _ = OfficialDay.objects.update_or_create(
        date=day, defaults={"kind": kind, "festival": festival, "year": cy})
    _changed([day.year])
    return od


@transaction.atomic
def remove_day(day: date) -> None:
    """Remove one official day (it becomes an ordinary weekday or weekend day)."""
    od = OfficialDay.objects.select_related("year").filter(date=day).first()
    if od is None:
        raise NotFound(f"{day.isoformat()} 不是已录入的节假日或调休上班日。", field="date")
    cy = od.year
    od.delete()
    if cy.source != CalendarYear.SOURCE_MANUAL:
        cy.source = CalendarYear.SOURCE_MANUAL
        cy.save(update_fields=["source", "updated_at"])
    _changed([day.year])
