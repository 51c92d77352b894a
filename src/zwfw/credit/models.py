"""The abnormal list (异常名录). Listings are never deleted: lifting one early
records who, when and why, so the history stays."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from zwfw.cn import chinese_date


class Listing(models.Model):
    applicant = models.ForeignKey("cases.Applicant", on_delete=models.PROTECT, related_name="listings",
                                  verbose_name="申请人")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="listings",
                                   verbose_name="列入部门")
    whole_department = models.BooleanField("该部门全部事项", default=False)
    matters = models.ManyToManyField("catalog.Matter", blank=True, related_name="listings", verbose_name="限制事项",
                                     help_text="按事项编码匹配，事项调整版本后仍然适用")
    reason = models.CharField("列入原因", max_length=200, help_text="如：提供虚假材料")
    document = models.CharField("文号", max_length=100, blank=True, help_text="如：川自然资〔2022〕12 号")
    start_date = models.DateField("起始日期")
    end_date = models.DateField("截止日期", help_text="含当日；此日前不予受理")
    listed_at = models.DateTimeField("列入时间", default=timezone.now)
    listed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="列入人", null=True, blank=True)
    lifted_at = models.DateTimeField("提前移出时间", null=True, blank=True)
    lifted_reason = models.TextField("提前移出原因", blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="移出人", null=True, blank=True)

    class Meta:
        verbose_name = "异常名录"
        verbose_name_plural = "异常名录"
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["applicant", "end_date"])]
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                              name="listing_end_after_start")]

    def __str__(self) -> str:
        return f"{self.applicant.name}（{self.reason}）"

    def in_force_on(self, on: dt.date) -> bool:
        if self.lifted_at is not None and timezone.localdate(self.lifted_at) <= on:
            return False
        return self.start_date <= on <= self.end_date

    def status_label(self, on: dt.date | None = None) -> str:
        on = on or timezone.localdate()
        if self.lifted_at is not None and timezone.localdate(self.lifted_at) <= on:
            return "已提前移出"
        if on < self.start_date:
            return "未生效"
        return "限制中" if on <= self.end_date else "已到期"

    def scope_text(self) -> str:
        if self.whole_department:
            return f"{self.department.short_name or self.department.name}全部事项"
        return "、".join(f"“{m.name}”" for m in self.matters.all()) or "（未指定事项）"

    def refusal_message(self) -> str:
        """What the acceptance step shows when it refuses a listed applicant."""
        reason = self.reason.strip().removeprefix("因")
        document = f"（{self.document.strip()}）" if self.document.strip() else ""
        return (f"申请人“{self.applicant.name}”因{reason}被列入异常名录{document}，"
                f"{chinese_date(self.end_date)}前不予受理该事项申请。")
