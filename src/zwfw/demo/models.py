"""What the demo generator has loaded, so that a second ``zwfw demo`` neither duplicates nor fails."""
from django.db import models


class DemoRun(models.Model):
    """One generation of the demo hall's activity (a year of cases, the hall, the assessment)."""

    seed = models.IntegerField("随机种子")
    scale = models.FloatField("办件量比例")
    period_start = models.DateField("数据起始日期")
    period_end = models.DateField("数据截止日期")
    generated_at = models.DateTimeField("生成时间", auto_now_add=True)
    seconds = models.FloatField("耗时（秒）", default=0)
    summary = models.JSONField("生成情况", default=dict, blank=True)

    class Meta:
        verbose_name = "演示数据生成记录"
        verbose_name_plural = "演示数据生成记录"
        ordering = ["-generated_at"]

    def __str__(self) -> str:
        return f"种子 {self.seed}，比例 {self.scale}（{self.period_start}—{self.period_end}）"
