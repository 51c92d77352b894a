"""Briefing API: issues (list, compose a draft, edit a paragraph, publish, render) and window news."""
from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from ninja import Router, Schema

from zwfw.accounts.auth import STAFF_AUTH
from zwfw.errors import NotFound

from . import editorial, news
from .models import Issue
from .render import MEDIA_TYPES, render

router = Router(tags=["窗口工作周报"], auth=STAFF_AUTH)


class IssueOut(Schema):
    id: int
    year: int
    number: int | None
    total: int | None
    period_start: dt.date
    period_end: dt.date
    published_on: dt.date | None
    status: str
    template: str | None = None


class DraftIn(Schema):
    period_start: dt.date
    period_end: dt.date
    template: str = "2024"


class EditIn(Schema):
    key: str
    text: str


class NewsIn(Schema):
    day: dt.date
    theme: str
    text: str


class NewsOut(Schema):
    id: int
    department: str
    theme: str
    text: str
    status: str
    position: int


def _out(issue: Issue) -> dict:
    return {"id": issue.pk, "year": issue.year, "number": issue.number, "total": issue.total,
            "period_start": issue.period_start, "period_end": issue.period_end, "published_on": issue.published_on,
            "status": issue.status, "template": issue.template.code if issue.template_id else None}


def _issue(pk: int) -> Issue:
    issue = Issue.objects.select_related("template").filter(pk=pk).first()
    if issue is None:
        raise NotFound("该期周报不存在。")
    return issue


@router.get("/issues", response=list[IssueOut], summary="周报列表")
def list_issues(request, year: int | None = None):
    qs = Issue.objects.select_related("template")
    if year:
        qs = qs.filter(year=year)
    return [_out(i) for i in qs[:200]]


@router.post("/issues", response={201: IssueOut}, summary="生成一期草稿")
def create_issue(request, payload: DraftIn):
    issue = editorial.create_draft(request.auth, period_start=payload.period_start, period_end=payload.period_end,
                                   template_code=payload.template)
    return 201, _out(issue)


@router.get("/issues/{pk}", summary="一期周报的正文（段落及其生成原文）")
def get_issue(request, pk: int):
    issue = _issue(pk)
    briefing, generated = editorial.build(issue)
    return {**_out(issue), "document": briefing.to_dict(), "generated": generated, "edits": issue.edits or {}}


@router.post("/issues/{pk}/edits", response=IssueOut, summary="修改一个段落（空文本恢复生成原文）")
def edit_issue(request, pk: int, payload: EditIn):
    return _out(editorial.save_edit(request.auth, pk, payload.key, payload.text))


@router.post("/issues/{pk}/publish", response=IssueOut, summary="发布：编号、冻结")
def publish_issue(request, pk: int):
    return _out(editorial.publish(request.auth, pk))


@router.post("/issues/{pk}/skip", response=IssueOut, summary="本周停刊：不出周报、不占期号")
def skip_issue(request, pk: int):
    return _out(editorial.skip(request.auth, pk))


@router.get("/issues/{pk}/render", summary="下载 docx / pdf / html / txt")
def render_issue(request, pk: int, format: str = "docx"):
    briefing, _ = editorial.build(_issue(pk))
    return HttpResponse(render(briefing, format), content_type=MEDIA_TYPES.get(format, "application/octet-stream"))


@router.get("/news", response=list[NewsOut], summary="某周的窗口动态")
def list_news(request, day: dt.date):
    start, _ = news.week_of(day)
    return [{"id": i.pk, "department": i.department.name, "theme": i.theme, "text": i.text, "status": i.status,
             "position": i.position} for i in news.visible(request.auth, start)]


@router.post("/news", response={201: NewsOut}, summary="窗口报送动态")
def submit_news(request, payload: NewsIn):
    user = request.auth
    if user.department is None:
        raise NotFound("当前账号不属于任何部门窗口，不能报送动态。")
    item = news.submit(user, department=user.department, day=payload.day, theme=payload.theme, text=payload.text)
    return 201, {"id": item.pk, "department": item.department.name, "theme": item.theme, "text": item.text,
                 "status": item.status, "position": item.position}
