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


class Region(models.Model):
    """A city or prefecture (市州) a power can be delegated to."""

    CITY = "city"
    PREFECTURE = "prefecture"
    OTHER = "other"
    KIND_CHOICES = [(CITY, "市"), (PREFECTURE, "州"), (OTHER, "其他区域")]

    code = models.CharField("行政区划代码", max_length=12, unique=True)
    name = models.CharField("简称", max_length=32, unique=True, help_text="如：自贡市、阿坝州")
    full_name = models.CharField("全称", max_length=64, blank=True)
    kind = models.CharField("类别", max_length=16, choices=KIND_CHOICES, default=CITY)
    display_order = models.PositiveIntegerField("显示顺序", default=100)

    class Meta:
        verbose_name = "市（州）"
        verbose_name_plural = "市（州）"
        ordering = ["display_order", "code"]

    def __str__(self) -> str:
        return self.name


class ServiceGuide(models.Model):
    """办事指南: one per handling item version (copied when the item gets a new version)."""

    item = models.OneToOneField(HandlingItem, on_delete=models.CASCADE, related_name="guide", verbose_name="办理项")
    conditions = models.TextField("受理条件", blank=True)
    fees = models.CharField("收费标准", max_length=500, blank=True, help_text="不收费的填“不收费”")
    legal_basis = models.TextField("设定依据", blank=True)
    where_to_apply = models.CharField("办理地点", max_length=300, blank=True)
    online_url = models.CharField("网上办理地址", max_length=300, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"
        ordering = ["item__matter__department__display_order", "item__code"]

    def __str__(self) -> str:
        return f"{self.item}办事指南"


class GuideMaterial(models.Model):
    """A required material (申请材料) row of a guide."""

    ORIGINAL = "original"
    COPY = "copy"
    BOTH = "both"
    FORM_CHOICES = [(ORIGINAL, "原件"), (COPY, "复印件"), (BOTH, "原件和复印件")]

    guide = models.ForeignKey(ServiceGuide, on_delete=models.CASCADE, related_name="materials", verbose_name="办事指南")
    position = models.PositiveIntegerField("序号", default=0)
    name = models.CharField("材料名称", max_length=200)
    copies = models.PositiveIntegerField("份数", default=1)
    form = models.CharField("材料形式", max_length=16, choices=FORM_CHOICES, default=ORIGINAL)
    required = models.BooleanField("必要", default=True)
    licence_kind = models.CharField(
        "对应电子证照", max_length=64, blank=True,
        help_text="平台已持有该种电子证照时可免提交",
    )
    deferrable = models.BooleanField(
        "容缺", default=False, help_text="非关键材料：可先行受理，申请人在约定期限内补交（容缺受理）",
    )
    promise_allowed = models.BooleanField(
        "可告知承诺", default=False, help_text="办理项实行告知承诺时，申请人可书面承诺代替提交该证明材料",
    )

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["guide", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):
    """委托/下放: a provincial power handled by named regions from an effective date."""

    ENTRUST = "entrust"
    DEVOLVE = "devolve"
    KIND_CHOICES = [(ENTRUST, "委托"), (DEVOLVE, "下放")]

    kind = models.CharField("方式", max_length=16, choices=KIND_CHOICES, default=ENTRUST)
    matter = models.ForeignKey(
        Matter, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations",
        verbose_name="主项", help_text="委托整个事项（全部办理项）时填写；按事项编码匹配各版本",
    )
    item = models.ForeignKey(
        HandlingItem, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations",
        verbose_name="办理项", help_text="只委托某个办理项时填写；按办理项编码匹配各版本",
    )
    regions = models.ManyToManyField(Region, related_name="delegations", verbose_name="受委托市（州）")
    delegate = models.CharField(
        "受委托机关", max_length=100,
        help_text="不含地区名，如“林草主管部门”；显示为“自贡市林草主管部门”",
    )
    document = models.CharField("依据文件", max_length=200, blank=True, help_text="文号或文件名称")
    valid_from = models.DateField("实施日期")
    valid_to = models.DateField("终止日期", null=True, blank=True, help_text="当日起收回；留空表示长期")
    note = models.TextField("备注", blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = "委托/下放"
        verbose_name_plural = "委托/下放"
        ordering = ["-valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(matter__isnull=False) | Q(item__isnull=False), name="delegation_has_target",
            ),
        ]

    def __str__(self) -> str:
        target = self.item if self.item_id else self.matter
        return f"{self.get_kind_display()}：{target}"

    def delegate_for(self, region: "Region") -> str:
        """The delegate as a person reads it: "自贡市林草主管部门".

        A delegate already named with the place (short or full name, e.g. "阿坝藏族羌族自治州林草局")
        is kept as written rather than prefixed a second time.
        """
        delegate = self.delegate.strip()
        if any(name and delegate.startswith(name) for name in (region.name, region.full_name)):
            return delegate
        return f"{region.name}{delegate}"


class Bundle(models.Model):
    """一件事一次办: handling items across departments applied for together."""

    code = models.CharField("编码", max_length=64, unique=True)
    name = models.CharField("名称", max_length=200)
    lead_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="bundles", verbose_name="牵头部门",
    )
    description = models.TextField("说明", blank=True)
    items = models.ManyToManyField(HandlingItem, through="BundleMember", related_name="bundles", verbose_name="办理项")
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = "一件事一次办"
        verbose_name_plural = "一件事一次办"
        ordering = ["lead_department__display_order", "code"]

    def __str__(self) -> str:
        return self.name


class BundleMember(models.Model):
    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE, related_name="members", verbose_name="一件事")
    item = models.ForeignKey(HandlingItem, on_delete=models.PROTECT, related_name="bundle_memberships", verbose_name="办理项")
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "成员办理项"
        verbose_name_plural = "成员办理项"
        ordering = ["bundle", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["bundle", "item"], name="bundle_member_once")]

    def __str__(self) -> str:
        return str(self.item)


class GuideFee(models.Model):
    """A fee item (收费项目) of a guide: a fixed amount, a unit price times a quantity, or 不收费.

    What the case owes is assessed from these rows at acceptance (``zwfw.fees``); a later edit
    does not change a case already assessed.
    """

    FIXED = "fixed"
    PER_UNIT = "per_unit"
    FREE = "free"
    RULE_CHOICES = [(FIXED, "固定金额"), (PER_UNIT, "按数量计收（单价 × 数量）"), (FREE, "不收费")]

    guide = models.ForeignKey(ServiceGuide, on_delete=models.CASCADE, related_name="fee_items", verbose_name="办事指南")
    position = models.PositiveIntegerField("序号", default=0)
    name = models.CharField("收费项目", max_length=100, help_text="如：工本费")
    rule = models.CharField("计收方式", max_length=16, choices=RULE_CHOICES, default=FIXED)
    amount = models.DecimalField("金额/单价（元）", max_digits=12, decimal_places=2, null=True, blank=True,
                                 help_text="固定金额或单价，精确到分；不收费的不填")
    unit = models.CharField("计量单位", max_length=16, blank=True, help_text="按数量计收时填写，如：证、本、件")
    default_quantity = models.PositiveIntegerField("默认数量", default=1, help_text="受理时按此数量核定应收")
    legal_basis = models.CharField("收费依据", max_length=300, blank=True,
                                   help_text="收费的法律、法规或价格主管部门文件；收费项目必须填写")

    class Meta:
        verbose_name = "收费项目"
        verbose_name_plural = "收费项目"
        ordering = ["guide", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def charge(self) -> str:
        from .feerules import describe

        return describe(self.rule, self.amount, self.unit)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from .feerules import fee_problems

        problems = fee_problems(rule=self.rule, amount=self.amount, unit=self.unit, name=self.name,
                                legal_basis=self.legal_basis, quantity=self.default_quantity)
        if problems:
            raise ValidationError({f: m for f, m in problems})
