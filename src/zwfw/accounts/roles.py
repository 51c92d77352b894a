"""Roles and what each may do (pure: values in, values out).

Role codes are those of ``accounts.models.Role``; they are repeated here as
plain strings so this module imports nothing from Django.
"""
COMPREHENSIVE_CLERK = "comprehensive_clerk"
DEPARTMENT_CLERK = "department_clerk"
APPROVER = "approver"
CENTRE_STAFF = "centre_staff"
LEADER = "leader"
APPLICANT = "applicant"
API_CLIENT = "api_client"

LABELS = {
    COMPREHENSIVE_CLERK: "综合窗口人员",
    DEPARTMENT_CLERK: "部门窗口人员",
    APPROVER: "审批人员",
    CENTRE_STAFF: "政务平台服务处人员",
    LEADER: "中心领导",
    APPLICANT: "申请人",
    API_CLIENT: "接口调用方",
}

# Act for exactly one department and see only its data.
DEPARTMENT_BOUND = frozenset({DEPARTMENT_CLERK, APPROVER, API_CLIENT})
# See every department's data.
HALL_WIDE = frozenset({COMPREHENSIVE_CLERK, CENTRE_STAFF, LEADER})
# Read dashboards and briefings; never edit anything.
READ_ONLY = frozenset({LEADER})

# What each role may write. Keys are the kinds of work other apps ask about.
# Case lifecycle actions (accept, transfer, suspend, decide, issue …) and who may take them
# live in one place: zwfw.cases.lifecycle.
ABILITIES = {
    "issue_licence": {DEPARTMENT_CLERK, APPROVER, API_CLIENT},            # 电子证照签发
    "register_consultation": {COMPREHENSIVE_CLERK, DEPARTMENT_CLERK},     # 咨询登记
    "keep_catalog": {CENTRE_STAFF},                                       # 事项库维护
    "keep_calendar": {CENTRE_STAFF},                                      # 工作日历维护
    "inspect_hall": {CENTRE_STAFF},                                       # 大厅巡查
    "score_windows": {CENTRE_STAFF},                                      # 窗口考核
    "publish_briefing": {CENTRE_STAFF},                                   # 编发周报
    "submit_briefing_material": {DEPARTMENT_CLERK},                       # 报送周报素材
    "keep_credit_list": {CENTRE_STAFF, DEPARTMENT_CLERK, APPROVER},       # 异常名录
    "handle_feedback": {CENTRE_STAFF, DEPARTMENT_CLERK},                  # 差评整改、12345 工单
    "apply": {APPLICANT},                                                 # 申请
    "rate_service": {APPLICANT},                                          # 好差评
}

ABILITY_LABELS = {
    "issue_licence": "签发电子证照",
    "register_consultation": "登记咨询",
    "keep_catalog": "维护事项库",
    "keep_calendar": "维护工作日历",
    "inspect_hall": "大厅巡查",
    "score_windows": "窗口考核评分",
    "publish_briefing": "编发窗口工作周报",
    "submit_briefing_material": "报送周报素材",
    "keep_credit_list": "管理异常名录",
    "handle_feedback": "处理评价与工单",
    "apply": "提交申请",
    "rate_service": "评价服务",
}


def label(role: str) -> str:
    return LABELS.get(role, role)


def is_department_bound(role: str) -> bool:
    return role in DEPARTMENT_BOUND


def sees_all_departments(role: str, is_superuser: bool = False) -> bool:
    return is_superuser or role in HALL_WIDE


def is_read_only(role: str) -> bool:
    return role in READ_ONLY


def may(role: str, ability: str, is_superuser: bool = False) -> bool:
    """Whether ``role`` may do ``ability`` (a key of ABILITIES). Superusers may do anything."""
    if ability not in ABILITIES:
        raise KeyError(f"unknown ability: {ability}")
    if is_superuser:
        return True
    return role in ABILITIES[ability]


def may_edit(role: str, is_superuser: bool = False) -> bool:
    """Whether the role writes anything at all (leaders never do)."""
    if is_superuser:
        return True
    return role not in READ_ONLY and any(role in roles for roles in ABILITIES.values())


def may_keep_calendar(user) -> bool:
    """Centre staff (and superusers) keep the official calendar."""
    return bool(getattr(user, "is_superuser", False)) or getattr(user, "role", None) == CENTRE_STAFF
