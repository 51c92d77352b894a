"""Daily counters (日统计): the figures the weekly briefing reads.

One row per (day, department, power type, kind, comprehensive window, source).
Platform rows (``source = "platform"``) are maintained by ``services.record`` in
the same transaction as the case event and can be rebuilt from the event log;
rows from other sources are daily figures imported from systems elsewhere on
the integrated platform. The briefing sums all sources.

``type_key`` is ``power_type_id`` or 0 when the event has no power type
(consultations): NULL would make the unique key useless on PostgreSQL and
SQLite alike, so the key column is never NULL.
"""
from django.db import models

PLATFORM = "platform"


class CountedKind(models.TextChoices):
    CONSULTED = "consulted", "咨询"
    ACCEPTED = "accepted", "受理"
    COMPLETED = "completed", "办结"
    ISSUED = "issued", "颁发"
    TRANSFERRED = "transferred", "流转"
    REJECTED = "rejected", "不予受理"
    WITHDRAWN = "withdrawn", "撤回"
    TERMINATED = "terminated", "终止"


#: 咨询 is counted in 人次, every other kind in 件次.
UNITS = {CountedKind.CONSULTED: "人次"}


class DailyCount(models.Model):
    day = models.DateField("日期", help_text="北京时间（Asia/Shanghai）的日期")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    power_type = models.ForeignKey(
        "catalog.PowerType", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="事项类型"
    )
    type_key = models.PositiveIntegerField("事项类型键", default=0, help_text="事项类型编号，无类型时为 0（唯一键用）")
    kind = models.CharField("指标", max_length=16, choices=CountedKind.choices)
    comprehensive = models.BooleanField("综合窗口", default=False)
    source = models.CharField("数据来源", max_length=64, default=PLATFORM, help_text="platform 为本平台事件日志，其余为外部系统名称")
    count = models.PositiveBigIntegerField("数量", default=0)

    class Meta:
        verbose_name = "日统计"
        verbose_name_plural = "日统计"
        ordering = ["day", "department_id", "type_key", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "type_key", "kind", "comprehensive", "source"], name="dailycount_key"
            ),
        ]
        indexes = [models.Index(fields=["kind", "day"], name="dailycount_kind_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.count}"
