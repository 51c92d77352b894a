from django.contrib import admin

from zwfw.accounts.scoping import scope

from .models import Licence, LicenceKind


@admin.register(LicenceKind)
class LicenceKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "validity_years", "renewal_lead_days"]
    search_fields = ["code", "name"]


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    """Read-only: licences are written by services (issue, renew, revoke) so the history holds."""

    list_display = ["identifier", "kind", "holder", "issuer", "issued_on", "valid_from", "valid_until", "status"]
    list_filter = ["kind", "issuer"]
    search_fields = ["identifier", "holder__name", "holder__id_number"]
    list_select_related = ["kind", "holder", "issuer", "superseded_by"]
    date_hierarchy = "issued_on"

    @admin.display(description="状态")
    def status(self, obj):
        return obj.status_label()

    def get_queryset(self, request):
        return scope(request.user, super().get_queryset(request), field="issuer")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
