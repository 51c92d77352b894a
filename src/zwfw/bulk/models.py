"""The event ids departments' systems pushed: an id already applied is a duplicate, in any later batch."""
from django.db import models


class PushedEvent(models.Model):
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    event_id = models.CharField("事件编号", max_length=64, help_text="部门业务系统中的事件编号，同一部门内唯一")
    # the CaseEvent's id, not a foreign key: the events table may be partitioned (its key then includes the time)
    case_event_id = models.BigIntegerField("办件事件编号", null=True)
    received_at = models.DateTimeField("接收时间")

    class Meta:
        verbose_name = "已接收的推送事件"
        verbose_name_plural = "已接收的推送事件"
        constraints = [models.UniqueConstraint(fields=["department", "event_id"], name="pushed_event_once")]

    def __str__(self) -> str:
        return self.event_id
