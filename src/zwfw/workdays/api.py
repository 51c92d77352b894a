"""Working-day arithmetic over HTTP: GET /api/workdays/add, /api/workdays/between."""
from datetime import date

from ninja import Router, Schema

from zwfw.workdays.calendar import PROVISIONAL_LABEL, parse_date, parse_days
from zwfw.workdays.services import get_calendar

router = Router(tags=["工作日历"])


class AddOut(Schema):
    start: date
    days: int
    date: date
    provisional: bool = False
    note: str = ""


class BetweenOut(Schema):
    start: date
    end: date
    days: int


@router.get("/add", response=AddOut, summary="日期加 N 个工作日（起始日不计）")
def add(request, date: str, days: str, provisional: bool = False):
    """With ``provisional=true`` a year without calendar data counts as Monday-to-Friday weeks, and says so."""
    start, n = parse_date(date, "date"), parse_days(days)
    calendar = get_calendar().provisional() if provisional else get_calendar()
    result = calendar.add(start, n)
    assumed = calendar.assumed_years(start, result)
    note = f"{PROVISIONAL_LABEL}：{'、'.join(map(str, assumed))} 年的工作日历尚未录入" if assumed else ""
    return {"start": start, "days": n, "date": result, "provisional": bool(assumed), "note": note}


@router.get("/between", response=BetweenOut, summary="两个日期之间的工作日数（不含起始日，含结束日）")
def between(request, start: str, end: str):
    a, b = parse_date(start, "start"), parse_date(end, "end")
    return {"start": a, "end": b, "days": get_calendar().between(a, b)}
