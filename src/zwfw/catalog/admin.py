"""The catalogue's admin, in Chinese: the centre's platform staff keep the catalogue here.

The admin edits rows in place (corrections); a dated change that must keep history goes
through ``services`` (change_matter / change_item) or the Excel import.
"""
from django.contrib import admin, messages
from django.utils import timezone

from . import queries
from .guides import guide_anomalies
from .models import (
    Bundle, BundleMember, Delegation, Department, GuideFee, GuideMaterial, HandlingItem, Matter, PowerType, Region, ServiceGuide,
)


class InForceFilter(admin.SimpleListFilter):
    title = "是否现行有效"
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", "现行有效"), ("no", "已失效或未生效")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.in_force(today)
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.in_force(today).values("pk"))
        return queryset


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "display_order", "in_hall"]
    list_editable = ["display_order"]
    list_filter = ["in_hall"]
    search_fields = ["name", "short_name", "code"]


@admin.register(PowerType)
class PowerTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "in_use"]
    list_filter = ["category", "in_use"]
    list_editable = ["in_use"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "full_name", "kind", "display_order"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "full_name"]


class HandlingItemInline(admin.TabularInline):
    model = HandlingItem
    extra = 0
    fields = ["code", "name", "statutory_days", "promised_days", "fully_online", "at_most_one_visit",
              "on_the_spot", "at_comprehensive_window", "valid_from", "valid_to"]
    show_change_link = True


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "department", "power_type", "valid_from", "valid_to"]
    list_filter = [InForceFilter, "department", "power_type"]
    search_fields = ["code", "name"]
    date_hierarchy = "valid_from"
    inlines = [HandlingItemInline]
    list_select_related = ["department", "power_type"]


class ServiceGuideInline(admin.StackedInline):
    model = ServiceGuide
    extra = 0
    show_change_link = True


def _anomaly_text(item) -> str:
    return "；".join(queries.item_anomalies(item)) or "—"


class AnomalyFilter(admin.SimpleListFilter):
    title = "办事指南异常"
    parameter_name = "anomaly"

    def lookups(self, request, model_admin):
        return [("yes", "有异常"), ("no", "无异常")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        item_of = (lambda row: row.item) if queryset.model is ServiceGuide else (lambda row: row)
        bad = [row.pk for row in queryset if queries.item_anomalies(item_of(row))]
        return queryset.filter(pk__in=bad) if self.value() == "yes" else queryset.exclude(pk__in=bad)


@admin.action(description="检查所选办理项的办事指南")
def check_anomalies(modeladmin, request, queryset):
    item_of = (lambda row: row.item) if queryset.model is ServiceGuide else (lambda row: row)
    bad = 0
    for row in queryset:
        found = queries.item_anomalies(item_of(row))
        if found:
            bad += 1
            modeladmin.message_user(request, f"{item_of(row)}：{'；'.join(found)}", messages.WARNING)
    modeladmin.message_user(request, f"共检查 {queryset.count()} 项，{bad} 项办事指南异常",
                            messages.WARNING if bad else messages.SUCCESS)


@admin.register(HandlingItem)
class HandlingItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "matter", "department_name", "statutory_days", "promised_days",
                    "fully_online", "at_comprehensive_window", "valid_from", "valid_to", "anomalies"]
    list_filter = [InForceFilter, AnomalyFilter, "matter__department", "matter__power_type", "fully_online",
                   "at_comprehensive_window", "manual_written"]
    search_fields = ["code", "name", "matter__name", "matter__code"]
    list_select_related = ["matter", "matter__department"]
    autocomplete_fields = ["matter"]
    inlines = [ServiceGuideInline]
    actions = [check_anomalies]

    @admin.display(description="部门", ordering="matter__department__display_order")
    def department_name(self, obj):
        return obj.matter.department.short_name or obj.matter.department.name

    @admin.display(description="办事指南异常")
    def anomalies(self, obj):
        return _anomaly_text(obj)


class GuideMaterialInline(admin.TabularInline):
    model = GuideMaterial
    extra = 1
    fields = ["position", "name", "copies", "form", "required", "licence_kind", "deferrable", "promise_allowed"]


class GuideFeeInline(admin.TabularInline):
    model = GuideFee
    extra = 0
    fields = ["position", "name", "rule", "amount", "unit", "default_quantity", "legal_basis"]


@admin.register(ServiceGuide)
class ServiceGuideAdmin(admin.ModelAdmin):
    list_display = ["item", "department_name", "fees", "material_count", "anomalies"]
    list_filter = [AnomalyFilter, "item__matter__department", "item__matter__power_type"]
    search_fields = ["item__name", "item__code", "item__matter__name"]
    list_select_related = ["item", "item__matter", "item__matter__department"]
    autocomplete_fields = ["item"]
    inlines = [GuideMaterialInline, GuideFeeInline]
    actions = [check_anomalies]

    @admin.display(description="部门")
    def department_name(self, obj):
        return obj.item.matter.department.short_name or obj.item.matter.department.name

    @admin.display(description="材料数")
    def material_count(self, obj):
        return obj.materials.count()

    @admin.display(description="办事指南异常")
    def anomalies(self, obj):
        return "；".join(guide_anomalies(queries.guide_values(obj.item))) or "—"


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "delegate", "region_names", "valid_from", "valid_to", "document"]
    list_filter = ["kind", "matter__department", "regions"]
    search_fields = ["matter__name", "item__name", "delegate", "document"]
    filter_horizontal = ["regions"]
    autocomplete_fields = ["matter", "item"]

    @admin.display(description="受委托市（州）")
    def region_names(self, obj):
        return "、".join(r.name for r in obj.regions.all())


class BundleMemberInline(admin.TabularInline):
    model = BundleMember
    extra = 1
    autocomplete_fields = ["item"]


@admin.register(Bundle)
class BundleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "lead_department", "member_count", "valid_from", "valid_to"]
    list_filter = [InForceFilter, "lead_department"]
    search_fields = ["code", "name"]
    inlines = [BundleMemberInline]

    @admin.display(description="办理项数")
    def member_count(self, obj):
        return obj.members.count()
