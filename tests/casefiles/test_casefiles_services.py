"""Materials as files through the services: type by content, access, the log, trust levels, reuse, cleanup."""
import pytest
from django.db import DatabaseError, transaction

from casefiles.conftest import stored_files
from cases.conftest import at, person_id
from zwfw.casefiles import services, storage
from zwfw.casefiles.models import CaseMaterial, FileLog, StoredFile
from zwfw.casefiles.queries import card
from zwfw.cases import services as cases
from zwfw.errors import DomainError, Forbidden, NotFound

WHEN = at(2025, 9, 1)


@pytest.fixture
def forest_case(open_case):
    """An org's 占用林地审核 at the forestry window; the feasibility report not yet handed in."""
    return open_case("forest", "forest_clerk", WHEN, provided=["使用林地申请表", "营业执照"])


def test_a_pdf_named_file_that_is_a_png_is_kept_as_the_png_it_is(hall, forest_case, files, casefiles_root):
    row = services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                       upload=files.up("申请表.pdf", files.image("PNG"), "application/pdf"))
    assert (row.file.kind, row.file.content_type, row.file.filename) == ("png", "image/png", "申请表.png")
    assert stored_files(casefiles_root) == [row.file.name]
    assert "申请表" not in row.file.name and row.file.name.endswith(".png") and len(row.file.name) > 40
    with services.open_for(case_material=row, user=hall.users["forest_clerk"]) as f:
        assert f.read() == files.image("PNG")


@pytest.mark.parametrize("name, data, code", [
    ("营业执照.jpg", b"MZ\x90\x00\x03" + b"\x00" * 2000, "file_type"),
    ("空白.pdf", b"", "empty_file"),
    ("坏的.pdf", b"%PDF-1.4\n%%EOF garbage", "file_damaged"),
])
def test_a_file_that_is_not_a_whole_pdf_jpg_or_png_is_refused_and_nothing_is_stored(
        hall, forest_case, files, casefiles_root, name, data, code):
    with pytest.raises(DomainError) as e:
        services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                     upload=files.up(name, data, "image/jpeg"), field="file")
    assert e.value.code == code and e.value.field == "file"
    assert not StoredFile.objects.exists() and not FileLog.objects.exists() and stored_files(casefiles_root) == []


def test_an_oversize_file_is_refused_by_the_setting(hall, forest_case, files, settings, casefiles_root):
    settings.ZWFW_UPLOAD_MAX_MB = 1
    big = files.pdf(1) + b"\n%" + b"0" * (1024 * 1024)
    with pytest.raises(DomainError) as e:
        services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                     upload=files.up("大.pdf", big))
    assert e.value.code == "file_too_large" and "1 MB" in e.value.message
    assert stored_files(casefiles_root) == [] and not CaseMaterial.objects.exists()


def test_a_material_the_guide_does_not_list_is_an_error_at_its_field(hall, forest_case, files):
    with pytest.raises(DomainError) as e:
        services.add(case=forest_case, material="身份证", actor=hall.users["forest_clerk"],
                     upload=files.up("a.pdf", files.pdf()))
    assert e.value.field == "material" and "不是该办件办事指南所列" in e.value.message


def test_only_those_who_handle_the_case_open_its_files_and_every_opening_is_logged(hall, forest_case, files, open_case):
    clerk_scan = services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                              upload=files.up("a.pdf", files.pdf()))
    for who in ("market_clerk", "staff", "leader", "comp", "applicant"):
        with pytest.raises(NotFound):
            services.open_for(case_material=clerk_scan, user=hall.users[who])
    with pytest.raises(NotFound):  # another department cannot even upload: the case is not theirs
        services.add(case=forest_case, material="使用林地可行性报告", actor=hall.users["market_clerk"],
                     upload=files.up("b.pdf", files.pdf()))
    with pytest.raises(Forbidden):  # centre staff see the case, not its window
        services.add(case=forest_case, material="使用林地可行性报告", actor=hall.users["staff"],
                     upload=files.up("b.pdf", files.pdf()))
    assert FileLog.objects.filter(action__in=("view", "download")).count() == 0
    services.open_for(case_material=clerk_scan, user=hall.users["forest_approver"], where="办件页面").close()
    services.open_for(case_material=clerk_scan, user=hall.users["forest_clerk"], download=True).close()
    log = list(FileLog.objects.order_by("id").values_list("action", "user__username", "file_id", "case__number"))
    assert log[-2:] == [("view", "forest_approver", clerk_scan.file_id, forest_case.number),
                        ("download", "forest_clerk", clerk_scan.file_id, forest_case.number)]


def test_the_applicant_opens_only_what_they_uploaded_themselves(hall, files):
    person, applicant_user = hall.applicants["person"], hall.users["applicant"]
    case = cases.apply(item=hall.items["forest"], applicant=person, actor=applicant_user, channel="online",
                       at=WHEN, provided=["使用林地申请表"])
    own = services.add(case=case, material="使用林地申请表", actor=applicant_user,
                       upload=files.up("我的申请表.jpg", files.image("JPEG"), "image/jpeg"))
    scan = services.add(case=case, material="使用林地可行性报告", actor=hall.users["forest_clerk"],
                        upload=files.up("窗口扫描.pdf", files.pdf()))
    assert own.trust == "uploaded" and own.file.channel == "online"
    services.open_for(case_material=own, user=applicant_user).close()
    with pytest.raises(NotFound):
        services.open_for(case_material=scan, user=applicant_user)
    other = cases.register_applicant(kind="person", name="李四", id_number=person_id("51010819900101123"))
    other_case = cases.apply(item=hall.items["forest"], applicant=other, actor=hall.users["forest_clerk"], at=WHEN)
    with pytest.raises(NotFound):
        services.add(case=other_case, material="使用林地申请表", actor=applicant_user,
                     upload=files.up("x.pdf", files.pdf()))


def test_trust_levels_issued_verified_uploaded_promised(hall, items, files, business_licence, open_case):
    case = open_case("forest", "forest_clerk", WHEN, provided=["使用林地申请表"])
    clerk = hall.users["forest_clerk"]
    checked = services.add(case=case, material="使用林地申请表", actor=clerk, verify_original=True,
                           upload=files.up("a.pdf", files.pdf()))
    assert (checked.trust, checked.verified_by, checked.verified_at is not None) == ("verified", clerk, True)
    copy = services.add(case=case, material="使用林地可行性报告", actor=clerk, upload=files.up("b.pdf", files.pdf()))
    assert copy.trust == "uploaded" and copy.verified_by is None
    copy = services.verify(case_material=copy, actor=clerk)
    assert copy.trust == "verified" and copy.verified_by == clerk
    with pytest.raises(DomainError):
        services.verify(case_material=copy, actor=clerk)
    with pytest.raises(NotFound):
        services.verify(case_material=copy, actor=hall.users["market_clerk"])
    shown = {m["name"]: m for m in card(case, clerk)["materials"]}
    licence = shown["营业执照"]["licence"]
    assert shown["营业执照"]["state_label"] == "免提交" and shown["营业执照"]["trusts"] == ["部门核发"]
    assert licence.pk == business_licence.pk and licence.identifier == business_licence.identifier
    assert shown["使用林地申请表"]["trusts"] == ["窗口核验原件"]
    # 告知承诺: the signed promise uploaded for a promised material is the applicant's promise
    promised = cases.apply(item=items["promise"], applicant=hall.applicants["org"], actor=hall.users["comp"], at=WHEN,
                           provided=["食品生产许可申请书", "食品安全管理制度文本"], promised=["生产场所无违法建设证明"])
    letter = services.add(case=promised, material="生产场所无违法建设证明", actor=hall.users["comp"],
                          upload=files.up("承诺书.pdf", files.pdf(1)))
    assert letter.trust == "promised"
    with pytest.raises(DomainError):
        services.verify(case_material=letter, actor=hall.users["comp"])
    assert [a for a, in FileLog.objects.filter(case=case).order_by("id").values_list("action")] == [
        "upload", "verify", "upload", "verify"]


def test_a_stored_material_is_offered_for_reuse_in_a_later_case_of_the_same_applicant_and_logged(
        hall, files, open_case):
    clerk = hall.users["forest_clerk"]
    first = open_case("forest", "forest_clerk", WHEN)
    row = services.add(case=first, material="使用林地申请表", actor=clerk, verify_original=True,
                       upload=files.up("a.pdf", files.pdf()))
    later = open_case("seed", "forest_clerk", at(2025, 9, 8), provided=["营业执照"])
    assert card(later, clerk)["materials"][0]["offers"] == []  # 申请书 ≠ 使用林地申请表
    third = open_case("forest", "forest_clerk", at(2025, 9, 9))
    offers = {m["name"]: m["offers"] for m in card(third, clerk)["materials"]}
    assert [o["pk"] for o in offers["使用林地申请表"]] == [row.pk] and offers["使用林地可行性报告"] == []
    reused = services.reuse(case=third, source=row, actor=clerk)
    assert (reused.file_id, reused.trust, reused.reused_from, reused.verified_by) == (row.file_id, "verified", row, clerk)
    entry = FileLog.objects.get(case=third, action="reuse")
    assert entry.user == clerk and first.number in entry.note and entry.file_id == row.file_id
    assert card(third, clerk)["materials"][0]["offers"] == []
    with pytest.raises(DomainError):
        services.reuse(case=third, source=row, actor=clerk)
    stranger = cases.apply(item=hall.items["forest"], applicant=hall.applicants["person"], actor=clerk, at=WHEN)
    with pytest.raises(NotFound):
        services.reuse(case=stranger, source=row, actor=clerk)
    with pytest.raises(NotFound):
        services.reuse(case=third, source=row, actor=hall.users["market_clerk"])
    assert StoredFile.objects.count() == 1


def test_the_log_is_append_only(hall, forest_case, files):
    services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                 upload=files.up("a.pdf", files.pdf()))
    with pytest.raises(DatabaseError), transaction.atomic():
        FileLog.objects.update(note="改写")
    assert FileLog.objects.get().note.startswith("a.pdf")


def test_a_failed_database_write_leaves_no_file_and_a_failed_request_no_rows(
        hall, forest_case, files, casefiles_root, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "log", broken)
    with pytest.raises(DatabaseError):
        services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                     upload=files.up("a.pdf", files.pdf()))
    assert stored_files(casefiles_root) == [] and not StoredFile.objects.exists()
    monkeypatch.undo()
    # A request that stores a file and then fails later (a new case and its scans in one go) keeps neither.
    with pytest.raises(DomainError), storage.atomic():
        services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                     upload=files.up("a.pdf", files.pdf()))
        assert len(stored_files(casefiles_root)) == 1
        raise DomainError("后面的材料有误", field="file-2")
    assert stored_files(casefiles_root) == [] and not StoredFile.objects.exists()
