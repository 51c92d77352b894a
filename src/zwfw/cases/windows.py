"""Where an event happened: the window that acted (pure: values in, values out).

Counts are of the work done where it was done: a result the comprehensive window
hands out for a department's case is the comprehensive window's 颁发, and every
流转 it makes is its 件次, whichever window the case was applied at.
"""
from __future__ import annotations

COMPREHENSIVE = "comprehensive"
DEPARTMENT = "department"
DEPARTMENT_SYSTEM = "department_system"
ONLINE = "online"

CHOICES = [
    (COMPREHENSIVE, "综合窗口"),
    (DEPARTMENT, "部门窗口"),
    (DEPARTMENT_SYSTEM, "部门自建系统"),
    (ONLINE, "网上办理"),
]
LABELS = dict(CHOICES)

# Roles (values of accounts.models.Role). Centre staff act for the centre's own window.
_BY_ROLE = {
    "comprehensive_clerk": COMPREHENSIVE,
    "centre_staff": COMPREHENSIVE,
    "department_clerk": DEPARTMENT,
    "approver": DEPARTMENT,
    "api_client": DEPARTMENT_SYSTEM,
    "applicant": ONLINE,
}
# With no person acting (rule-based approval, the platform itself), the case's channel says where.
_BY_CHANNEL = {"online": ONLINE, "api": DEPARTMENT_SYSTEM, "window": DEPARTMENT}


def acting_window(role: str | None, channel: str | None = None) -> str:
    """The window of an actor in ``role``; without an actor, the one the case's ``channel`` implies."""
    if role in _BY_ROLE:
        return _BY_ROLE[role]
    return _BY_CHANNEL.get(channel or "", DEPARTMENT)


def label(window: str) -> str:
    return LABELS.get(window, window)
