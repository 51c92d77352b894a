"""Issues of the weekly briefing and where numbering starts.

An issue is imported from an old document, or composed as a draft and then
published. Its figures are kept as the importer's JSON object (the same shape
``zwfw briefing import --json`` prints); a published issue also keeps its frozen
document (Briefing.to_dict) so re-rendering it gives the same pages.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q


class Issue(models.Model):
    class Status(models.TextChoices):
        IMPORTED = "imported", "已导入（历史期）"
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    # Plain names for the same values, for code that compares with Issue.DRAFT.
    IMPORTED, DRAFT, PUBLISHED = Status.IMPORTED, Status.DRAFT, Status.PUBLISHED

    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("年度期号", null=True, blank=True,
                                         help_text="“2023 年第 3 期”中的 3；停刊周和未编号的草稿为空")
    total = models.PositiveIntegerField("总期号", null=True, blank=True, help_text="“总第 423 期”中的 423")
    period_start = models.DateField("本期起始日")
    period_end = models.DateField("本期截止日")
    published_on = models.DateField("印发日期", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    skipped = models.BooleanField("本周停刊", default=False,
                                  help_text="春节、国庆等不出刊的周：不占用期号")
    source_file = models.CharField("来源文件", max_length=255, blank=True)
    figures = models.JSONField("本期数据", default=dict, blank=True)
    document = models.JSONField("定稿内容", null=True, blank=True, help_text="发布时冻结的周报内容；导入的历史期为从原文还原的内容")
    template = models.ForeignKey("Template", on_delete=models.PROTECT, null=True, blank=True, verbose_name="版式")
    edits = models.JSONField("编辑修改", default=dict, blank=True, help_text="段落编号 → 编辑后的文字")
    generated = models.JSONField("生成原文", default=dict, blank=True, help_text="发布时各段落的系统生成文字")
    report_to = models.CharField("报", max_length=200, default="中心领导。")
    send_to = models.CharField("送", max_length=300, default="各相关省级部门（单位），中心各处（室）、直属单位。")
    issue_to = models.CharField("发", max_length=200, default="各部门窗口。")
    print_run = models.PositiveIntegerField("印数", null=True, blank=True, default=80)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "周报期次"
        verbose_name_plural = "周报期次"
        ordering = ["-period_end", "-total"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], condition=Q(number__isnull=False),
                                    name="briefing_issue_unique_year_number"),
            models.UniqueConstraint(fields=["total"], condition=Q(total__isnull=False),
                                    name="briefing_issue_unique_total"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="briefing_issue_period_in_order"),
            models.CheckConstraint(condition=Q(skipped=False) | Q(number__isnull=True, total__isnull=True),
                                   name="briefing_issue_skipped_has_no_number"),
        ]

    def __str__(self) -> str:
        if self.skipped:
            return f"{self.period_start:%Y-%m-%d} 至 {self.period_end:%Y-%m-%d}（停刊）"
        number = self.number if self.number is not None else "  "
        total = self.total if self.total is not None else "  "
        return f"{self.year} 年第 {number} 期（总第 {total} 期）"


class NumberingStart(models.Model):
    """Where the centre adopts the system: the next issue of ``year`` takes ``number`` and ``total``.

    Numbering continues from whichever is later: the highest stored issue or this start.
    """

    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("起始年度期号", default=1)
    total = models.PositiveIntegerField("起始总期号")
    note = models.CharField("说明", max_length=200, blank=True)
    created = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "期号起点"
        verbose_name_plural = "期号起点"
        ordering = ["-total"]

    def __str__(self) -> str:
        return f"自 {self.year} 年第 {self.number} 期（总第 {self.total} 期）起"


class Template(models.Model):
    """A layout: an ordered list of sections, editable by centre staff."""

    code = models.CharField("编码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100)
    built_in = models.BooleanField("内置", default=False)
    issue_line_first = models.BooleanField("期号在报头之上", default=False,
                                           help_text="2023 年起的版式先印期号行，再印红色报头")
    section_title = models.CharField("栏目名称", max_length=50, blank=True, default="政务服务工作",
                                     help_text="印在红线下方，如“政务服务工作”；留空则不印")
    report_to = models.CharField("默认“报”", max_length=200, blank=True, default="中心领导。")
    send_to = models.CharField("默认“送”", max_length=300, blank=True,
                               default="各相关省级部门（单位），中心各处（室）、直属单位。")
    issue_to = models.CharField("默认“发”", max_length=200, blank=True, default="各部门窗口。")
    print_run = models.PositiveIntegerField("默认印数", null=True, blank=True, default=80)

    class Meta:
        verbose_name = "周报版式"
        verbose_name_plural = "周报版式"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class TemplateSection(models.Model):
    KIND_CHOICES = [
        ("heading", "标题"), ("provincial_statistics", "省级政务服务事项受理办理情况"),
        ("comprehensive_window", "综窗办件情况"), ("catalog_change", "事项库调整情况"),
        ("campaign_progress", "专项行动进展"), ("window_news", "窗口工作动态"), ("leader_visits", "厅（局）长进大厅"),
        ("commendations", "窗口受到表扬情况"), ("hall_inspection", "大厅巡查情况"), ("policy_news", "政策资讯"),
        ("free_text", "自由文本"), ("chart", "图表"), ("attachment_table", "附件：上月窗口考核结果"),
        ("distribution", "报送发及印数"),
    ]
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="sections", verbose_name="版式")
    position = models.PositiveIntegerField("顺序")
    kind = models.CharField("版块类型", max_length=32, choices=KIND_CHOICES)
    heading = models.CharField("标题", max_length=100, blank=True, help_text="不含序号，序号按级别自动编排")
    level = models.PositiveSmallIntegerField("标题级别", default=1, choices=[(1, "一、"), (2, "（一）"), (3, "（1）")])
    options = models.JSONField("选项", default=dict, blank=True)

    class Meta:
        verbose_name = "版块"
        verbose_name_plural = "版块"
        ordering = ["template", "position"]

    def __str__(self) -> str:
        return self.heading or self.get_kind_display()


class NewsItem(models.Model):
    """A window's news item for one week, under a theme."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    STATUS_CHOICES = [(SUBMITTED, "待审核"), (ACCEPTED, "已采用"), (RETURNED, "已退回")]

    period_start = models.DateField("所属周（周一）")
    period_end = models.DateField("所属周（周五）")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="+", verbose_name="报送窗口")
    theme = models.CharField("主题", max_length=100)
    text = models.TextField("内容")
    original_text = models.TextField("报送原文")
    status = models.CharField("状态", max_length=16, choices=STATUS_CHOICES, default=SUBMITTED)
    position = models.PositiveIntegerField("序号", default=0)
    return_reason = models.CharField("退回理由", max_length=300, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="报送人")
    submitted_at = models.DateTimeField("报送时间")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="审核人")

    class Meta:
        verbose_name = "窗口动态"
        verbose_name_plural = "窗口动态"
        ordering = ["period_start", "theme", "position", "id"]

    def __str__(self) -> str:
        return f"{self.department} · {self.theme}"


class Correction(models.Model):
    """A correction of a published issue: an erratum (更正) printed on its own, or a re-issue
    (重新印发) of the corrected text. The published issue stays frozen as it was; this records who
    corrected it, when and why."""

    class Kind(models.TextChoices):
        ERRATUM = "erratum", "更正"
        REISSUE = "reissue", "重新印发"

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="corrections", verbose_name="原期次")
    kind = models.CharField("方式", max_length=16, choices=Kind.choices)
    reason = models.CharField("更正原因", max_length=300)
    text = models.TextField("更正内容", blank=True, help_text="更正：错在何处、应为何；重新印发：可空")
    document = models.JSONField("重新印发的内容", null=True, blank=True, help_text="重新印发时冻结的周报内容")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="更正人")
    created = models.DateTimeField("更正时间", auto_now_add=True)

    class Meta:
        verbose_name = "周报更正"
        verbose_name_plural = "周报更正"
        ordering = ["issue", "created", "id"]

    def __str__(self) -> str:
        return f"{self.issue} {self.get_kind_display()}"
