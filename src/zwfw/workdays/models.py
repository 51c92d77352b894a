"""The official calendar: one row per year's State Council notice, one per official day.

Only days that differ from the plain Monday–Friday week are stored: public
holidays (法定节假日, including the weekend days inside a holiday) and make-up
working days (调休上班日).
"""
from django.db import models

from zwfw.workdays.calendar import FESTIVALS, HOLIDAY, MAKEUP_WORKDAY


class CalendarYear(models.Model):
    SOURCE_PACKAGE = "chinese-calendar"
    SOURCE_MANUAL = "manual"
    SOURCE_CHOICES = [(SOURCE_PACKAGE, "chinese-calendar 软件包"), (SOURCE_MANUAL, "人工录入")]

    year = models.PositiveIntegerField("年份", unique=True)
    notice = models.CharField(
        "放假安排通知", max_length=200, blank=True,
        help_text="国务院办公厅通知的标题及文号，如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    source = models.CharField("数据来源", max_length=32, choices=SOURCE_CHOICES, default=SOURCE_MANUAL)
    complete = models.BooleanField(
        "已录入完整", default=False,
        help_text="全部节假日和调休上班日录入并核对后勾选；未勾选的年份不参与工作日计算。",
    )
    revision = models.PositiveIntegerField("修订次数", default=0, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度工作日历"
        verbose_name_plural = "年度工作日历"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 年"


class OfficialDay(models.Model):
    KIND_CHOICES = [(HOLIDAY, "法定节假日"), (MAKEUP_WORKDAY, "调休上班日")]

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=KIND_CHOICES)
    festival = models.CharField("节日", max_length=16, choices=[(f, f) for f in FESTIVALS])
    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name="年份")

    class Meta:
        verbose_name = "放假调休日"
        verbose_name_plural = "放假调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.festival}{self.get_kind_display()}"

    def clean(self):
        from django.core.exceptions import ObjectDoesNotExist, ValidationError

        from zwfw.errors import DomainError
        from zwfw.workdays.calendar import check_official_day

        try:
            year = self.year.year  # set on unsaved inline rows too
        except ObjectDoesNotExist:
            year = None
        if self.date and self.kind:
            try:
                check_official_day(self.date, self.kind, year)
            except DomainError as e:
                raise ValidationError({e.field or "date": e.message}) from None
