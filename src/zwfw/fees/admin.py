"""Fees in the admin: read-only. Assessments and payments are written by the services only
(acceptance, the window's 收费 card, the payment platform's API)."""
from django.contrib import admin

from .models import FeeLine, Payment


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeeLine)
class FeeLineAdmin(ReadOnly):
    list_display = ["case", "name", "quantity", "amount", "legal_basis", "assessed_at"]
    search_fields = ["case__number", "name"]
    list_select_related = ["case"]


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ["case", "amount", "method", "channel", "transaction_id", "paid_at", "recorded_by"]
    list_filter = ["method", "channel"]
    search_fields = ["case__number", "transaction_id"]
    list_select_related = ["case", "recorded_by"]
