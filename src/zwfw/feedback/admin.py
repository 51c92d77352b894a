from django.contrib import admin

from zwfw.accounts.scoping import scope

from .models import HotlineTicket, Rating, Rectification


class ScopedReadOnly(admin.ModelAdmin):
    """Written through the services (rating, closing, answering); the admin shows the records."""

    def get_queryset(self, request):
        return scope(request.user, super().get_queryset(request), field="department")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rating)
class RatingAdmin(ScopedReadOnly):
    list_display = ["case", "department", "level", "rated_at"]
    list_filter = ["level", "department"]
    search_fields = ["case__number", "comment"]


@admin.register(Rectification)
class RectificationAdmin(ScopedReadOnly):
    list_display = ["rating", "department", "opened_on", "due_on", "status", "callback_on", "callback_level"]
    list_filter = ["status", "department"]


@admin.register(HotlineTicket)
class HotlineTicketAdmin(ScopedReadOnly):
    list_display = ["number", "department", "received_at", "answered_at", "level"]
    list_filter = ["level", "department"]
    search_fields = ["number", "content"]
