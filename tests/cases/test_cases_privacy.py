"""Personal data is masked for anyone who does not handle the case, and unmasked views are logged."""
import logging

from zwfw.cases import services
from zwfw.cases.models import AuditLog


def test_masking_by_who_looks(hall, open_case, at, caplog):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2), applicant="person")
    person = hall.applicants["person"]
    with caplog.at_level(logging.WARNING, logger="zwfw.audit"):
        for who in ["forest_clerk", "forest_approver", "applicant"]:
            view = services.applicant_view(hall.users[who], person, case=case, where="办件页面")
            assert view["id_number"] == person.id_number and view["phone"] == "13812345678", who
    for who in ["market_clerk", "staff", "leader", "comp"]:  # this case is at the forestry window, not the comprehensive one
        view = services.applicant_view(hall.users[who], person, case=case)
        assert view["id_number"] == "5101**********" + person.id_number[-4:], who
        assert view["phone"] == "138****5678" and view["masked"]
    logs = AuditLog.objects.filter(applicant=person)
    assert logs.count() == 3
    assert set(logs.values_list("user__username", flat=True)) == {"forest_clerk", "forest_approver", "zhang"}
    assert all(log.case == case and log.at for log in logs)
    assert sum("unmasked" in r.getMessage() for r in caplog.records if r.name == "zwfw.audit") == 3


def test_the_comprehensive_window_sees_unmasked_data_only_for_its_own_cases(hall, open_case, at):
    person = hall.applicants["person"]
    forestry = open_case("seed", "forest_clerk", at(2026, 3, 2), applicant="person")
    assert services.applicant_view(hall.users["comp"], person, case=forestry)["masked"]
    assert services.applicant_view(hall.users["comp"], person)["masked"]  # no case of theirs at all
    ours = open_case("food", "comp", at(2026, 3, 3), applicant="person")
    assert ours.at_comprehensive_window
    assert services.applicant_view(hall.users["comp"], person, case=ours)["id_number"] == person.id_number
    assert AuditLog.objects.filter(user=hall.users["comp"]).count() == 1
