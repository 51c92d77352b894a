"""Every step the applicant is told of queues an SMS and a portal message in the step's own transaction."""
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from zwfw.cases.models import SuspensionKind
from zwfw.errors import Conflict
from zwfw.notices.models import Channel, Notice, Status

pytestmark = pytest.mark.django_db


def texts_of(case):
    """{kind: text} of the case's SMS notices (each text is also queued for the portal)."""
    rows = Notice.objects.filter(case=case).order_by("id")
    sms = {n.kind: n.text for n in rows if n.channel == Channel.SMS}
    portal = {n.kind: n.text for n in rows if n.channel == Channel.PORTAL}
    assert sms == portal
    return sms


def test_a_case_walked_to_delivery_queues_each_notice_with_number_item_next_step_and_link(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2, 9), applicant="person",
                     provided=["申请书"])
    walk(case, "request_correction", "forest_clerk", at(2026, 3, 2, 10))
    walk(case, "correct", "forest_clerk", at(2026, 3, 3, 10), provided=["营业执照"])
    walk(case, "accept", "forest_clerk", at(2026, 3, 3, 11))
    walk(case, "start_review", "forest_approver", at(2026, 3, 4))
    SuspensionKind.objects.filter(code="expert_review").update(active=True)
    walk(case, "suspend", "forest_approver", at(2026, 3, 4, 11), kind="expert_review", notice="林审告〔2026〕3号",
         expected_days=10)
    walk(case, "resume", "forest_approver", at(2026, 3, 9))
    walk(case, "approve", "forest_approver", at(2026, 3, 10))
    walk(case, "issue", "forest_clerk", at(2026, 3, 11))
    walk(case, "complete", "forest_clerk", at(2026, 3, 12), delivery="post", tracking_number="1182345678901")
    sent = texts_of(case)
    assert list(sent) == ["received", "correction", "accepted", "suspended", "approved", "issued", "delivered"]
    link = f"http://127.0.0.1:8000/feedback/track/?number={case.number}&code={case.query_code}"
    for kind, text in sent.items():
        assert text.startswith("【四川政务服务】您申请的“林草种子生产经营许可证核发”"), kind
        assert case.number in text and text.endswith(link), kind
    assert "省林草局" not in sent["received"] and "四川省林业和草原局将在 5 个工作日内决定是否受理" in sent["received"]
    assert "需要补正材料：营业执照。请一次补齐后到窗口或网上提交" in sent["correction"]
    assert "已于 2026年3月3日受理，承诺于 2026年3月10日前办结" in sent["accepted"]
    assert "进入专家评审程序，预计需要 10 个工作日，所需时间不计入办理时限" in sent["suspended"]
    assert "已准予许可，将于 2026年3月24日前颁发、送达" in sent["approved"]
    assert "林草种子生产经营许可证已颁发，请携带有效身份证件到政务服务大厅四川省林业和草原局窗口领取" in sent["issued"]
    assert "已办结，结果已邮寄送达，邮件号 1182345678901。欢迎对本次服务作出评价" in sent["delivered"]
    assert set(Notice.objects.values_list("status", flat=True)) == {Status.QUEUED}
    assert not Notice.objects.exclude(applicant=hall.applicants["person"]).exists()


def test_refusals_and_extension_tell_the_reason_and_the_remedy(hall, open_case, walk, at):
    refused = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
    walk(refused, "reject", "forest_clerk", at(2026, 3, 2, 10), reason="申请事项不属于本机关职权范围")
    denied = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
    walk(denied, "accept", "forest_clerk", at(2026, 3, 2, 10))
    walk(denied, "start_review", "forest_approver", at(2026, 3, 3))
    walk(denied, "extend", "forest_approver", at(2026, 3, 9), reason="需现场勘验林地", approved_by="王局长", notified=True)
    walk(denied, "deny", "forest_approver", at(2026, 3, 10), reason="拟占用林地位于生态保护红线内")
    assert "不予受理，理由：申请事项不属于本机关职权范围。如有异议，可依法申请行政复议或者提起行政诉讼" in texts_of(refused)["rejected"]
    sent = texts_of(denied)
    assert "经批准延长办理期限 10 个工作日，理由：需现场勘验林地。" in sent["extended"]
    assert "不予许可，理由：拟占用林地位于生态保护红线内。如有异议，可依法申请行政复议或者提起行政诉讼" in sent["denied"]


def test_steps_the_applicant_is_not_told_of_queue_nothing(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
    walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))
    before = Notice.objects.count()
    walk(case, "transfer", "forest_clerk", at(2026, 3, 2, 11))
    walk(case, "start_review", "forest_approver", at(2026, 3, 3))
    assert Notice.objects.count() == before


def test_a_rolled_back_step_queues_nothing(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
    before = Notice.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))
        assert Notice.objects.count() == before + 2  # queued inside the step's transaction ...
        raise RuntimeError("the request fails after the step")
    assert Notice.objects.count() == before  # ... and gone with it
    case.refresh_from_db()
    stale = case.version - 1
    with pytest.raises(Conflict):
        from zwfw.cases.actions import perform
        perform(case, "accept", actor=hall.users["forest_clerk"], version=stale, at=at(2026, 3, 2, 10))
    assert Notice.objects.count() == before


def test_a_step_costs_one_insert_for_both_channels(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
    with CaptureQueriesContext(connection) as queries:
        walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))
    notice_sql = [q["sql"] for q in queries.captured_queries if "notices_" in q["sql"]]
    assert len(notice_sql) == 1 and notice_sql[0].startswith("INSERT INTO")
    assert Notice.objects.filter(case=case, kind="accepted").count() == 2


def test_the_delivery_task_is_woken_once_after_the_commit(hall, open_case, walk, at, settings,
                                                          django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "notices", "daily"]}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
            walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))
    assert len(callbacks) == 1  # two steps in one transaction: one wake-up
    callbacks[0]()
    assert set(Notice.objects.filter(case=case).values_list("status", flat=True)) == {Status.SENT}
