"""The outbox of notices to applicants and the record of every delivery attempt.

A step of a case queues its notices (one row per channel: SMS and the portal inbox) in the step's
own transaction; the background worker claims due rows, sends them through the gateway and writes
a ``DeliveryAttempt`` for every try. A row's ``status`` moves queued → sending → sent, or back to
queued with ``next_try_at`` later (retry with backoff), or to failed / skipped.
"""
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Channel(models.TextChoices):
    SMS = "sms", "短信"
    PORTAL = "portal", "门户消息"


class Status(models.TextChoices):
    QUEUED = "queued", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"
    SKIPPED = "skipped", "未发送"


class Kind(models.TextChoices):
    RECEIVED = "received", "收件"
    CORRECTION = "correction", "补正告知"
    ACCEPTED = "accepted", "受理"
    REJECTED = "rejected", "不予受理"
    SUSPENDED = "suspended", "特别程序"
    EXTENDED = "extended", "延长办理期限"
    APPROVED = "approved", "准予许可"
    DENIED = "denied", "不予许可"
    ISSUED = "issued", "颁发"
    DELIVERED = "delivered", "办结送达"
    LICENCE_EXPIRING = "licence_expiring", "证照到期提醒"


class Notice(models.Model):
    applicant = models.ForeignKey("cases.Applicant", on_delete=models.CASCADE, related_name="notices",
                                  verbose_name="申请人")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="notices",
                             verbose_name="办件")
    # No database constraint: on PostgreSQL the events table is partitioned and its key includes the time.
    event = models.ForeignKey("cases.CaseEvent", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                              db_constraint=False,
                              verbose_name="办件事件")
    licence = models.ForeignKey("licences.Licence", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="notices", verbose_name="电子证照")
    kind = models.CharField("通知类型", max_length=24, choices=Kind.choices)
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    text = models.TextField("内容")
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    next_try_at = models.DateTimeField("下次发送时间", default=timezone.now)
    last_error = models.TextField("最近一次失败原因", blank=True)
    claimed_by = models.CharField("发送进程", max_length=64, blank=True)
    claimed_until = models.DateTimeField("占用至", null=True, blank=True,
                                         help_text="发送进程中断时，过期后由其他进程接手（以同一消息编号发送，网关据此去重）")
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "办事通知"
        verbose_name_plural = "办事通知"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_try_at"], name="notice_due_idx"),
            models.Index(fields=["applicant", "channel", "created_at"], name="notice_inbox_idx"),
        ]
        constraints = [
            # A licence is reminded of once (per channel), however often the daily job runs.
            models.UniqueConstraint(fields=["licence", "kind", "channel"], condition=Q(licence__isnull=False),
                                    name="notice_licence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_channel_display()}）"

    @property
    def reference(self) -> str:
        """The id the gateway gets with the message: a provider that deduplicates by it never sends twice."""
        return f"zwfw-notice-{self.pk}"


class DeliveryAttempt(models.Model):
    """One try to deliver a notice: when, through which gateway, to whom (masked), and what came back."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attempts_made", verbose_name="通知")
    number = models.PositiveSmallIntegerField("第几次")
    at = models.DateTimeField("时间")
    gateway = models.CharField("发送网关", max_length=200)
    recipient = models.CharField("接收方（已脱敏）", max_length=40, blank=True)
    ok = models.BooleanField("成功", default=False)
    reference = models.CharField("网关回执号", max_length=100, blank=True)
    error = models.TextField("失败原因", blank=True)
    worker = models.CharField("发送进程", max_length=64, blank=True)

    class Meta:
        verbose_name = "通知发送记录"
        verbose_name_plural = "通知发送记录"
        ordering = ["notice", "number"]
        constraints = [models.UniqueConstraint(fields=["notice", "number"], name="delivery_attempt_once")]
