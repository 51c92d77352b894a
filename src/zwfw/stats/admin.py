from django.contrib import admin

from zwfw.stats.models import DailyCount


@admin.register(DailyCount)
class DailyCountAdmin(admin.ModelAdmin):
    """Read-only: counters are written by the stats services only."""

    list_display = ["day", "department", "power_type", "kind", "comprehensive", "source", "count"]
    list_filter = ["kind", "comprehensive", "source", "power_type"]
    search_fields = ["department__name", "source"]
    date_hierarchy = "day"
    list_select_related = ["department", "power_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
