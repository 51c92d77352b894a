"""The writers of the cases app, in one import.

Every command is one transaction that writes the case and appends one CaseEvent through
``append_event`` (which counts it in stats in the same transaction).
"""
from .acceptance import check_acceptable, material_checklist  # noqa: F401
from .actions import (  # noqa: F401
    accept, approve, complete, correct, deny, extend, issue, perform, reassign, reject, request_correction, resume,
    return_to_window, start_review, suspend, terminate, transfer, withdraw,
)
from .intake import apply, item_for  # noqa: F401
from .applicants import applicant_view, own_applicant, register_applicant  # noqa: F401
from .automatic import set_rule, try_automatic  # noqa: F401
from .bundles import (  # noqa: F401
    apply_bundle, bundle_application_for, bundle_in_force, bundle_status, bundles_in_force, merged_checklist,
)
from .clockwork import accept_deemed, clock_of, deemed_accepted, recompute_open_deadlines  # noqa: F401
from .consultations import register_consultation  # noqa: F401
from .events import append_event, case_event  # noqa: F401


def track(number: str, applicant):
    """An applicant's own case by number (portal tracking); NotFound otherwise."""
    from zwfw.errors import NotFound

    from .models import Case

    case = (Case.objects.select_related("item__matter", "department", "applicant")
            .filter(number=(number or "").strip(), applicant=applicant).first())
    if case is None:
        raise NotFound(f"没有找到办件“{number}”。", field="number")
    return case


def lifecycle_label(code: str) -> str:
    from .lifecycle import action

    return action(code).label
