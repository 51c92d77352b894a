"""Renewal (延续) by art. 50 of the Administrative Licensing Law: applied for no later than the
kind's lead days (30 by default) before expiry, running on from the old expiry; after expiry a new
application; undecided at expiry → deemed renewed."""
import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from zwfw.cases.intake import apply
from zwfw.cases.models import Case, CaseStatus
from zwfw.errors import Conflict, DomainError
from zwfw.licences import identifier, renewal, services
from zwfw.licences.models import Licence

TZ = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


@pytest.fixture
def held(world):
    """The organisation's 药品经营许可证 issued 2021-03-01, valid until 2026-02-28."""
    licence = services.issue_for_case(world.make_case(when=at(2021, 2, 1)), world.clerk, at(2021, 3, 1))
    assert licence.valid_until == dt.date(2026, 2, 28)
    return licence


# ---- the rule itself (pure) ----------------------------------------------------------------------

def test_renewal_may_be_applied_for_until_30_days_before_expiry():
    until = dt.date(2026, 2, 28)
    assert renewal.latest_application_day(until, 30) == dt.date(2026, 1, 29)
    assert renewal.renewal_problem(kind="药品经营许可证", valid_until=until, lead_days=30,
                                   applied_on=dt.date(2026, 1, 29)) is None
    late = renewal.renewal_problem(kind="药品经营许可证", valid_until=until, lead_days=30, applied_on=dt.date(2026, 1, 30))
    assert late == ("该药品经营许可证有效期至 2026 年 2 月 28 日，延续申请应当在有效期届满 30 日前"
                    "（2026 年 1 月 29 日前）提出，现已逾期，不能按延续受理。")


def test_after_expiry_a_renewal_is_a_new_application():
    problem = renewal.renewal_problem(kind="药品经营许可证", valid_until=dt.date(2026, 2, 28), lead_days=30,
                                      applied_on=dt.date(2026, 3, 1))
    assert "2026 年 2 月 28 日有效期届满" in problem and "届满后不能申请延续，请按新办申请" in problem


def test_a_long_term_licence_needs_no_renewal():
    assert "长期有效，无需办理延续" in renewal.renewal_problem(
        kind="营业执照", valid_until=None, lead_days=30, applied_on=dt.date(2025, 6, 1))


# ---- at the window: acceptance -------------------------------------------------------------------

def test_a_renewal_applied_for_in_time_is_accepted(world, held):
    case = apply(item=world.renewal, applicant=world.org, actor=world.clerk, at=at(2026, 1, 29))
    assert case.status == CaseStatus.APPLIED and case.received_on == dt.date(2026, 1, 29)


def test_a_late_renewal_is_refused_at_the_item_and_nothing_is_written(world, held):
    before = Case.objects.count()
    with pytest.raises(DomainError) as err:
        apply(item=world.renewal, applicant=world.org, actor=world.clerk, at=at(2026, 2, 2))
    assert err.value.field == "item" and err.value.code == "renewal_refused"
    assert "应当在有效期届满 30 日前（2026 年 1 月 29 日前）提出" in err.value.message
    assert Case.objects.count() == before


def test_a_renewal_after_expiry_is_refused_as_a_new_application(world, held):
    with pytest.raises(DomainError, match="届满后不能申请延续，请按新办申请"):
        apply(item=world.renewal, applicant=world.org, actor=world.clerk, at=at(2026, 3, 2))
    # …and the new application (新办) is accepted.
    assert apply(item=world.new, applicant=world.org, actor=world.clerk, at=at(2026, 3, 2)).pk


def test_the_lead_days_are_set_per_licence_kind(world, held):
    world.kind.renewal_lead_days = 90
    world.kind.save()
    with pytest.raises(DomainError, match="有效期届满 90 日前（2025 年 11 月 30 日前）"):
        apply(item=world.renewal, applicant=world.org, actor=world.clerk, at=at(2025, 12, 1))
    assert apply(item=world.renewal, applicant=world.org, actor=world.clerk, at=at(2025, 11, 28)).pk


def test_a_holder_without_a_licence_on_the_platform_is_not_judged_here(world):
    # E.g. a paper licence issued before the platform: staff check it against the original.
    assert apply(item=world.renewal, applicant=world.person, actor=world.clerk, at=at(2026, 1, 5)).pk


# ---- issuing -------------------------------------------------------------------------------------

def test_the_renewed_licence_runs_on_from_the_old_expiry(world, held):
    case = world.make_case(item=world.renewal, when=at(2025, 12, 1))
    new = services.issue_for_case(case, world.clerk, at(2026, 1, 12))
    held.refresh_from_db()
    assert held.superseded_by == new and identifier.parse(new.identifier).version == 2
    assert new.issued_on == dt.date(2026, 1, 12)
    assert (new.valid_from, new.valid_until) == (dt.date(2026, 3, 1), dt.date(2031, 2, 28))
    assert held.status_label(dt.date(2026, 2, 28)) == "有效" and new.status_label(dt.date(2026, 2, 28)) == "尚未生效"
    assert held.status_label(dt.date(2026, 3, 1)) == "已被新证替代" and new.status_label(dt.date(2026, 3, 1)) == "有效"


def test_a_renewal_case_received_after_expiry_gets_a_new_licence_not_a_new_version(world, held):
    case = world.make_case(item=world.renewal, when=at(2026, 3, 2))
    new = services.issue_for_case(case, world.clerk, at(2026, 3, 20))
    held.refresh_from_db()
    assert held.superseded_by is None
    assert identifier.parse(new.identifier).version == 1 and new.serial != held.serial
    assert new.valid_from == dt.date(2026, 3, 20)


def test_renewing_an_expired_licence_on_the_detail_page_is_refused_with_the_reason(client, world, held):
    with pytest.raises(Conflict, match="届满后不能申请延续"):
        services.renew(held, actor=world.clerk, at=at(2026, 3, 2))
    client.force_login(world.clerk)
    page = client.post(f"/licences/{held.pk}/", {"action": "renew"}).content.decode()
    assert 'id="renew-error"' in page and "届满后不能申请延续，请按新办申请" in page
    assert Licence.objects.count() == 1


# ---- deemed renewal (视为准予延续) ---------------------------------------------------------------

def test_an_undecided_renewal_is_deemed_granted_the_day_after_expiry(world, held):
    case = world.make_case(item=world.renewal, status=CaseStatus.REVIEWING, when=at(2025, 12, 1))
    assert services.deem_renewals(on=dt.date(2026, 2, 28)) == []
    [deemed] = services.deem_renewals(on=dt.date(2026, 3, 1), at=at(2026, 3, 1, 1))
    held.refresh_from_db()
    assert deemed.deemed_renewal and deemed.case == case and held.superseded_by == deemed
    assert (deemed.valid_from, deemed.valid_until) == (dt.date(2026, 3, 1), dt.date(2031, 2, 28))
    assert deemed.status_label(dt.date(2026, 3, 1)) == "有效" and deemed.issued_by is None
    assert services.deem_renewals(on=dt.date(2026, 3, 2)) == []  # idempotent
    # The case's own 颁发 later hands out the deemed licence rather than another one.
    assert services.issue_for_case(case, world.clerk, at(2026, 3, 10)) == deemed
    assert Licence.objects.count() == 2


def test_a_decided_or_late_renewal_is_not_deemed_granted(world, held):
    world.make_case(item=world.renewal, status=CaseStatus.APPROVED, when=at(2025, 12, 1))
    world.make_case(item=world.renewal, status=CaseStatus.DENIED, when=at(2025, 12, 2))
    world.make_case(item=world.renewal, status=CaseStatus.ACCEPTED, when=at(2026, 2, 10))  # after 2026-01-29
    assert services.deem_renewals(on=dt.date(2026, 3, 1)) == []


def test_the_command_marks_deemed_renewals_and_the_verification_page_says_so(client, world, held):
    case = world.make_case(item=world.renewal, status=CaseStatus.SUSPENDED, when=at(2025, 12, 1))
    out = StringIO()
    call_command("licences", "deem-renewals", "--date", "2026-03-01", stdout=out)
    assert f"{case.number}：药品经营许可证有效期于 2026 年 2 月 28 日届满时未作延续决定，视为准予延续" in out.getvalue()
    assert "视为准予延续 1 件。" in out.getvalue()
    deemed = Licence.objects.get(case=case)
    page = client.get("/licences/verify/", {"identifier": deemed.identifier}).content.decode()
    assert 'id="licence-deemed"' in page and "《行政许可法》第五十条" in page
    out = StringIO()
    call_command("licences", "deem-renewals", "--date", "2026-03-01", stdout=out)
    assert "视为准予延续 0 件。" in out.getvalue()
