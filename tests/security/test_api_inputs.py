"""Every API endpoint of the OpenAPI description, fed NUL bytes, over-long text, huge numbers and odd dates.

Each operation is first given plausible values (an existing case number, item code, issue …), then one
parameter or body field at a time is replaced by a hostile value. No answer may be a server error, and a
refused request (4xx) must leave every table as it was.
"""
from __future__ import annotations

import pytest
from django.utils import timezone

from zwfw.accounts.models import User
from zwfw.accounts.services import issue_api_key

from security.walker import World, call, footprint, operations, requests


@pytest.mark.parametrize("who", ["admin", "lcj-api"])
def test_no_endpoint_answers_hostile_input_with_a_server_error_or_a_partial_write(login, who):
    world = World()
    if who == "lcj-api":
        user = User.objects.get(username=who)
        _, key = issue_api_key(user.department, "输入测试")
        client, headers = login(None), {"X-API-Key": key}
    else:
        client, headers = login(who), {}
    failures, probed = [], set()
    for method, path, values, body, params, what in requests(world):
        probed.add((method, path))
        before = footprint() if method == "post" else None
        r = call(client, method, path, values, body, params, headers)
        if r.status_code >= 500:
            failures.append(f"{r.status_code} {method.upper()} {path} {what}")
        elif before is not None and r.status_code >= 400 and footprint() != before:
            failures.append(f"{r.status_code} but written: {method.upper()} {path} {what}")
        elif r.status_code == 400 and r["Content-Type"].startswith("application/json"):
            assert r.json().get("message"), (method, path, what, r.content[:200])
    assert len(probed) == sum(1 for _ in operations()), "every operation of the OpenAPI description was probed"
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:80])


def test_refusals_name_the_field_in_chinese_and_write_nothing(login):
    from zwfw.hall.models import Commendation, Window

    client = login("admin")
    before = Commendation.objects.count()
    body = {"window": Window.objects.first().pk, "honour": "长" * 300, "awarding_body": "省政府",
            "document": "川府〔2026〕1号", "date": timezone.localdate().isoformat()}
    r = client.post("/api/hall/commendations", body, content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "honour" and "最多" in r.json()["message"], r.content
    r = client.get("/api/cases/2026\x00")
    assert r.status_code == 400 and r.json()["field"] == "number" and "空字符" in r.json()["message"], r.content
    r = client.get("/api/assessment/entries", {"department": 2**63})
    assert r.status_code == 400 and r.json()["field"] == "department", r.content
    assert Commendation.objects.count() == before
