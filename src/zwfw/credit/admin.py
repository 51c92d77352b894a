from django.contrib import admin

from zwfw.accounts.scoping import scope

from .models import Listing


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    """Read-only history: listings are written through the services (list, lift early), never deleted."""

    list_display = ["applicant", "department", "reason", "document", "start_date", "end_date", "status"]
    list_filter = ["department"]
    search_fields = ["applicant__name", "applicant__id_number", "document"]
    list_select_related = ["applicant", "department"]
    filter_horizontal = ["matters"]

    @admin.display(description="状态")
    def status(self, obj):
        return obj.status_label()

    def get_queryset(self, request):
        return scope(request.user, super().get_queryset(request), field="department")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
