"""The hall's admin, in Chinese: windows, duty, inspection points and rounds, visits,
commendations, campaigns and policy items. Recording through the pages or the API also
proposes assessment entries; the admin edits rows in place (corrections)."""
from django.contrib import admin

from .models import (
    Campaign, Commendation, DutyAssignment, Finding, HallClosure, InspectionPoint, InspectionRound, LeaderVisit,
    Measure, MeasureProgress, PolicyAdjustment, PolicyItem, Window,
)


class DutyInline(admin.TabularInline):
    model = DutyAssignment
    extra = 1


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "department", "active"]
    list_filter = ["active"]
    search_fields = ["number", "name", "department__name"]
    inlines = [DutyInline]


@admin.register(DutyAssignment)
class DutyAdmin(admin.ModelAdmin):
    list_display = ["window", "staff_name", "date_from", "date_to"]
    search_fields = ["staff_name", "window__name"]
    date_hierarchy = "date_from"


@admin.register(InspectionPoint)
class InspectionPointAdmin(admin.ModelAdmin):
    list_display = ["label", "order", "active_from", "active_to", "good_text"]
    list_editable = ["order"]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0


@admin.register(InspectionRound)
class InspectionRoundAdmin(admin.ModelAdmin):
    list_display = ["date", "inspector", "recorded_by"]
    date_hierarchy = "date"
    inlines = [FindingInline]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["round", "point", "window", "description"]
    list_filter = ["point", "window"]
    search_fields = ["description", "window__name"]


@admin.register(HallClosure)
class HallClosureAdmin(admin.ModelAdmin):
    list_display = ["start", "end", "note", "point"]


@admin.register(LeaderVisit)
class LeaderVisitAdmin(admin.ModelAdmin):
    list_display = ["date", "department", "title", "name"]
    list_filter = ["department"]
    date_hierarchy = "date"


@admin.register(Commendation)
class CommendationAdmin(admin.ModelAdmin):
    list_display = ["date", "window", "person", "honour", "awarding_body", "document"]
    date_hierarchy = "date"


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end", "order"]
    inlines = [MeasureInline]


@admin.register(MeasureProgress)
class MeasureProgressAdmin(admin.ModelAdmin):
    list_display = ["measure", "date", "value", "text"]
    date_hierarchy = "date"


class AdjustmentInline(admin.TabularInline):
    model = PolicyAdjustment
    extra = 0


@admin.register(PolicyItem)
class PolicyItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "department", "in_force"]
    list_filter = ["in_force", "department"]
    search_fields = ["code", "name"]
    inlines = [AdjustmentInline]


@admin.register(PolicyAdjustment)
class PolicyAdjustmentAdmin(admin.ModelAdmin):
    list_display = ["date", "item", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"
