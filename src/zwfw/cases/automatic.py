"""无人工干预智能审批: items flagged auto_approval are accepted, approved and issued by rule."""
from __future__ import annotations

from django.db import transaction

from . import actions, ports, rules
from .acceptance import local_date, materials_complete
from .models import AutoApprovalRule, Case


@transaction.atomic
def set_rule(item_code: str, conditions, note: str = "") -> AutoApprovalRule:
    conditions = rules.check_conditions(conditions)
    rule, _ = AutoApprovalRule.objects.update_or_create(
        item_code=item_code.strip(), defaults={"conditions": conditions, "note": note})
    return rule


def unmet_conditions(case: Case, on=None) -> list[str]:
    """Why this case cannot be decided by rule (empty: it can)."""
    rule = AutoApprovalRule.objects.filter(item_code=case.item.code).first()
    if rule is None:
        return ["未配置智能审批条件"]
    on = on or local_date(case.applied_at)
    facts = rules.Facts(
        materials_complete=materials_complete(case.materials),
        listed=ports.blocking_listing(case.applicant, case.item, on) is not None,
        licence_kinds=frozenset(ports.valid_licence_kinds(case.applicant, on)),
    )
    return rules.unmet(rule.conditions, facts)


def try_automatic(case: Case, *, at=None) -> list[str]:
    """Accept, review, approve and issue ``case`` with no clerk when its item's conditions hold.

    Returns the unmet conditions (empty when it was decided). Runs in the caller's transaction.
    """
    if not case.item.auto_approval or case.status != "applied":
        return ["该办理项未开通智能审批"]
    at = at or case.applied_at
    failed = unmet_conditions(case, local_date(at))
    if failed:
        return failed
    with transaction.atomic():
        actions.accept(case, actor=None, version=case.version, at=at, automatic=True)
        actions._act(case, "start_review", actor=None, version=case.version, at=at, automatic=True)
        actions.approve(case, actor=None, version=case.version, at=at, automatic=True)
        if not ports.fees_owed(case):  # a fee to pay: issued by the window once it is paid
            actions.issue(case, actor=None, version=case.version, at=at, automatic=True)
    return []
