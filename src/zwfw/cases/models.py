"""Applicants, cases and the event log.

Every lifecycle step writes the case and appends one ``CaseEvent`` in the same
transaction; the weekly figures are counts of these events.
"""
from django.conf import settings
from django.db import models


class Applicant(models.Model):
    PERSON = "person"
    ORGANISATION = "organisation"
    KIND_CHOICES = [(PERSON, "自然人"), (ORGANISATION, "法人或其他组织")]

    kind = models.CharField("申请人类型", max_length=16, choices=KIND_CHOICES)
    name = models.CharField("名称/姓名", max_length=200)
    id_number = models.CharField(
        "证件号码", max_length=18, unique=True, help_text="自然人为居民身份证号码，组织为统一社会信用代码"
    )
    phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="applicant", verbose_name="登录账号",
    )

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"

    def __str__(self) -> str:
        return self.name


class CaseStatus(models.TextChoices):
    APPLIED = "applied", "已申请"
    CORRECTION = "correction", "待补正"
    ACCEPTED = "accepted", "已受理"
    REJECTED = "rejected", "不予受理"
    TRANSFERRED = "transferred", "已流转"
    REVIEWING = "reviewing", "审查中"
    SUSPENDED = "suspended", "已挂起"
    APPROVED = "approved", "准予许可"
    DENIED = "denied", "不予许可"
    ISSUED = "issued", "已颁发"
    COMPLETED = "completed", "已办结"


class Case(models.Model):
    number = models.CharField("办件编号", max_length=32, unique=True)
    item = models.ForeignKey("catalog.HandlingItem", on_delete=models.PROTECT, related_name="cases", verbose_name="办理项")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="cases", verbose_name="办理部门")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="cases", verbose_name="申请人")
    status = models.CharField("状态", max_length=16, choices=CaseStatus.choices, default=CaseStatus.APPLIED)
    applied_at = models.DateTimeField("申请时间")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    completed_at = models.DateTimeField("办结时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=0, help_text="乐观锁：每次办理动作加一")

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件"
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return self.number


class EventKind(models.TextChoices):
    CONSULTED = "consulted", "咨询"
    APPLIED = "applied", "申请"
    ACCEPTED = "accepted", "受理"
    REJECTED = "rejected", "不予受理"
    CORRECTION_REQUESTED = "correction_requested", "一次性告知补正"
    CORRECTED = "corrected", "补正"
    TRANSFERRED = "transferred", "流转"
    REVIEW_STARTED = "review_started", "审查"
    SUSPENDED = "suspended", "挂起"
    RESUMED = "resumed", "恢复"
    EXTENDED = "extended", "延长"
    APPROVED = "approved", "准予许可"
    DENIED = "denied", "不予许可"
    ISSUED = "issued", "颁发"
    COMPLETED = "completed", "办结"


class CaseEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="events", verbose_name="办件")
    kind = models.CharField("事件", max_length=32, choices=EventKind.choices)
    at = models.DateTimeField("发生时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="办理人"
    )
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    power_type = models.ForeignKey("catalog.PowerType", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="事项类型")
    at_comprehensive_window = models.BooleanField("综合窗口", default=False)
    automatic = models.BooleanField("无人工干预", default=False)
    note = models.TextField("说明", blank=True)
    data = models.JSONField("附加信息", default=dict, blank=True)

    class Meta:
        verbose_name = "办件事件"
        verbose_name_plural = "办件事件"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["at"]), models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
