"""Admin for the official calendar: centre staff enter next year's notice here."""
from django.contrib import admin

from zwfw.accounts.roles import may_keep_calendar
from zwfw.workdays import services
from zwfw.workdays.models import CalendarYear, OfficialDay


class CentreStaffOnly:
    """Centre platform staff (and superusers) keep the calendar; others may look."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def _may_edit(self, request):
        return request.user.is_active and may_keep_calendar(request.user)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request)


class OfficialDayInline(CentreStaffOnly, admin.TabularInline):
    model = OfficialDay
    fields = ["date", "kind", "festival"]
    extra = 1
    ordering = ["date"]


@admin.register(CalendarYear)
class CalendarYearAdmin(CentreStaffOnly, admin.ModelAdmin):
    list_display = ["year", "notice", "source", "complete", "holiday_count", "makeup_count", "updated_at"]
    list_filter = ["source", "complete"]
    fields = ["year", "notice", "source", "complete"]
    inlines = [OfficialDayInline]

    @admin.display(description="节假日天数")
    def holiday_count(self, obj):
        return obj.days.filter(kind="holiday").count()

    @admin.display(description="调休上班天数")
    def makeup_count(self, obj):
        return obj.days.filter(kind="makeup_workday").count()

    def save_model(self, request, obj, form, change):
        if change and form.has_changed() and "source" not in form.changed_data:
            obj.source = CalendarYear.SOURCE_MANUAL
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        edited = any(fs.has_changed() for fs in formsets)
        if edited and form.instance.source != CalendarYear.SOURCE_MANUAL:
            CalendarYear.objects.filter(pk=form.instance.pk).update(source=CalendarYear.SOURCE_MANUAL)
        if edited or form.has_changed():
            services.calendar_edited([form.instance.year])

    def delete_model(self, request, obj):
        year = obj.year
        super().delete_model(request, obj)
        services.calendar_edited([year])
