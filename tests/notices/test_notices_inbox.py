"""The applicant's inbox (我的消息): their own delivered messages only, read and unread."""
import pytest
from django.test import Client

from zwfw.accounts.models import User
from zwfw.cases import services as cases
from zwfw.cases.models import Applicant
from zwfw.notices import services
from zwfw.notices.models import Channel, Notice

from cases.conftest import person_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_inboxes(hall, open_case, walk, at):
    """张伟 (login zhang) and 李娟 (login lijuan) each have a case accepted; everything delivered but one step."""
    li_user = User.objects.create_user(username="lijuan", password="secret-pass-1", role="applicant")
    hall.applicants["li"] = cases.register_applicant(kind=Applicant.PERSON, name="李娟", id_number=person_id("51010819920101002"),
                                                     phone="13900001111", user=li_user)
    mine = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
    walk(mine, "accept", "forest_clerk", at(2026, 3, 2, 10))
    theirs = open_case("seed", "forest_clerk", at(2026, 3, 2, 9), applicant="li")
    services.deliver_due()
    walk(mine, "start_review", "forest_approver", at(2026, 3, 3))
    walk(mine, "approve", "forest_approver", at(2026, 3, 4))  # queued, not delivered yet
    return mine, theirs


def client_of(user):
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


def test_the_inbox_lists_only_the_applicants_own_delivered_messages(hall, two_inboxes):
    mine, theirs = two_inboxes
    page = client_of(hall.users["applicant"]).get("/notices/inbox/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "您有 <strong>2</strong> 条未读消息" in html and html.count('<span class="badge warn">未读</span>') == 2
    assert mine.number in html and "已收件" in html and "已于 2026年3月2日受理" in html
    assert "准予许可" not in html  # queued, not delivered yet
    assert theirs.number not in html and "林草种子" not in html


def test_marking_read_touches_only_the_applicants_own_messages(hall, two_inboxes):
    mine, theirs = two_inboxes
    own = Notice.objects.filter(case=mine, channel=Channel.PORTAL, kind="received").get()
    other = Notice.objects.filter(case=theirs, channel=Channel.PORTAL).get()
    zhang = client_of(hall.users["applicant"])
    assert zhang.post("/notices/inbox/read", {"notice": other.pk}).status_code == 302
    other.refresh_from_db()
    assert other.read_at is None  # another person's message: nothing happens
    zhang.post("/notices/inbox/read", {"notice": own.pk})
    own.refresh_from_db()
    assert own.read_at is not None
    html = zhang.get("/notices/inbox/").content.decode()
    assert "您有 <strong>1</strong> 条未读消息" in html
    zhang.post("/notices/inbox/read", {})
    assert not Notice.objects.filter(case=mine, channel=Channel.PORTAL, status="sent", read_at__isnull=True).exists()
    assert Notice.objects.filter(case=theirs, read_at__isnull=True).count() == 2
    assert "没有未读消息" in zhang.get("/notices/inbox/").content.decode()


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 30, "1\x00"])
def test_a_bad_message_number_is_an_error_not_a_crash(hall, two_inboxes, value):
    r = client_of(hall.users["applicant"]).post("/notices/inbox/read", {"notice": value}, follow=True)
    assert r.status_code in (200, 400)  # the page says so, or the site's guard refuses a NUL byte
    assert not Notice.objects.filter(read_at__isnull=False).exists()


def test_staff_and_strangers_have_no_inbox(hall, two_inboxes):
    assert client_of(hall.users["forest_clerk"]).get("/notices/inbox/").status_code == 403
    assert client_of(hall.users["forest_clerk"]).post("/notices/inbox/read", {}).status_code == 403
    anonymous = Client().get("/notices/inbox/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


def test_the_applicants_nav_links_to_the_inbox(hall):
    html = client_of(hall.users["applicant"]).get("/").content.decode()
    assert 'href="/notices/inbox/"' in html and "我的消息" in html
