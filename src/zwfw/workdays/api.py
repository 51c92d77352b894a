"""Working-day arithmetic over HTTP: GET /api/workdays/add, /api/workdays/between."""
from datetime import date

from ninja import Router, Schema

from zwfw.workdays.calendar import parse_date, parse_days
from zwfw.workdays.services import get_calendar

router = Router(tags=["工作日历"])


class AddOut(Schema):
    start: date
    days: int
    date: date


class BetweenOut(Schema):
    start: date
    end: date
    days: int


@router.get("/add", response=AddOut, summary="日期加 N 个工作日（起始日不计）")
def add(request, date: str, days: str):
    start, n = parse_date(date, "date"), parse_days(days)
    return {"start": start, "days": n, "date": get_calendar().add(start, n)}


@router.get("/between", response=BetweenOut, summary="两个日期之间的工作日数（不含起始日，含结束日）")
def between(request, start: str, end: str):
    a, b = parse_date(start, "start"), parse_date(end, "end")
    return {"start": a, "end": b, "days": get_calendar().between(a, b)}
