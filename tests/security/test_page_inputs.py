"""Every form of the pages, fed NUL bytes, over-long text, huge or non-numeric numbers and odd dates.

Each page is opened as a user who may use it; every form on it is read from the HTML and sent back with one
field at a time replaced by a hostile value (GET forms as query strings). No answer may be a server error,
and a refused form leaves every table as it was.
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from security.walker import World, content_hash

HOSTILE = ["a\x00b", "长" * 20000, "99999999999999999999999", "-1", "abc", "0001-01-01", "2026-02-30", "9999-12-31"]


class Forms(HTMLParser):
    """The forms of a page: [(method, action, {name: value})]."""

    def __init__(self):
        super().__init__()
        self.forms, self._select = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(((a.get("method") or "get").lower(), a.get("action") or "", {}))
        elif not self.forms or not a.get("name"):
            return
        elif tag in ("input", "textarea"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self.forms[-1][2].setdefault(a["name"], a.get("value", "on"))
            else:
                self.forms[-1][2][a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a["name"]
            self.forms[-1][2].setdefault(a["name"], "")
        elif tag == "option" and self._select and not self.forms[-1][2].get(self._select):
            self.forms[-1][2][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _pages(world: World, who: str) -> list[str]:
    v = world.values
    staff = ["/", "/cases/", "/cases/new", "/cases/consultations", f"/cases/{v['case']}/", "/cases/bundles/",
             "/catalog/", "/catalog/diff/", "/catalog/anomalies/", f"/catalog/items/{v['item']}/", "/credit/",
             "/credit/new/", f"/credit/{v['listing']}/", "/feedback/", f"/feedback/rectifications/{v['rect']}/",
             "/feedback/satisfaction/", "/hall/", "/hall/inspections/new", "/hall/visits/",
             "/hall/visits/new/", "/hall/commendations/new/", "/hall/duty/", "/hall/duty/new/", "/assessment/", "/assessment/entries/new/",
             "/assessment/proposals/", "/briefing/", "/briefing/new/", f"/briefing/{v['issue']}/", "/briefing/news/",
             "/licences/", "/licences/verify/", "/feedback/track/", f"/routing/cases/{v['case']}/correct"]
    applicant = ["/", "/feedback/portal/", "/notices/inbox/", "/cases/apply/", "/cases/bundles/", "/licences/", "/licences/verify/",
                 "/feedback/track/"]
    if v["bundle"] != "x":
        staff.append(f"/cases/bundles/{v['bundle']}/apply")
        applicant.append(f"/cases/bundles/{v['bundle']}/apply")
    return applicant if who == "shenqingren" else staff


@pytest.mark.parametrize("who", ["zhongxin", "zongchuang", "lcj", "shenqingren"])
def test_no_form_answers_hostile_input_with_a_server_error_or_a_partial_write(login, who):
    world = World()
    client = login(who)
    failures, sent = [], 0
    for page in _pages(world, who):
        r = client.get(page)
        if r.status_code != 200 or not r["Content-Type"].startswith("text/html"):
            continue
        parser = Forms()
        parser.feed(r.content.decode())
        for method, action, fields in parser.forms:
            target = action or page
            if target.startswith(("/accounts/logout", "http")):
                continue
            for name in [n for n in fields if n != "csrfmiddlewaretoken"]:
                for value in HOSTILE:
                    data = fields | {name: value}
                    before = content_hash() if method == "post" else None
                    answer = client.post(target, data) if method == "post" else client.get(target, data)
                    sent += 1
                    if answer.status_code >= 500:
                        failures.append(f"{answer.status_code} {method.upper()} {target} {name}={value!r:.30}")
                    elif before is not None and answer.status_code != 302 and content_hash() != before:
                        failures.append(f"{answer.status_code} but written: {method.upper()} {target} {name}={value!r:.30}")
    assert sent > 50, "the walk reached the forms"
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:60])
