"""Monthly window assessment (窗口考核): versioned rules, entries, and mappings from
automatic sources (inspection findings, overdue cases, 差评, commendations) to rules.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q


class RuleSet(models.Model):
    """A version of the assessment rules (考核实施细则), in force from a date until the next version."""

    version = models.CharField("版本", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100, default="省政务服务大厅窗口考核实施细则")
    effective_from = models.DateField("施行日期", unique=True)
    base_score = models.DecimalField("基础分", max_digits=6, decimal_places=2, default=100)
    TIE_ORDERS = [("display_order", "按部门排序（进驻顺序）"), ("fewer_deductions", "减分少者在前，再按部门排序"),
                  ("more_additions", "加分多者在前，再按部门排序")]
    tie_order = models.CharField("同分排列", max_length=20, choices=TIE_ORDERS, default="display_order",
                                 help_text="实得分相同、名次并列时，表中的先后顺序")

    class Meta:
        verbose_name = "考核细则版本"
        verbose_name_plural = "考核细则版本"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"


class Rule(models.Model):
    DEDUCTION = "deduction"
    ADDITION = "addition"
    KIND_CHOICES = [(DEDUCTION, "减分"), (ADDITION, "加分")]

    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules", verbose_name="细则版本")
    code = models.CharField("条款编号", max_length=16)
    description = models.CharField("条款内容", max_length=300)
    kind = models.CharField("类别", max_length=16, choices=KIND_CHOICES)
    points = models.DecimalField("每次分值", max_digits=6, decimal_places=2, help_text="填正数")
    monthly_cap = models.DecimalField("每月上限", max_digits=6, decimal_places=2, null=True, blank=True,
                                      help_text="该条款每月累计减（加）分的上限；留空表示不设上限")

    class Meta:
        verbose_name = "考核条款"
        verbose_name_plural = "考核条款"
        ordering = ["ruleset", "code"]
        constraints = [models.UniqueConstraint(fields=["ruleset", "code"], name="assessment_rule_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class SourceKind(models.TextChoices):
    INSPECTION_FINDING = "inspection_finding", "大厅巡查发现问题"
    OVERDUE_CASE = "overdue_case", "办件超期"
    BAD_RATING = "bad_rating", "差评"
    COMMENDATION = "commendation", "窗口受到表扬"
    MANUAL = "manual", "人工录入"


class SourceMapping(models.Model):
    """Which rule (by code, in the rule set in force) an automatic source proposes."""

    source_kind = models.CharField("来源", max_length=32, choices=SourceKind.choices)
    detail = models.CharField("问题类别", max_length=50, blank=True,
                              help_text="如巡查要点“按时到岗”、表扬形式“感谢信”；留空为该来源其余情形")
    rule_code = models.CharField("对应条款编号", max_length=16)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "自动考核来源对应"
        verbose_name_plural = "自动考核来源对应"
        constraints = [models.UniqueConstraint(fields=["source_kind", "detail"], name="sourcemapping_kind_detail")]

    def __str__(self) -> str:
        detail = f"（{self.detail}）" if self.detail else ""
        return f"{self.get_source_kind_display()}{detail} → {self.rule_code}"


class Entry(models.Model):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    STATUS_CHOICES = [(PROPOSED, "待确认"), (CONFIRMED, "已确认"), (REJECTED, "已驳回")]

    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="assessment_entries",
                                   verbose_name="部门窗口")
    month = models.DateField("考核月份", help_text="该月 1 日")
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="entries", verbose_name="考核条款")
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    date = models.DateField("发生日期")
    evidence = models.TextField("依据")
    status = models.CharField("状态", max_length=16, choices=STATUS_CHOICES, default=PROPOSED)
    source_kind = models.CharField("来源", max_length=32, choices=SourceKind.choices, default=SourceKind.MANUAL)
    source_ref = models.CharField("来源记录", max_length=64, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="录入人")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="确认人")
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)
    reject_reason = models.CharField("驳回理由", max_length=200, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "考核记录"
        verbose_name_plural = "考核记录"
        ordering = ["month", "department__display_order", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source_ref"], condition=~Q(source_ref=""), name="assessment_entry_source"),
            models.CheckConstraint(condition=Q(points__gte=0), name="assessment_entry_points_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.month:%Y-%m} {self.rule.code} {self.points}"

    @property
    def is_deduction(self) -> bool:
        return self.rule.kind == Rule.DEDUCTION
