"""Who sees and acts for which department — enforced in queries.

Every app restricts its querysets with ``scope(user, qs, field=...)`` and checks
writes with ``ensure_can_act(user, department)``. ``field`` is the lookup path
from the queryset's model to its department, e.g. ``"department"`` for matters
or ``"handling_item__matter__department"`` for cases.
"""
from __future__ import annotations

from zwfw.accounts import roles
from zwfw.errors import Forbidden


def _role(user) -> str | None:
    return getattr(user, "role", None)


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def sees_all(user) -> bool:
    """Hall-wide roles (comprehensive clerks, centre staff, leaders) and superusers."""
    return _active(user) and roles.sees_all_departments(_role(user), getattr(user, "is_superuser", False))


def department_id_of(user) -> int | None:
    """The one department a department-bound user acts for (None otherwise)."""
    if _active(user) and not getattr(user, "is_superuser", False) and roles.is_department_bound(_role(user)):
        return getattr(user, "department_id", None)
    return None


def visible_departments(user):
    """The departments whose data ``user`` may see, as a Department queryset."""
    from zwfw.catalog.models import Department

    return scope(user, Department.objects.all(), field="pk")


def scope(user, queryset, field: str = "department"):
    """Restrict ``queryset`` to what ``user`` may see.

    Department-bound roles see their department's rows; hall-wide roles and
    superusers see everything; applicants, inactive and anonymous users see nothing.
    """
    if sees_all(user):
        return queryset
    dept = department_id_of(user)
    if dept is None:
        return queryset.none()
    return queryset.filter(**{field: dept})


def can_see(user, department) -> bool:
    if sees_all(user):
        return True
    dept = department_id_of(user)
    return dept is not None and dept == _pk(department)


def can_edit(user) -> bool:
    """Whether ``user`` may write anything at all (leaders never do)."""
    return _active(user) and roles.may_edit(_role(user), getattr(user, "is_superuser", False))


def can(user, ability: str) -> bool:
    """Whether ``user`` may do ``ability`` (a key of roles.ABILITIES)."""
    return _active(user) and roles.may(_role(user), ability, getattr(user, "is_superuser", False))


def ensure_not_read_only(user) -> None:
    if not _active(user):
        raise Forbidden("请先登录。", code="not_logged_in")
    if not can_edit(user):
        raise Forbidden(
            f"{roles.label(_role(user))}账户只能查看，不能修改数据。", code="read_only")


def ensure_may(user, ability: str) -> None:
    """Raise Forbidden unless ``user``'s role may do ``ability``."""
    ensure_not_read_only(user)
    if not can(user, ability):
        raise Forbidden(
            f"{roles.label(_role(user))}不能{roles.ABILITY_LABELS.get(ability, ability)}。", code="forbidden_role")


def ensure_can_act(user, department) -> None:
    """Raise Forbidden unless ``user`` may act (write) for ``department``."""
    ensure_not_read_only(user)
    if sees_all(user):
        return
    if not roles.is_department_bound(_role(user)):
        raise Forbidden(f"{roles.label(_role(user))}不能办理部门业务。", code="forbidden_role")
    own = getattr(user, "department", None)
    if own is None:
        raise Forbidden("您的账户尚未绑定部门，请联系政务平台服务处。", code="no_department")
    if own.pk != _pk(department):
        raise Forbidden(
            f"您只能办理本部门（{own.short_name or own.name}）的业务。", code="forbidden_department", field="department")


def _pk(department):
    return getattr(department, "pk", department)


def is_staff_member(user) -> bool:
    """Anyone working in or for the hall: every active role but the applicant's (superusers included)."""
    return _active(user) and (getattr(user, "is_superuser", False) or (
        _role(user) is not None and _role(user) != roles.APPLICANT))


def staff_required(view):
    """Page decorator: log in first; applicants get the 403 page (they see only their own cases,
    licences and ratings, through the applicant portal)."""
    import functools

    from django.contrib.auth.decorators import login_required
    from django.core.exceptions import PermissionDenied

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied("申请人账户只能查看本人的办件、证照和评价。")
        return view(request, *args, **kwargs)
    return wrapped
