"""Admin for the cases app: the special procedures that suspend the clock (centre staff keep them)."""
from django.contrib import admin

from zwfw.accounts.roles import may

from .models import SuspensionKind


@admin.register(SuspensionKind)
class SuspensionKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "legal_basis", "active", "order"]
    list_editable = ["active", "order"]
    fields = ["name", "code", "legal_basis", "active", "order"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def _may_edit(self, request):
        user = request.user
        return user.is_active and may(getattr(user, "role", None), "keep_catalog", user.is_superuser)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return False  # suspensions keep their kind: deactivate instead
