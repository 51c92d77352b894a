"""Offices of a department (科室/处室), who works in them, where a case is now, and the corrections
made to mistaken cases (an append-only audit trail)."""
from django.conf import settings
from django.db import models


class Office(models.Model):
    """A 科室/处室 of a department: the back office a case is transferred to."""

    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="offices",
                                   verbose_name="所属部门")
    code = models.SlugField("代码", max_length=32, help_text="部门内唯一，部门业务系统流转时使用")
    name = models.CharField("科室（处室）名称", max_length=60)
    order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("可用", default=True, help_text="停用后不能再流转至该科室，已有记录保留")

    class Meta:
        verbose_name = "科室（处室）"
        verbose_name_plural = "科室（处室）"
        ordering = ["department__display_order", "department_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "code"], name="office_code_per_department"),
            models.UniqueConstraint(fields=["department", "name"], name="office_name_per_department"),
        ]

    def __str__(self) -> str:
        return self.name


class OfficeMember(models.Model):
    """An approver (or department clerk) of the office's department works in exactly one office."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_membership",
                                verbose_name="人员")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="members", verbose_name="科室（处室）")
    lead = models.BooleanField("部门审批负责人", default=False, help_text="可在本部门内改派办件")

    class Meta:
        verbose_name = "科室人员"
        verbose_name_plural = "科室人员"
        ordering = ["office", "-lead", "user__username"]

    def __str__(self) -> str:
        return f"{self.user}（{self.office}）"


class CaseAssignment(models.Model):
    """Where a case is now: the office and approver it was transferred or reassigned to, or returned
    to the window (with the reason). Written only by ``routing.services`` with the lifecycle event."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="routing", verbose_name="办件")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="承办科室")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="承办人")
    returned_reason = models.TextField("退回理由", blank=True, help_text="非空：已退回窗口，待窗口处理")
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "办件承办"
        verbose_name_plural = "办件承办"
        indexes = [models.Index(fields=["office"], name="assignment_office_idx"),
                   models.Index(fields=["approver"], name="assignment_approver_idx")]


class CaseCorrection(models.Model):
    """One correction of a mistaken case by centre staff: append-only (never edited or deleted)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="corrections", verbose_name="办件")
    field = models.CharField("更正项目", max_length=32)
    label = models.CharField("项目名称", max_length=40)
    old = models.TextField("原值", blank=True)
    new = models.TextField("更正后", blank=True)
    reason = models.TextField("更正理由")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="更正人")
    at = models.DateTimeField("更正时间")
    effects = models.JSONField("随之调整", default=dict, blank=True,
                               help_text="同一事务中调整的办件事件和统计计数、重新计算的期限")

    class Meta:
        verbose_name = "办件更正记录"
        verbose_name_plural = "办件更正记录"
        ordering = ["case", "at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="correction_case_at_idx")]

    def __str__(self) -> str:
        return f"{self.label}：{self.old} → {self.new}"
