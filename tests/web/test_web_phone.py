"""On a 390 px phone no page is wider than the screen and every table stays inside its scroll box:
every role, every page it can reach (found from the URL conf and the pages' links, see web/pages.py).

Wide tables scroll inside their card; the page itself never scrolls sideways.
"""
import io
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from web.pages import has_parameters, reachable, routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# Every role's demo login (centre staff, leader, comprehensive window, department window, approver, applicant)
# and nobody logged in.
ROLES = ["zhongxin", "lingdao", "zongchuang", "lcj", "lcj-shenpi", "shenqingren", None]
WIDTH = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
# The offenders by name, so a failure says which element pushes the page wider.
WIDE = """(limit) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > limit + 1 && !e.closest('.scroll, .mainnav, [data-scroll]'))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : ''))"""
# Tables wider than the screen must sit in a box that scrolls sideways and itself fits the screen.
LOOSE_TABLES = """() => [...document.querySelectorAll('table')].filter(t => {
    const r = t.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;  // not shown (a closed <details>)
    let box = t;
    while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
      box = box.parentElement;
    }
    const edge = (box && box !== document.body) ? box.getBoundingClientRect() : r;
    return edge.left < -1 || edge.right > window.innerWidth + 1;
  }).map(t => 'table' + (t.id ? '#' + t.id : '') + (t.className ? '.' + t.className.split(' ').join('.') : ''))"""
# Parametrised routes no login reaches by following links: downloads and actions, not pages.
NOT_PAGES = ("download", "export", "photo", ".<", ".docx", ".pdf", ".xlsx", ".txt", "/save/", "/publish/", "/skip/",
             "/erratum/", "/reissue/", "/distribution/", "/act/", "/issue/",
             # POST actions of the case page's cards, a stored file (PDF/JPG/PNG) and the routing forms' refusal page
             "/payments", "/upload", "/reuse", "/verify", "files/<int:pk>/", "routing/cases/")


def _log_in(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.fixture
def demo(db):
    """The demo hall (every kind of record, every role's login), committed for the live server."""
    import datetime as dt

    from django.utils import timezone

    from zwfw.accounts.models import User
    from zwfw.cases.bundles import apply_bundle
    from zwfw.cases.models import Applicant, Case
    from zwfw.catalog.models import Bundle
    from zwfw.documents import services as documents
    from zwfw.errors import DomainError
    from zwfw.hall import services as hall
    from zwfw.hall.models import Window

    call_command("demo", scale=0.00005, seed=1, stdout=io.StringIO())
    # Records the demo leaves to chance, made through the services: this week's leader visit and
    # commendation (their lists open on this week), a document issued on a case, a bundle application.
    users = {u.username: u for u in User.objects.filter(username__in=ROLES)}
    today = timezone.localdate()
    window = Window.objects.filter(department__code="lcj").first()
    hall.record_visit(users["zhongxin"], department=window.department, title="党组成员、副局长", name="王林",
                      date=today, account="到窗口看望慰问工作人员。")
    hall.record_commendation(users["zhongxin"], window=window, honour="锦旗", awarding_body="某林业有限公司", date=today)
    case = Case.objects.filter(department__code="lcj", at_comprehensive_window=False).order_by("-id").first()
    documents.sync_templates()
    kind = documents.fitting(case)[0].kind
    documents.issue(case, kind, actor=users["lcj"], base_url="http://testserver")
    applicant = Applicant.objects.filter(user=users["shenqingren"]).first()
    for bundle in Bundle.objects.order_by("code"):
        try:
            apply_bundle(bundle=bundle, applicant=applicant, actor=users["zongchuang"], at=timezone.now() - dt.timedelta(hours=1))
            break
        except DomainError:  # a bundle whose items this applicant cannot apply for; try the next
            continue


def _client(username):
    from zwfw.accounts.models import User

    client = Client(raise_request_exception=False)
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def _the_checks_see_a_wide_page(page, base):
    """The checks are not blind: a table wider than the phone outside any scroll box is caught by both."""
    page.goto(f"{base}/")
    assert page.evaluate(WIDTH) <= PHONE["width"] and page.evaluate(LOOSE_TABLES) == []
    page.evaluate("""() => { const t = document.createElement('table'); t.id = 'probe';
        t.innerHTML = '<tr><td style="min-width:600px">宽</td></tr>'; document.querySelector('main').append(t); }""")
    assert page.evaluate(WIDTH) > PHONE["width"] and page.evaluate(LOOSE_TABLES) == ["table#probe"]


def test_no_page_of_any_role_is_wider_than_a_phone(demo, live_server, browser):
    too_wide, loose, broken, reached, timing = [], [], [], set(), []
    for username in ROLES:
        client = _client(username)
        pages = reachable(client)
        reached |= set(pages)
        context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=1)
        if username:  # the test client's session, so the browser is that login
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                  "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        page = context.new_page()
        if username == ROLES[0]:
            _the_checks_see_a_wide_page(page, live_server.url)
        for route, path in sorted(pages.items()):
            began = time.monotonic()
            response = page.goto(f"{live_server.url}{path}", wait_until="load")
            timing.append((time.monotonic() - began, username, path))
            if response is None or response.status >= 400:
                broken.append((username, path, response and response.status))
                continue
            width = page.evaluate(WIDTH)
            if width > PHONE["width"]:
                too_wide.append((username, path, width, page.evaluate(WIDE, PHONE["width"])))
            tables = page.evaluate(LOOSE_TABLES)
            if tables:
                loose.append((username, path, tables))
        context.close()
    print(f"{len(timing)} pages in {sum(t for t, _, _ in timing):.1f} s; slowest:", sorted(timing)[-3:])
    # The walk reached the pages behind parameters too (a case, a briefing, a listing, a hall record…).
    unreached = [r for r in routes() if has_parameters(r) and r not in reached and not any(n in r for n in NOT_PAGES)]
    assert broken == []
    assert too_wide == [], "\n".join(map(str, too_wide))
    assert loose == [], "\n".join(map(str, loose))
    assert unreached == [], f"pages no login reached by following links (link them, or give the demo a record): {unreached}"
    assert len(reached) >= 40


def test_worklist_on_desktop_and_phone(web_hall, live_server, browser, screenshot_dir):
    for viewport, name in [({"width": 1366, "height": 900}, "worklist-desktop"), (PHONE, "worklist-phone")]:
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        _log_in(page, live_server.url, "zhongxin", web_hall.password)
        page.goto(f"{live_server.url}/cases/?status=all&sort=due")
        assert page.locator("#worklist tbody tr").count() == 11
        assert page.evaluate(WIDTH) <= viewport["width"]
        # The table keeps its columns and scrolls inside its card on the phone.
        card = page.locator("#worklist").locator("xpath=..")
        assert card.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        page.fill("input[name=q]", "WEBA0001")
        page.click("#worklist-filter button[type=submit]")
        page.wait_for_url("**q=WEBA0001**")
        assert page.locator("#worklist tbody tr").count() == 1
        page.goto(f"{live_server.url}/cases/?clock=overdue&status=all")
        page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
        context.close()
