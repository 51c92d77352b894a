"""The briefing's admin, in Chinese: issues (imported history, drafts, published), numbering start,
layouts and window news. Figures of an imported or published issue are shown, not edited."""
import json

from django.contrib import admin
from django.utils.html import format_html

from .models import Correction, Issue, NewsItem, NumberingStart, Template, TemplateSection


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["__str__", "period_label", "published_on", "status", "skipped", "source_file", "updated"]
    list_filter = ["status", "skipped", "year"]
    search_fields = ["source_file", "=year", "=number", "=total"]
    date_hierarchy = "period_end"
    ordering = ["-period_end", "-total"]
    readonly_fields = ["figures_pretty", "created", "updated"]
    exclude = ["figures", "document", "generated", "edits"]
    fieldsets = [
        ("期号", {"fields": ["year", "number", "total", "skipped", "status"]}),
        ("时间", {"fields": ["period_start", "period_end", "published_on"]}),
        ("版记", {"fields": ["report_to", "send_to", "issue_to", "print_run"]}),
        ("来源与数据", {"fields": ["template", "source_file", "figures_pretty", "created", "updated"]}),
    ]

    @admin.display(description="本期时间段", ordering="period_end")
    def period_label(self, obj: Issue) -> str:
        return f"{obj.period_start:%m-%d} 至 {obj.period_end:%m-%d}"

    @admin.display(description="本期数据")
    def figures_pretty(self, obj: Issue):
        if not obj.figures:
            return "—"
        return format_html("<pre style='white-space:pre-wrap'>{}</pre>",
                           json.dumps(obj.figures, ensure_ascii=False, indent=2))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in (Issue.PUBLISHED, Issue.IMPORTED):
            fields += ["year", "number", "total", "period_start", "period_end", "published_on", "status"]
        return fields


@admin.register(NumberingStart)
class NumberingStartAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "number", "total", "note", "created"]


class TemplateSectionInline(admin.TabularInline):
    model = TemplateSection
    extra = 0
    ordering = ["position"]


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "built_in"]
    inlines = [TemplateSectionInline]


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "period_start", "theme", "status", "position"]
    list_filter = ["status", "theme"]
    date_hierarchy = "period_start"
    raw_id_fields = ["submitted_by", "reviewed_by"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Corrections are made on the issue's page; here they are read only, as a record."""

    list_display = ["issue", "kind", "reason", "created_by", "created"]
    list_filter = ["kind"]
    readonly_fields = ["issue", "kind", "reason", "text", "document", "created_by", "created"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
