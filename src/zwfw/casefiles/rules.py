"""Who may do what with a case's material files (reads the user and the case; writes nothing).

Files are personal data: they open only for those who handle the case (cases.applicants.handles —
the case's department, the comprehensive window for its own cases) and, for the applicant, only the
files they uploaded themselves. Centre staff and leaders see the material card without the files.
"""
from __future__ import annotations

from zwfw.cases.applicants import handles
from zwfw.cases.models import OPEN_STATUSES

WINDOW_ROLES = ("department_clerk", "comprehensive_clerk")
APPLICANT_STATUSES = ("applied", "correction")  # online: before acceptance and while correcting (补正)


def _role(user) -> str | None:
    return getattr(user, "role", None)


def is_own_applicant(user, case) -> bool:
    return _role(user) == "applicant" and case.applicant.user_id is not None and case.applicant.user_id == user.pk


def may_open(user, case_material) -> bool:
    case = case_material.case
    if not handles(user, case.applicant, case):
        return False
    if _role(user) == "applicant":
        return is_own_applicant(user, case) and case_material.file.uploaded_by_id == user.pk
    return True


def may_add(user, case) -> bool:
    """Upload a file as one of the case's materials: its window (scanning), its department's system, the
    applicant online while the case waits for acceptance or a correction."""
    if case.status not in OPEN_STATUSES or not handles(user, case.applicant, case):
        return False
    role = _role(user)
    if role == "applicant":
        return is_own_applicant(user, case) and case.status in APPLICANT_STATUSES
    return role in (*WINDOW_ROLES, "api_client")


def may_verify(user, case) -> bool:
    """Check a copy against the original, or reuse an earlier file: a clerk at the window handling the case."""
    return case.status in OPEN_STATUSES and _role(user) in WINDOW_ROLES and handles(user, case.applicant, case)


def may_open_case(user, case) -> bool:
    """Whether the case itself is visible to ``user`` (so a refusal is 403, not 404)."""
    from zwfw.cases.queries import cases_for

    return cases_for(user).filter(pk=case.pk).exists()
