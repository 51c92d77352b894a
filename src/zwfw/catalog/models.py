"""The matter catalogue (事项库).

Matters and handling items are effective-dated (``valid_from`` / ``valid_to``):
the catalogue on any date is the rows in force that day, which is how its
history is kept and how two dates are compared.
"""
from django.db import models
from django.db.models import Q


class Department(models.Model):
    code = models.CharField("部门编码", max_length=32, unique=True)
    name = models.CharField("部门名称", max_length=64, unique=True)
    short_name = models.CharField("简称", max_length=32, blank=True)
    display_order = models.PositiveIntegerField("显示顺序", default=100)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    in_hall = models.BooleanField("进驻大厅", default=True)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["display_order", "id"]

    def __str__(self) -> str:
        return self.name


class PowerType(models.Model):
    """事项类型, coded as in GB/T 39046 (01 行政许可 … 10 其他, 20 公共服务)."""

    PERMIT = "permit"
    PUBLIC_SERVICE = "public_service"
    OTHER = "other"
    CATEGORY_CHOICES = [(PERMIT, "行政许可"), (PUBLIC_SERVICE, "公共服务"), (OTHER, "其它行权事项")]

    code = models.CharField("类型编码", max_length=2, unique=True)
    name = models.CharField("类型名称", max_length=16, unique=True)
    category = models.CharField("统计口径", max_length=16, choices=CATEGORY_CHOICES)
    in_use = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "事项类型"
        verbose_name_plural = "事项类型"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class InForceQuerySet(models.QuerySet):
    def in_force(self, on):
        """Rows in force on date ``on``."""
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gt=on))


class Matter(models.Model):
    """A main item (主项)."""

    code = models.CharField("事项编码", max_length=64)
    name = models.CharField("事项名称", max_length=200)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="matters", verbose_name="实施部门")
    power_type = models.ForeignKey(PowerType, on_delete=models.PROTECT, related_name="matters", verbose_name="事项类型")
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True, help_text="当日起不再有效；留空表示长期有效")

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = "政务服务事项（主项）"
        verbose_name_plural = "政务服务事项（主项）"
        ordering = ["department__display_order", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="matter_code_version")]

    def __str__(self) -> str:
        return self.name


class HandlingItem(models.Model):
    """A handling item (办理项); cases are opened against one."""

    REACH_CHOICES = [("province", "省内通办"), ("sichuan_chongqing", "川渝通办"), ("cross_province", "跨省通办")]

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="items", verbose_name="主项")
    code = models.CharField("办理项编码", max_length=80)
    name = models.CharField("办理项名称", max_length=200)
    statutory_days = models.PositiveIntegerField("法定办结时限（工作日）")
    promised_days = models.PositiveIntegerField("承诺办结时限（工作日）")
    fully_online = models.BooleanField("全程网办", default=False)
    at_most_one_visit = models.BooleanField("最多跑一次", default=True)
    on_the_spot = models.BooleanField("即办件", default=False)
    at_comprehensive_window = models.BooleanField("进驻综窗", default=False)
    manual_written = models.BooleanField("受理工作手册已编制", default=False)
    auto_approval = models.BooleanField("无人工干预智能审批", default=False)
    promise_in_lieu = models.BooleanField("告知承诺", default=False)
    reach = models.JSONField("通办范围", default=list, blank=True, help_text="省内通办 / 川渝通办 / 跨省通办 的代码列表")
    licence_kind = models.CharField("办结出具的电子证照种类", max_length=64, blank=True)
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = "办理项"
        verbose_name_plural = "办理项"
        ordering = ["matter__department__display_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="item_code_version"),
            models.CheckConstraint(condition=Q(promised_days__gte=0), name="item_promised_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.matter.name}（{self.name}）"

    @property
    def department(self) -> Department:
        return self.matter.department

    @property
    def speed_up_ratio(self) -> float:
        """提速率 = 1 − promised/statutory."""
        if not self.statutory_days:
            return 0.0
        return 1 - self.promised_days / self.statutory_days
