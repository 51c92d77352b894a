"""好差评 ratings, rectifications of bad ratings with their callback, 12345 hotline tickets."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class Level(models.IntegerChoices):
    """The five levels of 好差评; the first three count as satisfied."""

    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    BASICALLY_SATISFIED = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


SATISFIED_LEVELS = (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASICALLY_SATISFIED)
BAD_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)


class Rating(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="rating", verbose_name="办件")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="ratings",
                                   verbose_name="被评价窗口")
    applicant = models.ForeignKey("cases.Applicant", on_delete=models.PROTECT, related_name="ratings",
                                  verbose_name="评价人")
    level = models.PositiveSmallIntegerField("评价等级", choices=Level.choices)
    comment = models.TextField("评价内容", blank=True)
    rated_at = models.DateTimeField("评价时间")
    defaulted = models.BooleanField("逾期未评价默认满意", default=False)

    class Meta:
        verbose_name = "好差评"
        verbose_name_plural = "好差评"
        ordering = ["-rated_at", "-id"]
        # The hall-wide rate of a period (leader's dashboard, briefing) is a range on rated_at alone; with
        # the level in the index it is counted from the index only.
        indexes = [models.Index(fields=["department", "rated_at"]),
                   models.Index(fields=["rated_at", "level"], name="rating_rated_at_level_idx")]

    def __str__(self) -> str:
        return f"{self.case.number}：{self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level in BAD_LEVELS


class Rectification(models.Model):
    """差评整改: a bad rating is first verified (核实) by the department within a working day; a verified one
    is rectified within 15 working days and closed with a callback (回访) giving the rater's view of the fix;
    one found not to hold (不属实) is closed without a deduction."""

    VERIFYING, OPEN, CLOSED, NOT_UPHELD = "verifying", "open", "closed", "not_upheld"
    STATUS_CHOICES = [(VERIFYING, "待核实"), (OPEN, "整改中"), (CLOSED, "已办结"), (NOT_UPHELD, "核实不属实")]

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="rectification",
                                  verbose_name="差评")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="rectifications",
                                   verbose_name="整改窗口")
    opened_on = models.DateField("交办日期")
    verify_due_on = models.DateField("核实期限", null=True, blank=True)
    verified_on = models.DateField("核实日期", null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="核实人")
    verification = models.TextField("核实情况", blank=True)
    due_on = models.DateField("整改期限", null=True, blank=True, help_text="核实属实后起算")
    status = models.CharField("状态", max_length=12, choices=STATUS_CHOICES, default=VERIFYING)
    measures = models.TextField("整改措施", blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="办结人")
    callback_on = models.DateField("回访日期", null=True, blank=True)
    callback_result = models.TextField("回访情况", blank=True)
    callback_level = models.PositiveSmallIntegerField("回访满意度", choices=Level.choices, null=True, blank=True)

    class Meta:
        verbose_name = "差评整改"
        verbose_name_plural = "差评整改"
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.department}：{self.rating.case.number}"


class HotlineTicket(models.Model):
    """12345 热线工单 about a window."""

    number = models.CharField("工单编号", max_length=32, unique=True)
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="hotline_tickets",
                                   verbose_name="涉及窗口")
    received_at = models.DateTimeField("受理时间")
    content = models.TextField("诉求内容")
    answer = models.TextField("答复内容", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="答复人")
    level = models.PositiveSmallIntegerField("群众评价", choices=Level.choices, null=True, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)

    class Meta:
        verbose_name = "12345 工单"
        verbose_name_plural = "12345 工单"
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["department", "rated_at"]),
                   models.Index(fields=["rated_at", "level"], name="ticket_rated_at_level_idx")]

    def __str__(self) -> str:
        return self.number
