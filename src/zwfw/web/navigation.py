"""Which links each role gets: the top bar and the home page's actions.

A link is offered only when the role may use the page and the page is routed:
links are named by URL name, and a name another app has not added yet yields
no link (several apps are still adding pages; a link appears as soon as its
route does). Names live here, in one place.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from zwfw.accounts import roles
from zwfw.accounts.scoping import department_id_of

# Pages by URL name.
HOME = "web:home"
WORKLIST = "cases:worklist"
NEW_CASE = "cases:new"
NEW_CONSULTATION = "cases:consultations"
TRACK_CASE = "feedback:track"
PORTAL = "feedback:portal"
INBOX = "notices:inbox"
APPLY_ONLINE = "cases:apply"
BUNDLES = "cases:bundles"
RECTIFICATIONS = "feedback:rectifications"
VERIFY = "licences:verify"
LICENCES = "licences:list"
CREDIT = "credit:list"
CATALOG = "catalog:items"
ANOMALIES = "catalog:anomalies"
HALL = "hall:week"
NEW_ROUND = "hall:new_round"
VISITS = "hall:visits"
COMMENDATIONS = "hall:commendations"
DUTY = "hall:duty"
ASSESSMENT = "assessment:table"
WINDOW = "assessment:window"
PROPOSALS = "assessment:proposals"
BRIEFING = "briefing:list"
NEWS = "briefing:news"
ADMIN = "admin:index"
LOGIN = "login"


@dataclass(frozen=True)
class Link:
    label: str
    name: str
    note: str = ""
    args: tuple = ()

    @property
    def path(self) -> str | None:
        return url(self.name, *self.args)


def url(name: str, *args) -> str | None:
    """The path of the page named ``name``, or None while no app routes that name."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def exists(name: str, *args) -> bool:
    return url(name, *args) is not None


@dataclass(frozen=True)
class Shown:
    """A link as a template shows it."""
    label: str
    path: str
    note: str = ""


def _present(links: list[Link]) -> list[Shown]:
    shown = []
    for link in links:
        path = link.path
        if path is not None:
            shown.append(Shown(link.label, path, link.note))
    return shown


def window_link(user, label: str = "本窗口考核", note: str = "") -> Link:
    """The user's own window's assessment entries (the month table for users without a window)."""
    dept = department_id_of(user)
    return Link(label, WINDOW, note, (dept,)) if dept else Link(label, ASSESSMENT, note)


def nav_links(user) -> list[Shown]:
    """The top bar for ``user``: only pages the role may use."""
    if not user.is_authenticated:
        return _present([Link("证照核验", VERIFY), Link("办件查询", TRACK_CASE)])
    role = getattr(user, "role", None)
    home = Link("首页", HOME)
    if user.is_superuser:
        links = [home, Link("办件", WORKLIST), Link("大厅管理", HALL), Link("窗口考核", ASSESSMENT),
                 Link("窗口工作周报", BRIEFING), Link("窗口动态", NEWS), Link("进大厅·表扬·值守", VISITS),
                 Link("事项库", CATALOG),
                 Link("电子证照", LICENCES), Link("异常名录", CREDIT), Link("后台管理", ADMIN)]
    elif role == roles.CENTRE_STAFF:
        links = [home, Link("大厅管理", HALL), Link("窗口考核", ASSESSMENT), Link("窗口工作周报", BRIEFING),
                 Link("窗口动态", NEWS), Link("进大厅·表扬·值守", VISITS), Link("事项库", CATALOG), Link("异常名录", CREDIT),
                 Link("差评整改", RECTIFICATIONS),
                 Link("办件", WORKLIST)]
        if user.is_staff:
            links.append(Link("后台管理", ADMIN))
    elif role == roles.LEADER:
        links = [home, Link("窗口工作周报", BRIEFING), Link("窗口考核", ASSESSMENT), Link("大厅管理", HALL),
                 Link("事项库", CATALOG)]
    elif role == roles.COMPREHENSIVE_CLERK:
        links = [home, Link("办件", WORKLIST), Link("受理", NEW_CASE), Link("一件事一次办", BUNDLES),
                 Link("咨询登记", NEW_CONSULTATION), Link("事项库", CATALOG), Link("证照核验", VERIFY)]
    elif role == roles.DEPARTMENT_CLERK:
        links = [home, Link("办件", WORKLIST), Link("窗口动态", NEWS), window_link(user),
                 Link("电子证照", LICENCES), Link("异常名录", CREDIT), Link("差评整改", RECTIFICATIONS),
                 Link("事项库", CATALOG)]
    elif role == roles.APPROVER:
        links = [home, Link("办件", WORKLIST), Link("电子证照", LICENCES), Link("异常名录", CREDIT),
                 window_link(user), Link("事项库", CATALOG)]
    elif role == roles.APPLICANT:
        links = [home, Link("我的办事", PORTAL), Link("我的消息", INBOX), Link("网上申请", APPLY_ONLINE),
                 Link("办件查询", TRACK_CASE),
                 Link("证照核验", VERIFY)]
    else:
        links = [home]
    return _present(links)


def current(links: list[Shown], path: str) -> Shown | None:
    """The link the page at ``path`` belongs to: the longest matching prefix (home only on "/")."""
    best = None
    for link in links:
        matches = path == link.path if link.path == "/" else path.startswith(link.path)
        if matches and (best is None or len(link.path) > len(best.path)):
            best = link
    return best


# ---- the home pages' action buttons ------------------------------------------------------------------

def clerk_actions(user) -> list[Shown]:
    role = getattr(user, "role", None)
    links = [Link("我的待办", WORKLIST, "按剩余工作日排序，预警件靠前")]
    if role in (roles.COMPREHENSIVE_CLERK, roles.DEPARTMENT_CLERK):
        links += [Link("受理新办件", NEW_CASE, "收件、核验材料、受理或一次性告知补正"),
                  Link("登记咨询", NEW_CONSULTATION, "窗口咨询按人次登记")]
    if role == roles.COMPREHENSIVE_CLERK:
        links.append(Link("一件事一次办", BUNDLES, "代申请人一次提交，多个部门分别办理"))
    if role == roles.DEPARTMENT_CLERK:
        links.append(Link("报送窗口动态", NEWS, "本周工作动态报送周报"))
    if role in (roles.DEPARTMENT_CLERK, roles.APPROVER):
        links += [Link("电子证照", LICENCES, "本部门签发的证照：延续、撤销"),
                  Link("异常名录", CREDIT, "列入、提前移出")]
    if department_id_of(user):
        links.append(window_link(user, "本窗口考核记录", "本窗口每月加减分明细"))
    links.append(Link("事项库", CATALOG, "事项、办事指南、时限"))
    return _present(links)


def centre_actions(user) -> list[Shown]:
    return _present([
        Link("记录大厅巡查", NEW_ROUND, "手机上边走边记"),
        Link("本周大厅情况", HALL, "巡查、厅（局）长进大厅、表扬"),
        Link("窗口工作周报", BRIEFING, "起草、修改、发布"),
        Link("窗口动态审核", NEWS, "采用、退回、排序"),
        Link("厅（局）长进大厅", VISITS, "录入、修改，按周印入周报"),
        Link("窗口受到表扬", COMMENDATIONS, "锦旗、感谢信、通报表扬、网上好评"),
        Link("窗口值守安排", DUTY, "各窗口在岗人员，巡查按时到岗的依据"),
        Link("窗口考核", ASSESSMENT, "月度考核结果表"),
        Link("待确认考核建议", PROPOSALS, "巡查、超期、差评自动生成的加减分"),
        Link("办事指南异常", ANOMALIES, "请部门补正的办事指南"),
        Link("事项库", CATALOG, "事项、办理项、变更比对"),
    ])


def leader_links(user) -> list[Shown]:
    return _present([
        Link("窗口工作周报", BRIEFING, "历期周报"),
        Link("窗口考核结果", ASSESSMENT, "月度排名"),
        Link("大厅情况", HALL, "本周巡查、厅（局）长进大厅"),
    ])


def applicant_actions(user) -> list[Shown]:
    return _present([
        Link("我的办事", PORTAL, "办件进度、电子证照、对已办结的办件作出评价"),
        Link("网上申请", APPLY_ONLINE, "查找事项、查看办事指南、在线提交申请"),
        Link("一件事一次办", BUNDLES, "一次填表、一套材料，多个部门一次办好"),
        Link("按编号查询办件", TRACK_CASE, "办件编号加证件号码后 4 位"),
        Link("核验电子证照", VERIFY, "核验他人出示的证照"),
    ])
