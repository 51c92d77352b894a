"""Read-only views of the outbox and its delivery record: what was sent to whom, and why not."""
from django.contrib import admin

from .models import DeliveryAttempt, Notice


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "gateway", "recipient", "ok", "reference", "error", "worker"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "channel", "case", "status", "attempts", "next_try_at", "sent_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["case__number"]
    readonly_fields = [f.name for f in Notice._meta.fields]
    inlines = [AttemptInline]
    list_select_related = ["case"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
