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


class StreamRun(models.Model):
    """Progress of a streamed load (``zwfw demo --scale`` at provincial size): rerunning continues from here."""

    seed = models.IntegerField("随机种子")
    scale = models.FloatField("办件量比例")
    period_start = models.DateField("数据起始日期")
    period_end = models.DateField("数据截止日期")
    chunk = models.PositiveIntegerField("每批办件数")
    case_base = models.BigIntegerField("办件编号基数", help_text="本次生成的办件 id 从基数加一起连续编排")
    applicant_base = models.BigIntegerField("申请人编号基数")
    chunks_total = models.PositiveIntegerField("批次总数", default=0)
    chunks_done = models.PositiveIntegerField("已完成批次", default=0)
    cases = models.BigIntegerField("已写入办件", default=0)
    events = models.BigIntegerField("已写入事件", default=0)
    seconds = models.FloatField("耗时（秒）", default=0)
    finished = models.BooleanField("已完成", default=False)
    dropped_indexes = models.JSONField("暂缓的索引", default=list, blank=True,
                                       help_text="装入空表时先删除、结束时重建的索引定义（PostgreSQL）")
    started_at = models.DateTimeField("开始时间", auto_now_add=True)

    class Meta:
        verbose_name = "大批量生成进度"
        verbose_name_plural = "大批量生成进度"

    def __str__(self) -> str:
        return f"种子 {self.seed}，比例 {self.scale}：{self.chunks_done}/{self.chunks_total} 批"
