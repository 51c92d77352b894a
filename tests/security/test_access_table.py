"""Walks docs/access.md: every role × every resource in its table gets exactly what the table says."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from zwfw.accounts.models import User
from zwfw.accounts.services import issue_api_key
from zwfw.cases import ports as cases_ports
from zwfw.cases import services as cases
from zwfw.cases.models import Applicant, AuditLog, Case
from zwfw.catalog.models import HandlingItem
from zwfw.identifiers import resident_id_check_char

TABLE = Path(__file__).resolve().parents[2] / "docs" / "access.md"
LOGINS = {"applicant": "shenqingren", "comprehensive clerk": "zongchuang", "department clerk": "lcj",
          "approver": "lcj-shenpi", "centre staff": "zhongxin", "leader": "lingdao", "department system": "lcj-api",
          "anonymous": None}
OUTCOMES = {"allowed", "denied", "masked", "unmasked", "—"}


def read_table() -> tuple[list[str], list[tuple[str, str, dict]]]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    roles = header[2:]
    rows = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append((cells[0], cells[1].strip("`"), dict(zip(roles, cells[2:]))))
    return roles, rows


def test_the_table_is_well_formed():
    roles, rows = read_table()
    assert set(roles) == set(LOGINS)
    assert len(rows) >= 25
    for resource, _path, outcomes in rows:
        assert set(outcomes.values()) <= OUTCOMES, resource


def _person(first17: str, name: str) -> Applicant:
    return cases.register_applicant(kind=Applicant.PERSON, name=name, id_number=first17 + resident_id_check_char(first17),
                                    phone="13900001111")


@pytest.fixture
def casefiles_root(settings, tmp_path):
    """Uploaded material files go to a temporary storage root (removed with tmp_path)."""
    settings.STORAGES = {**settings.STORAGES, "casefiles": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}}}
    return tmp_path / "files"


def _material_files(users, dept_case, comp_case, dept_item) -> dict:
    """A clerk's scan on each window's case and the applicant's own upload to an online application."""
    from zwfw.casefiles.services import add

    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
           b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb0\x00\x00\x00"
           b"\x00IEND\xaeB`\x82")

    def scan(case, who):
        upload = SimpleUploadedFile("scan.png", png, content_type="image/png")
        return add(case=case, material=case.materials[0]["name"], upload=upload, actor=users[who]).pk

    own = Applicant.objects.get(user=users["shenqingren"])
    online = cases.apply(item=dept_item, applicant=own, actor=users["shenqingren"], channel="online")
    return {"dept_file": scan(dept_case, "lcj"), "comp_file": scan(comp_case, "zongchuang"),
            "own_file": scan(online, "shenqingren")}


@pytest.fixture
def places(login, casefiles_root):
    """The records the table's placeholders name, built through the services on the demo hall."""
    from zwfw.briefing.models import Issue
    from zwfw.credit import services as credit
    from zwfw.hall.models import InspectionPoint, Window
    from zwfw.hall.services import record_round

    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=[v for v in LOGINS.values() if v])}
    dept_item = HandlingItem.objects.in_force(today).filter(matter__department__code="lcj",
                                                            at_comprehensive_window=False).order_by("code").first()
    comp_item = HandlingItem.objects.in_force(today).filter(at_comprehensive_window=True).exclude(
        matter__department__code="lcj").order_by("code").first()
    p1, p2 = _person("51010819850101001", "甲某某"), _person("51010819850202002", "乙某某")
    dept_case = cases.apply(item=dept_item, applicant=p1, actor=users["lcj"])
    comp_case = cases.apply(item=comp_item, applicant=p2, actor=users["zongchuang"])
    assert comp_case.at_comprehensive_window and not dept_case.at_comprehensive_window
    # A forestry case accepted and transferred to the department's first office (zwfw.routing).
    routed = cases.apply(item=dept_item, applicant=_person("51010819850303003", "丙某某"), actor=users["lcj"],
                         provided=[m.name for m in cases_ports.guide_materials(dept_item)])
    routed = cases.accept(routed, actor=users["lcj"], version=routed.version)
    routed = cases.transfer(routed, actor=users["lcj"], version=routed.version, office="xzsp")
    listing = credit.list_applicant(actor=users["lcj"], applicant=p1, department=dept_case.department,
                                    matters=[dept_item.matter], reason="提供虚假材料", document="",
                                    start_date=today, years=1)
    point, window = InspectionPoint.objects.first(), Window.objects.first()
    round_ = record_round(users["zhongxin"], date=today, inspector="王平台", findings=[{
        "point": point.pk, "window": window.pk, "description": "窗口桌面杂乱",
        "photo": SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0 test photo", content_type="image/jpeg")}])
    monday = today - dt.timedelta(days=today.weekday())
    values = {
        "own_case": Case.objects.filter(applicant__user=users["shenqingren"]).first().number,
        "dept_case": dept_case.number, "comp_case": comp_case.number, "routed_case": routed.number, "listing": listing.pk,
        "draft": Issue.objects.filter(status="draft").first().pk, "photo": round_.findings.first().pk,
        "month": (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m"), "today": today.isoformat(),
        "monday": monday.isoformat(), "friday": (monday + dt.timedelta(days=4)).isoformat(),
    } | _material_files(users, dept_case, comp_case, dept_item)
    ids = {"dept_case": p1.id_number, "listing": p1.id_number, "comp_case": p2.id_number,
           "/api/credit/listings": p1.id_number}
    key = issue_api_key(users["lcj-api"].department, "权限表测试")[1]
    return values, ids, users, key


def _id_for(path: str, ids: dict) -> str | None:
    for placeholder, number in ids.items():
        if "{" + placeholder + "}" in path or path.startswith(placeholder):
            return number
    return None


def test_every_role_gets_what_the_table_says(places):
    values, ids, users, key = places
    _, rows = read_table()
    wrong = []
    for resource, template, outcomes in rows:
        path = re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)
        number = _id_for(template, ids)
        for role, expected in outcomes.items():
            if expected == "—":
                continue
            username = LOGINS[role]
            client, headers = Client(raise_request_exception=False), {}
            if role == "department system":
                headers = {"X-API-Key": key}
            elif username:
                client.force_login(users[username])
            logged = AuditLog.objects.filter(applicant__id_number=number).count() if number else 0
            r = client.get(path, headers=headers)
            content = b"".join(r.streaming_content) if r.streaming else r.content
            body = content.decode("utf-8", errors="ignore") if r.status_code == 200 else ""
            if r.status_code == 200:
                got = "allowed"
                if number and expected in ("masked", "unmasked"):
                    shown = number in body
                    got = "unmasked" if shown else "masked"
                    if shown and AuditLog.objects.filter(applicant__id_number=number).count() == logged:
                        got = "unmasked but not logged"
                    if not shown and AuditLog.objects.filter(applicant__id_number=number).count() != logged:
                        got = "masked but logged"
            elif r.status_code in (401, 403, 404) or (r.status_code == 302 and "/accounts/login/" in r["Location"]):
                got = "denied"
            else:
                got = f"status {r.status_code}"
            if got != expected:
                wrong.append(f"{resource} ({path}) as {role}: expected {expected}, got {got}")
    assert not wrong, f"{len(wrong)} cells differ from docs/access.md:\n" + "\n".join(wrong)
