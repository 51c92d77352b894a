"""The case lifecycle as one state machine (pure: no Django).

Which action is allowed in which status, what status it leads to, the event it
appends, its Chinese label, and which roles may take it.
"""
from __future__ import annotations

from dataclasses import dataclass

from zwfw.errors import Conflict, DomainError, Forbidden

# Status codes (same values as models.CaseStatus) and their Chinese names.
APPLIED, CORRECTION, ACCEPTED, REJECTED = "applied", "correction", "accepted", "rejected"
TRANSFERRED, REVIEWING, SUSPENDED = "transferred", "reviewing", "suspended"
APPROVED, DENIED, ISSUED, COMPLETED = "approved", "denied", "issued", "completed"
WITHDRAWN, TERMINATED = "withdrawn", "terminated"

STATUS_LABELS = {
    APPLIED: "已申请", CORRECTION: "待补正", ACCEPTED: "已受理", REJECTED: "不予受理",
    TRANSFERRED: "已流转", REVIEWING: "审查中", SUSPENDED: "已挂起", APPROVED: "准予许可",
    DENIED: "不予许可", ISSUED: "已颁发", COMPLETED: "已办结", WITHDRAWN: "已撤回", TERMINATED: "已终止",
}
TERMINAL = frozenset({REJECTED, COMPLETED, WITHDRAWN, TERMINATED})
#: Before the decision (准予/不予许可): the applicant may withdraw, the organ may terminate.
UNDECIDED = frozenset({APPLIED, CORRECTION, ACCEPTED, TRANSFERRED, REVIEWING, SUSPENDED})

#: Why a case is terminated (终止): the law's grounds, shown to staff as the choices.
TERMINATION_REASONS = {
    "dissolved": "申请人（法人或者其他组织）依法终止",
    "deceased": "申请人（自然人）死亡或者丧失行为能力",
    "not_applicable": "申请事项依法不再需要取得行政许可",
}

# Roles (values of accounts.models.Role).
COMPREHENSIVE_CLERK, DEPARTMENT_CLERK, APPROVER = "comprehensive_clerk", "department_clerk", "approver"
API_CLIENT, APPLICANT = "api_client", "applicant"
CENTRE_STAFF = "centre_staff"

_WINDOW = frozenset({COMPREHENSIVE_CLERK, DEPARTMENT_CLERK, API_CLIENT})
_BACK_OFFICE = frozenset({DEPARTMENT_CLERK, APPROVER, API_CLIENT})


@dataclass(frozen=True)
class Action:
    code: str
    label: str            # what the button says and what error messages name
    event: str            # EventKind value appended
    sources: frozenset    # statuses it may be taken in
    target: str | None    # status afterwards (None: unchanged)
    roles: frozenset      # roles that may take it
    needs_reason: bool = False


ACTIONS: dict[str, Action] = {a.code: a for a in [
    Action("accept", "受理", "accepted", frozenset({APPLIED}), ACCEPTED, _WINDOW),
    Action("reject", "不予受理", "rejected", frozenset({APPLIED, CORRECTION}), REJECTED, _WINDOW, needs_reason=True),
    Action("request_correction", "一次性告知补正", "correction_requested", frozenset({APPLIED}), CORRECTION, _WINDOW,
           needs_reason=True),
    Action("correct", "补正材料", "corrected", frozenset({CORRECTION}), APPLIED, _WINDOW | {APPLICANT}),
    Action("transfer", "流转", "transferred", frozenset({ACCEPTED, TRANSFERRED, REVIEWING}), TRANSFERRED,
           frozenset({COMPREHENSIVE_CLERK, DEPARTMENT_CLERK, API_CLIENT})),
    # 退回: the back office sends the case back to the window that handed it over (reason required);
    # the clock keeps running. 改派: the department's lead (zwfw.routing checks the lead) or centre
    # staff move it to another office or approver of the department.
    Action("return", "退回窗口", "returned", frozenset({TRANSFERRED, REVIEWING}), ACCEPTED, _BACK_OFFICE,
           needs_reason=True),
    Action("reassign", "改派", "reassigned", frozenset({TRANSFERRED, REVIEWING, SUSPENDED}), None,
           frozenset({APPROVER, CENTRE_STAFF}), needs_reason=True),
    Action("start_review", "开始审查", "review_started", frozenset({ACCEPTED, TRANSFERRED}), REVIEWING, _BACK_OFFICE),
    Action("suspend", "挂起（特别程序）", "suspended", frozenset({REVIEWING}), SUSPENDED,
           frozenset({APPROVER, API_CLIENT})),
    Action("resume", "恢复计时", "resumed", frozenset({SUSPENDED}), REVIEWING, frozenset({APPROVER, API_CLIENT})),
    Action("extend", "延长办理期限", "extended", frozenset({REVIEWING, SUSPENDED}), None,
           frozenset({APPROVER, API_CLIENT}), needs_reason=True),
    Action("approve", "准予许可", "approved", frozenset({REVIEWING}), APPROVED, _BACK_OFFICE),
    Action("deny", "不予许可", "denied", frozenset({REVIEWING}), DENIED, _BACK_OFFICE, needs_reason=True),
    Action("issue", "颁发", "issued", frozenset({APPROVED}), ISSUED, _WINDOW),
    Action("complete", "办结", "completed", frozenset({ISSUED, DENIED}), COMPLETED, _WINDOW),
    Action("withdraw", "撤回申请", "withdrawn", UNDECIDED, WITHDRAWN, _WINDOW | {APPLICANT}),
    Action("terminate", "终止办理", "terminated", UNDECIDED, TERMINATED, _BACK_OFFICE | {COMPREHENSIVE_CLERK},
           needs_reason=True),
]}

EVENT_TO_ACTION = {a.event: a.code for a in ACTIONS.values()}


def action(code: str) -> Action:
    try:
        return ACTIONS[code]
    except KeyError:
        raise Conflict(f"没有“{code}”这个办理动作。", code="unknown_action", field="action") from None


def termination_reason(code: str) -> str:
    """The Chinese ground for termination ``code``; DomainError naming the choices otherwise."""
    try:
        return TERMINATION_REASONS[code]
    except KeyError:
        raise DomainError(f"请选择终止办理的原因：{'、'.join(TERMINATION_REASONS.values())}。",
                          code="termination_reason", field="kind") from None


def label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def check_transition(status: str, code: str) -> str:
    """The status after taking action ``code`` in ``status``; Conflict if not allowed now."""
    a = action(code)
    if status not in a.sources:
        raise Conflict(f"当前状态为“{label(status)}”，不能执行“{a.label}”。", code="illegal_transition", field="action")
    return a.target or status


def may_take(role: str | None, code: str, *, is_superuser: bool = False) -> bool:
    return is_superuser or role in action(code).roles


def check_role(role: str | None, role_label: str, code: str, *, is_superuser: bool = False) -> None:
    if not may_take(role, code, is_superuser=is_superuser):
        raise Forbidden(f"{role_label}不能执行“{action(code).label}”。", code="forbidden_role", field="action")


def allowed_actions(status: str, role: str | None, *, is_superuser: bool = False) -> list[Action]:
    """The actions a person in ``role`` may take on a case in ``status`` now, in lifecycle order."""
    return [a for a in ACTIONS.values() if status in a.sources and may_take(role, a.code, is_superuser=is_superuser)]


def is_open(status: str) -> bool:
    return status not in TERMINAL
