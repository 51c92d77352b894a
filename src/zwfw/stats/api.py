"""/api/stats: year-to-date and period figures; daily figures from other systems."""
import datetime as dt

from ninja import Router, Schema
from pydantic import Field

from zwfw.accounts import scoping
from zwfw.accounts.auth import API_AUTH
from zwfw.dbrouter import reporting
from zwfw.errors import DomainError, Forbidden
from zwfw.stats import csvimport, queries, services

router = Router(tags=["统计"])


class Pair(Schema):
    accepted: int
    completed: int


class Other(Pair):
    types: int


class Window(Schema):
    consulted: int
    accepted: int
    issued: int
    transferred: int


class YtdOut(Schema):
    as_of: dt.date
    permit: Pair
    public_service: Pair
    other: Other
    comprehensive_window: Window


class PeriodOut(Schema):
    start: dt.date
    end: dt.date
    permit: Pair
    public_service: Pair
    other: Other
    comprehensive_window: Window
    totals: dict[str, int] = Field(description="各指标合计（全部事项类型与来源）")


class DailyCountIn(Schema):
    day: dt.date = Field(description="日期（北京时间）")
    department: str = Field(description="部门编码、名称或简称")
    power_type: str | None = Field(None, description="事项类型编码或名称；咨询可为空")
    kind: str = Field(description="指标：咨询/受理/办结/颁发/流转/不予受理（或 consulted/accepted/…）")
    count: int = Field(ge=0, le=csvimport.MAX_COUNT, description="数量")
    comprehensive: bool = Field(False, description="是否为综合窗口数据")


class DailyCountsIn(Schema):
    source: str = Field(description="数据来源（外部系统名称）；同一来源、部门、日期再次提交即替换")
    rows: list[DailyCountIn]


class DailyCountsOut(Schema):
    source: str
    stored: int


def _ensure_reader(user) -> None:
    if not (scoping.sees_all(user) or scoping.department_id_of(user)):
        raise Forbidden("您的账户不能查看统计数据。")


@router.get("/ytd", response=YtdOut, auth=API_AUTH, summary="截至某日的年初至今数据（含综合窗口）")
def ytd(request, date: dt.date):
    _ensure_reader(request.auth)
    with reporting():
        return {**queries.ytd(date), "comprehensive_window": queries.comprehensive_window_ytd(date)}


@router.get("/period", response=PeriodOut, auth=API_AUTH, summary="任意时段的数据（起止日期均含）")
def period(request, start: dt.date, end: dt.date):
    _ensure_reader(request.auth)
    if start > end:
        raise DomainError("起始日期不能晚于截止日期。", field="start")
    with reporting():
        return {
            **queries.period(start, end),
            "comprehensive_window": queries.comprehensive_window(start, end),
            "totals": queries.totals(start, end),
        }


@router.post("/daily-counts", response=DailyCountsOut, auth=API_AUTH, summary="提交外部系统的日统计（部门密钥只能提交本部门）")
def daily_counts(request, payload: DailyCountsIn):
    stored = services.submit_daily_counts(request.auth, payload.source, [r.model_dump() for r in payload.rows])
    return {"source": payload.source.strip(), "stored": stored}
