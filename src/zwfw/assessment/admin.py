"""The assessment's admin, in Chinese: rule versions and rules, source mappings, entries.

Entries are entered and decided through the pages (services); the admin is for centre staff
correcting rows, and department users never reach it."""
from django.contrib import admin

from .models import Entry, Rule, RuleSet, SourceMapping


class RuleInline(admin.TabularInline):
    model = Rule
    extra = 1


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "effective_from", "base_score"]
    inlines = [RuleInline]


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["code", "description", "kind", "points", "monthly_cap", "ruleset"]
    list_filter = ["ruleset", "kind"]
    search_fields = ["code", "description"]


@admin.register(SourceMapping)
class SourceMappingAdmin(admin.ModelAdmin):
    list_display = ["source_kind", "rule_code", "active"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["month", "department", "rule", "points", "date", "status", "source_kind", "entered_by"]
    list_filter = ["status", "source_kind", "month"]
    search_fields = ["department__name", "evidence", "source_ref"]
    raw_id_fields = ["department", "rule"]
