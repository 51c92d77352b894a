"""The hall (大厅管理): windows and staff on duty, inspections, leader visits,
commendations, campaigns with their measures, and business-friendly policy items.

Inspection points, campaigns and measures are data: they change over the years.
"""
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "gif"]


class ActiveQuerySet(models.QuerySet):
    def active_between(self, start, end):
        """Rows active on at least one day of [start, end]."""
        return self.filter(Q(active_from__lte=end), Q(active_to__isnull=True) | Q(active_to__gte=start))


class Window(models.Model):
    """A window (窗口) in the hall. No department = the comprehensive window (综合窗口) run by the centre."""

    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="windows", verbose_name="进驻部门",
                                   help_text="留空表示综合窗口（由中心负责）")
    number = models.CharField("窗口号", max_length=16, unique=True)
    name = models.CharField("窗口名称", max_length=64, help_text="如：省林草局窗口、综合窗口")
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "窗口"
        verbose_name_plural = "窗口"
        ordering = ["department__display_order", "number"]

    def __str__(self) -> str:
        return f"{self.name}（{self.number} 号）"

    @property
    def is_comprehensive(self) -> bool:
        return self.department_id is None


class DutyAssignment(models.Model):
    """Staff on duty at a window from one date to another (a one-day roster line has date_from = date_to)."""

    window = models.ForeignKey(Window, on_delete=models.CASCADE, related_name="duties", verbose_name="窗口")
    staff_name = models.CharField("工作人员", max_length=32)
    date_from = models.DateField("起始日期")
    date_to = models.DateField("截止日期", null=True, blank=True, help_text="留空表示长期在岗")

    class Meta:
        verbose_name = "窗口值守人员"
        verbose_name_plural = "窗口值守人员"
        ordering = ["window__number", "date_from"]

    def __str__(self) -> str:
        return f"{self.window.name} {self.staff_name}"


class InspectionPoint(models.Model):
    """A fixed point of the weekly hall inspection (巡查要点), e.g. 按时到岗情况."""

    label = models.CharField("巡查要点", max_length=32)
    order = models.PositiveIntegerField("顺序", default=10)
    active_from = models.DateField("启用日期")
    active_to = models.DateField("停用日期", null=True, blank=True, help_text="最后一个有效日；留空表示长期有效")
    good_text = models.CharField("无问题时的表述", max_length=200, blank=True,
                                 help_text="留空则写“总体情况良好。”")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = "巡查要点"
        verbose_name_plural = "巡查要点"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label


class InspectionRound(models.Model):
    """One walk through the hall (一次巡查) on a date."""

    date = models.DateField("巡查日期")
    inspector = models.CharField("巡查人", max_length=32)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="录入人")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "巡查记录"
        verbose_name_plural = "巡查记录"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.inspector}"


class Finding(models.Model):
    """What was wrong at a window on an inspection point (巡查发现的问题)."""

    round = models.ForeignKey(InspectionRound, on_delete=models.CASCADE, related_name="findings",
                              verbose_name="巡查记录")
    point = models.ForeignKey(InspectionPoint, on_delete=models.PROTECT, related_name="findings",
                              verbose_name="巡查要点")
    window = models.ForeignKey(Window, on_delete=models.PROTECT, related_name="findings", verbose_name="窗口")
    description = models.CharField("问题描述", max_length=200)
    photo = models.FileField("现场照片", upload_to="hall/findings/%Y/%m/", blank=True,
                             validators=[FileExtensionValidator(PHOTO_EXTENSIONS)])

    class Meta:
        verbose_name = "巡查发现问题"
        verbose_name_plural = "巡查发现问题"
        ordering = ["round__date", "point__order", "window__number", "id"]

    def __str__(self) -> str:
        return f"{self.window.name}：{self.description}"


class HallClosure(models.Model):
    """A period when the hall is closed (e.g. 2022-31: 全体居家办公，大厅实行关闭状态。)."""

    start = models.DateField("起始日期")
    end = models.DateField("截止日期")
    note = models.CharField("情况说明", max_length=200)
    point = models.ForeignKey(InspectionPoint, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name="写入的巡查要点",
                              help_text="该要点的巡查情况写作此说明；留空则所有要点都写作此说明")

    class Meta:
        verbose_name = "大厅关闭"
        verbose_name_plural = "大厅关闭"
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d}—{self.end:%Y-%m-%d} {self.note}"


class LeaderVisit(models.Model):
    """厅（局）长进大厅: a department leader visits its window."""

    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="leader_visits",
                                   verbose_name="部门")
    title = models.CharField("职务", max_length=64, help_text="如：党组成员、副局长")
    name = models.CharField("姓名", max_length=32)
    date = models.DateField("日期")
    account = models.TextField("活动情况", blank=True,
                               help_text="接在姓名之后的叙述，如：赴省政务服务中心调研并慰问窗口工作人员。……")

    class Meta:
        verbose_name = "厅（局）长进大厅"
        verbose_name_plural = "厅（局）长进大厅"
        ordering = ["date", "department__display_order", "id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}{self.name}"


class Commendation(models.Model):
    """窗口受到表扬情况: a window or a person honoured by an outside body."""

    window = models.ForeignKey(Window, on_delete=models.PROTECT, related_name="commendations", verbose_name="窗口")
    person = models.CharField("受表扬人员", max_length=32, blank=True, help_text="留空表示表扬窗口")
    honour = models.CharField("表扬（荣誉）", max_length=120)
    awarding_body = models.CharField("表扬单位", max_length=64)
    document = models.CharField("文号", max_length=64, blank=True)
    date = models.DateField("日期")

    class Meta:
        verbose_name = "窗口受到表扬"
        verbose_name_plural = "窗口受到表扬"
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return f"{self.window.name} {self.honour}"


class Campaign(models.Model):
    """A named campaign (专项行动), e.g. 综窗改革攻坚行动."""

    name = models.CharField("专项行动", max_length=64, unique=True)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期", null=True, blank=True)
    order = models.PositiveIntegerField("顺序", default=10)

    class Meta:
        verbose_name = "专项行动"
        verbose_name_plural = "专项行动"
        ordering = ["order", "start"]

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    """A tracked measure of a campaign: computed from data or entered by staff."""

    ENTERED = "entered"
    MANUAL_PROGRESS = "manual_progress"
    POLICY_ADJUSTMENTS = "policy_adjustments"
    KIND_CHOICES = [
        (ENTERED, "录入数值"),
        (MANUAL_PROGRESS, "综窗受理工作手册编制进度（按事项库计算）"),
        (POLICY_ADJUSTMENTS, "惠企政策事项调整条数（按政策库计算）"),
    ]

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="measures",
                                 verbose_name="专项行动")
    name = models.CharField("措施", max_length=64)
    kind = models.CharField("取值方式", max_length=32, choices=KIND_CHOICES, default=ENTERED)
    wording = models.CharField(
        "表述", max_length=200, blank=True,
        help_text="录入数值用 {value}，如：动态调整省级惠企政策事项 {value} 条；"
                  "手册进度用 {done} {total} {ratio}，留空用默认表述")
    decimals = models.PositiveSmallIntegerField("百分比小数位数", default=1)
    order = models.PositiveIntegerField("顺序", default=10)

    class Meta:
        verbose_name = "专项行动措施"
        verbose_name_plural = "专项行动措施"
        ordering = ["campaign", "order", "id"]

    def __str__(self) -> str:
        return f"{self.campaign.name}：{self.name}"


class MeasureProgress(models.Model):
    """An entered, dated figure for a measure (e.g. 5 on 2023-03-30)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress", verbose_name="措施")
    date = models.DateField("日期")
    value = models.DecimalField("数值", max_digits=12, decimal_places=2)
    text = models.CharField("表述", max_length=300, blank=True, help_text="留空则按措施的表述生成")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="录入人")

    class Meta:
        verbose_name = "措施进展"
        verbose_name_plural = "措施进展"
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.measure.name} {self.date:%Y-%m-%d} {self.value}"


class PolicyItem(models.Model):
    """A business-friendly policy item (惠企政策事项) of a department."""

    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="policy_items",
                                   verbose_name="部门")
    code = models.CharField("政策编码", max_length=32, unique=True)
    name = models.CharField("政策事项", max_length=200)
    in_force = models.BooleanField("现行有效", default=True)

    class Meta:
        verbose_name = "惠企政策事项"
        verbose_name_plural = "惠企政策事项"
        ordering = ["department__display_order", "code"]

    def __str__(self) -> str:
        return self.name


class PolicyAdjustment(models.Model):
    ADDED = "added"
    AMENDED = "amended"
    WITHDRAWN = "withdrawn"
    KIND_CHOICES = [(ADDED, "新增"), (AMENDED, "修改"), (WITHDRAWN, "取消")]

    item = models.ForeignKey(PolicyItem, on_delete=models.CASCADE, related_name="adjustments",
                             verbose_name="政策事项")
    kind = models.CharField("调整类型", max_length=16, choices=KIND_CHOICES)
    date = models.DateField("调整日期")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "惠企政策调整"
        verbose_name_plural = "惠企政策调整"
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.item.name}"
