"""Templates are edited here by centre staff; each save goes through the service and is kept as a version."""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from zwfw.errors import DomainError

from . import services
from .models import DocumentTemplate, IssuedDocument, TemplateVersion
from .texts import PLACEHOLDERS, check_body


EDITABLE = ["title", "legal_basis", "after", "body"]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = EDITABLE
        help_texts = {"body": "可用占位符：" + "　".join(f"{{{{{k}}}}} {v}" for k, v in PLACEHOLDERS.items())}

    def clean(self):
        data = super().clean()
        try:
            check_body((data.get("body") or "").replace("\r\n", "\n"))
        except DomainError as exc:
            raise ValidationError({exc.field or "body": exc.message}) from None
        return data


class VersionInline(admin.TabularInline):
    model = TemplateVersion
    fields = ["version", "title", "source", "saved_by", "saved_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = TemplateForm
    list_display = ["title", "kind", "version", "updated_at"]
    readonly_fields = ["kind", "version", "updated_at"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # new kinds come from the repository's template files (zwfw documents sync)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            services.save_template(obj, actor=request.user, **{k: form.cleaned_data[k] for k in EDITABLE})
        except DomainError as exc:  # checked in the form already; a race is reported, not half-saved
            self.message_user(request, exc.message, level="error")


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin):
    list_display = ["template", "version", "source", "saved_by", "saved_at"]
    list_filter = ["template"]
    readonly_fields = ["template", "version", "title", "legal_basis", "after", "body", "saved_at", "saved_by", "source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "case", "issued_by", "issued_at", "printed"]
    search_fields = ["number", "case__number"]
    readonly_fields = [f.name for f in IssuedDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
