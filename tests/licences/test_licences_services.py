"""Issuing, renewing and revoking licences; what an applicant holds; counts per department and kind."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zwfw.errors import Conflict, DomainError, Forbidden
from zwfw.licences import identifier, queries, services
from zwfw.licences.models import Licence, LicenceKind

TZ = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


def test_issue_for_case_yields_a_licence_of_the_items_kind(world):
    case = world.make_case()
    licence = services.issue_for_case(case, world.clerk, at(2023, 1, 20))
    assert licence.kind.name == "药品经营许可证"
    assert licence.holder == world.org and licence.issuer == world.yj and licence.case == case
    parsed = identifier.parse(licence.identifier)
    assert parsed.issuer_uscc == world.yj.uscc and parsed.type_code == "115100YP01"
    assert (parsed.serial, parsed.version) == ("00000001", 1)
    assert licence.issued_on == dt.date(2023, 1, 20)
    assert licence.valid_until == dt.date(2028, 1, 19)  # five years, the day before the anniversary
    assert licence.status_label(dt.date(2023, 6, 1)) == "有效"
    assert licence.status_label(dt.date(2028, 1, 20)) == "已过期"


def test_an_item_yielding_no_licence_returns_none(world):
    assert services.issue_for_case(world.make_case(item=world.change), world.clerk, at(2023, 1, 20)) is None
    assert Licence.objects.count() == 0


def test_issuing_twice_for_one_case_returns_the_same_licence(world):
    case = world.make_case()
    first = services.issue_for_case(case, world.clerk, at(2023, 1, 20))
    assert services.issue_for_case(case, world.clerk, at(2023, 1, 21)) == first
    assert Licence.objects.count() == 1


def test_serials_count_up_per_issuer(world):
    a = services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    b = services.issue_for_case(world.make_case(applicant=world.person), world.clerk, at(2023, 1, 21))
    assert [identifier.parse(x.identifier).serial for x in (a, b)] == ["00000001", "00000002"]


def test_unknown_kind_and_missing_uscc_are_refused_with_a_reason(world):
    world.new.licence_kind = "不存在的证照"
    world.new.save()
    with pytest.raises(DomainError, match="尚未登记"):
        services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    world.new.licence_kind = "药品经营许可证"
    world.new.save()
    world.yj.uscc = ""
    world.yj.save()
    with pytest.raises(DomainError, match="尚未登记统一社会信用代码"):
        services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    assert Licence.objects.count() == 0


def test_renewal_case_supersedes_the_old_licence_with_the_next_version(world):
    old = services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    new = services.issue_for_case(world.make_case(item=world.renewal), world.clerk, at(2027, 12, 1))
    old.refresh_from_db()
    assert old.superseded_by == new
    assert identifier.parse(new.identifier).serial == identifier.parse(old.identifier).serial
    assert identifier.parse(new.identifier).version == 2
    # The renewal runs on from the old expiry (2028-01-19): the old one stays valid until then.
    assert (new.valid_from, new.valid_until) == (dt.date(2028, 1, 20), dt.date(2033, 1, 19))
    assert old.status_label(dt.date(2028, 1, 19)) == "有效" and new.status_label(dt.date(2028, 1, 19)) == "尚未生效"
    assert old.status_label(dt.date(2028, 1, 20)) == "已被新证替代" and new.status_label(dt.date(2028, 1, 20)) == "有效"


def test_a_superseded_licence_cannot_be_renewed_again(world):
    old = services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    services.renew(old, actor=world.clerk, at=at(2024, 1, 1))
    with pytest.raises(Conflict, match="已延续"):
        services.renew(old, actor=world.clerk, at=at(2024, 2, 1))


def test_revocation_records_reason_and_shows_as_revoked(world):
    licence = services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    with pytest.raises(DomainError, match="撤销原因"):
        services.revoke(licence, actor=world.clerk, reason="  ")
    services.revoke(licence, actor=world.clerk, reason="以欺骗手段取得许可", at=at(2023, 3, 1))
    licence.refresh_from_db()
    assert licence.revoked_reason == "以欺骗手段取得许可" and licence.revoked_by == world.clerk
    assert licence.status_label(dt.date(2023, 2, 28)) == "有效"
    assert licence.status_label(dt.date(2023, 3, 1)) == "已撤销"
    with pytest.raises(Conflict):
        services.revoke(licence, actor=world.clerk, reason="再次撤销")


def test_another_departments_clerk_cannot_revoke(world):
    licence = services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    with pytest.raises(Forbidden, match="只能办理本部门"):
        services.revoke(licence, actor=world.lc_clerk, reason="越权")
    licence.refresh_from_db()
    assert licence.revoked_at is None


def test_valid_licence_kinds_for_free_submission(world):
    licence = services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    assert "药品经营许可证" in queries.valid_licence_kinds(world.org, dt.date(2023, 5, 1))
    assert queries.valid_licence_kinds(world.org, dt.date(2023, 1, 19)) == set()
    assert queries.valid_licence_kinds(world.org, dt.date(2028, 1, 20)) == set()  # expired
    assert queries.valid_licence_kinds(world.person, dt.date(2023, 5, 1)) == set()
    services.revoke(licence, actor=world.clerk, reason="吊销", at=at(2023, 6, 1))
    assert queries.valid_licence_kinds(world.org, dt.date(2023, 5, 31)) == {"药品经营许可证", "115100YP01"}
    assert queries.valid_licence_kinds(world.org, dt.date(2023, 6, 1)) == set()


def test_a_renewed_licence_keeps_the_kind_valid(world):
    old = services.issue_for_case(world.make_case(), world.clerk, at(2023, 1, 20))
    services.renew(old, actor=world.clerk, at=at(2027, 12, 1))
    assert "药品经营许可证" in queries.valid_licence_kinds(world.org, dt.date(2030, 1, 1))


def test_counts_per_department_and_kind_until_a_date(world):
    seeds = LicenceKind.objects.create(code="115100LC02", name="林草种子生产经营许可证", validity_years=None)
    for day in (3, 10, 20):
        services.issue(kind=world.kind, holder=world.org, department=world.yj, actor=world.clerk, at=at(2023, 1, day))
    services.issue(kind=seeds, holder=world.person, department=world.lc, actor=world.lc_clerk, at=at(2023, 1, 5))
    services.issue(kind=seeds, holder=world.person, department=world.lc, actor=world.lc_clerk, at=at(2023, 2, 1))
    counts = {(c.department, c.kind): c.count for c in queries.licence_counts(until=dt.date(2023, 1, 20))}
    assert counts == {("四川省药品监督管理局", "药品经营许可证"): 3, ("四川省林业和草原局", "林草种子生产经营许可证"): 1}
    assert queries.licence_total(until=dt.date(2023, 1, 20)) == 4
    assert queries.licence_total(until=dt.date(2023, 2, 28), since=dt.date(2023, 1, 10)) == 3


def test_long_term_kind_never_expires(world):
    kind = LicenceKind.objects.create(code="115100LC02", name="林草种子生产经营许可证", validity_years=None)
    licence = services.issue(kind=kind, holder=world.person, department=world.lc, actor=world.lc_clerk,
                             at=at(2023, 1, 5))
    assert licence.valid_until is None and licence.status_label(dt.date(2090, 1, 1)) == "有效"
