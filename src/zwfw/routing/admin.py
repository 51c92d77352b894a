"""Admin: centre staff keep each department's offices and who works in them; the corrections of
cases are shown read-only (they are made on the case page, through ``routing.corrections``)."""
from django import forms
from django.contrib import admin

from zwfw.accounts.roles import may
from zwfw.errors import DomainError

from . import services
from .models import CaseCorrection, Office, OfficeMember


def _keeps_catalog(request) -> bool:
    user = request.user
    return user.is_active and may(getattr(user, "role", None), "keep_catalog", user.is_superuser)


class MemberForm(forms.ModelForm):
    class Meta:
        model = OfficeMember
        fields = ["user", "lead"]

    def clean(self):
        cleaned = super().clean()
        user, office = cleaned.get("user"), getattr(self.instance, "office", None) if self.instance.office_id else None
        office = office or getattr(self, "parent_office", None)
        if user is not None and office is not None:
            try:
                services.check_member(user, office)
            except DomainError as exc:
                self.add_error("user", exc.message)
        return cleaned


class MemberInline(admin.TabularInline):
    model = OfficeMember
    form = MemberForm
    extra = 1
    autocomplete_fields = ["user"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        form = formset.form

        class Bound(form):
            parent_office = obj
        formset.form = Bound
        return formset


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "department", "order", "active"]
    list_filter = ["active", "department"]
    search_fields = ["name", "code", "department__name"]
    list_select_related = ["department"]
    fields = ["department", "code", "name", "order", "active"]
    inlines = [MemberInline]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return _keeps_catalog(request)

    def has_change_permission(self, request, obj=None):
        return _keeps_catalog(request)

    def has_delete_permission(self, request, obj=None):
        return False  # cases keep the office they went to: deactivate instead


@admin.register(CaseCorrection)
class CaseCorrectionAdmin(admin.ModelAdmin):
    """The audit trail of corrections: append-only, so nobody edits or deletes a row here."""
    list_display = ["case", "label", "old", "new", "reason", "actor", "at"]
    list_filter = ["field"]
    search_fields = ["case__number"]
    list_select_related = ["case", "actor"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
