"""Applicants, cases and the event log.

Every lifecycle step writes the case and appends one ``CaseEvent`` in the same
transaction; the weekly figures are counts of these events.
"""
import secrets

from django.conf import settings
from django.db import models

from . import windows

QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed from paper


def new_query_code() -> str:
    """The public tracking secret printed on the acceptance receipt: 8 random characters (40 bits)."""
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(8))


class Applicant(models.Model):
    PERSON = "person"
    ORGANISATION = "organisation"
    KIND_CHOICES = [(PERSON, "自然人"), (ORGANISATION, "法人或其他组织")]

    kind = models.CharField("申请人类型", max_length=16, choices=KIND_CHOICES)
    name = models.CharField("名称/姓名", max_length=200)
    id_number = models.CharField(
        "证件号码", max_length=18, unique=True, help_text="自然人为居民身份证号码，组织为统一社会信用代码"
    )
    phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    region = models.ForeignKey(
        "catalog.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="所在市（州）", help_text="用于判断事项是否已委托当地办理",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="applicant", verbose_name="登录账号",
    )

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"
        # Worklist search by the beginning of a name (LIKE 'x%' uses it on PostgreSQL).
        indexes = [models.Index(fields=["name"], name="applicant_name_prefix_idx", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return self.name


class CaseStatus(models.TextChoices):
    APPLIED = "applied", "已申请"
    CORRECTION = "correction", "待补正"
    ACCEPTED = "accepted", "已受理"
    REJECTED = "rejected", "不予受理"
    TRANSFERRED = "transferred", "已流转"
    REVIEWING = "reviewing", "审查中"
    SUSPENDED = "suspended", "已挂起"
    APPROVED = "approved", "准予许可"
    DENIED = "denied", "不予许可"
    ISSUED = "issued", "已颁发"
    COMPLETED = "completed", "已办结"
    WITHDRAWN = "withdrawn", "已撤回"
    TERMINATED = "terminated", "已终止"


class Channel(models.TextChoices):
    WINDOW = "window", "窗口申请"
    ONLINE = "online", "网上申请"
    API = "api", "部门系统推送"


class Delivery(models.TextChoices):
    WINDOW = "window", "窗口领取"
    POST = "post", "邮寄送达"


OPEN_STATUSES = ("applied", "correction", "accepted", "transferred", "reviewing", "suspended", "approved", "denied", "issued")
#: The decision clock runs from acceptance to the decision (准予/不予许可), which stops it.
CLOCK_STATUSES = ("accepted", "transferred", "reviewing", "suspended")
#: The delivery clock runs from an approval to delivery (办结).
DELIVERY_STATUSES = ("approved", "issued")
#: Before the decision: the applicant may withdraw, staff may terminate.
UNDECIDED_STATUSES = ("applied", "correction", *CLOCK_STATUSES)


class Case(models.Model):
    number = models.CharField("办件编号", max_length=32, unique=True)
    item = models.ForeignKey("catalog.HandlingItem", on_delete=models.PROTECT, related_name="cases", verbose_name="办理项")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="cases", verbose_name="办理部门")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="cases", verbose_name="申请人")
    status = models.CharField("状态", max_length=16, choices=CaseStatus.choices, default=CaseStatus.APPLIED)
    applied_at = models.DateTimeField("申请时间")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    completed_at = models.DateTimeField("办结时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=0, help_text="乐观锁：每次办理动作加一")
    # -- how it came in ------------------------------------------------------------------------
    channel = models.CharField("申请渠道", max_length=16, choices=Channel.choices, default=Channel.WINDOW)
    at_comprehensive_window = models.BooleanField("综合窗口受理", default=False)
    region = models.ForeignKey("catalog.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="申请地")
    received_on = models.DateField("收件日期", null=True, blank=True)
    materials = models.JSONField("申请材料", default=list, blank=True)
    bundle_application = models.ForeignKey(
        "BundleApplication", on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name="一件事申请",
    )
    # -- corrections (补正) -----------------------------------------------------------------------
    correction_requested_on = models.DateField("一次性告知补正日期", null=True, blank=True)
    correction_late = models.BooleanField(
        "补正告知超期", default=False, help_text="收件后 5 个工作日内未告知补正，自收件之日起即为受理",
    )
    corrected_on = models.DateField(
        "补正材料收到日期", null=True, blank=True, help_text="补正后，受理审查的 5 个工作日自此日起算",
    )
    deemed_accepted = models.BooleanField(
        "依法视为受理", default=False, help_text="逾期未作出受理决定或未一次性告知补正，依法视为受理（行政许可法第三十二条）",
    )
    # -- the clock -----------------------------------------------------------------------------
    statutory_due = models.DateField("法定办结期限", null=True, blank=True)
    promised_due = models.DateField("承诺办结期限", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长工作日", default=0)
    extension_reason = models.TextField("延长理由", blank=True)
    extension_approved_by = models.CharField("批准延长的机关负责人", max_length=100, blank=True)
    extension_notified_on = models.DateField("告知申请人延长理由日期", null=True, blank=True)
    suspended_days = models.PositiveIntegerField("已挂起工作日", default=0, help_text="已结束的挂起")
    suspended_since = models.DateField("挂起开始日期", null=True, blank=True)
    saved_days = models.IntegerField(
        "较法定时限提前工作日", null=True, blank=True, help_text="作出决定之日按未延长的法定时限计算",
    )
    decided_on = models.DateField("决定日期", null=True, blank=True, help_text="准予或不予许可之日，办理时限停止计算")
    delivery_due = models.DateField(
        "颁发送达期限", null=True, blank=True, help_text="准予许可之日起 10 个工作日内颁发、送达（行政许可法第四十四条）",
    )
    # -- outcome -------------------------------------------------------------------------------
    reason = models.TextField("不予受理/不予许可理由", blank=True)
    legal_basis = models.CharField("不予受理依据", max_length=200, blank=True)
    delivery = models.CharField("送达方式", max_length=16, choices=Delivery.choices, blank=True)
    tracking_number = models.CharField("邮件号", max_length=40, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    query_code = models.CharField("查询码", max_length=8, default=new_query_code, editable=False,
                                  help_text="印在受理回执上，凭办件编号和查询码公开查询进度")

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件"
        indexes = [
            models.Index(fields=["department", "status"]),
            models.Index(fields=["promised_due"]),
            models.Index(fields=["status", "received_on"]),
            # Worklist: date ranges and newest-first, province-wide and per department.
            models.Index(fields=["applied_at"], name="case_applied_at_idx"),
            models.Index(fields=["department", "applied_at"], name="case_dept_applied_at_idx"),
            # The open worklist in its default order (nearest promised deadline first; an ascending B-tree keeps
            # NULLs last on PostgreSQL, as the order asks): open cases are a few thousand of millions, so the
            # lists read these small partial indexes instead of walking the table.
            models.Index(fields=["promised_due", "received_on", "id"], name="case_open_due_idx",
                         condition=models.Q(status__in=OPEN_STATUSES)),
            models.Index(fields=["department", "promised_due", "received_on", "id"], name="case_open_dept_due_idx",
                         condition=models.Q(status__in=OPEN_STATUSES)),
            # Every case in the worklist's orders, ids included: a page's ids (even a deep page's) come from the
            # index alone.
            models.Index(fields=["promised_due", "received_on", "id"], name="case_due_order_idx"),
            models.Index(fields=["department", "promised_due", "received_on", "id"], name="case_dept_due_order_idx"),
            models.Index(fields=["applied_at", "id"], name="case_applied_order_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class EventKind(models.TextChoices):
    CONSULTED = "consulted", "咨询"
    APPLIED = "applied", "申请"
    ACCEPTED = "accepted", "受理"
    REJECTED = "rejected", "不予受理"
    CORRECTION_REQUESTED = "correction_requested", "一次性告知补正"
    CORRECTED = "corrected", "补正"
    TRANSFERRED = "transferred", "流转"
    RETURNED = "returned", "退回窗口"
    REASSIGNED = "reassigned", "改派"
    REVIEW_STARTED = "review_started", "审查"
    SUSPENDED = "suspended", "挂起"
    RESUMED = "resumed", "恢复"
    EXTENDED = "extended", "延长"
    APPROVED = "approved", "准予许可"
    DENIED = "denied", "不予许可"
    ISSUED = "issued", "颁发"
    COMPLETED = "completed", "办结"
    WITHDRAWN = "withdrawn", "撤回"
    TERMINATED = "terminated", "终止"
    DEADLINES_RECOMPUTED = "deadlines_recomputed", "期限重新计算"
    FEE_ASSESSED = "fee_assessed", "核定收费"
    FEE_PAID = "fee_paid", "缴费"


class CaseEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="events", verbose_name="办件")
    kind = models.CharField("事件", max_length=32, choices=EventKind.choices)
    at = models.DateTimeField("发生时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="办理人"
    )
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    power_type = models.ForeignKey("catalog.PowerType", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="事项类型")
    window = models.CharField("办理窗口", max_length=20, choices=windows.CHOICES, default=windows.DEPARTMENT,
                              help_text="办理人所在窗口：综合窗口、部门窗口、部门自建系统或网上办理")
    automatic = models.BooleanField("无人工干预", default=False)
    note = models.TextField("说明", blank=True)
    data = models.JSONField("附加信息", default=dict, blank=True)

    class Meta:
        verbose_name = "办件事件"
        verbose_name_plural = "办件事件"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["at"]), models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def at_comprehensive_window(self) -> bool:
        """Done at the comprehensive window (counted in its paragraph of the briefing)."""
        return self.window == windows.COMPREHENSIVE


#: The special procedures art. 45 lists (code, name): the table's seed (migration 0004 and after a flush).
LAW_SUSPENSION_KINDS = [("hearing", "听证"), ("tendering", "招标"), ("auction", "拍卖"), ("inspection", "检验"),
                        ("testing", "检测"), ("quarantine", "检疫"), ("appraisal", "鉴定"), ("expert_review", "专家评审")]


class SuspensionKind(models.Model):
    """A special procedure whose time does not count (行政许可法第四十五条); centre staff keep the list."""

    code = models.SlugField("代码", max_length=32, unique=True)
    name = models.CharField("特别程序", max_length=40, unique=True)
    legal_basis = models.CharField("依据", max_length=200, default="《中华人民共和国行政许可法》第四十五条")
    active = models.BooleanField("可用", default=True, help_text="停用后不能再用于新的挂起，已有记录保留")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "特别程序（不计入办理时限）"
        verbose_name_plural = "特别程序（不计入办理时限）"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Suspension(models.Model):
    """特别程序 (挂起): the working days it lasts do not count against the limits."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions", verbose_name="办件")
    kind = models.CharField("特别程序", max_length=32, help_text="特别程序表中的代码")
    reason = models.TextField("说明", blank=True)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    working_days = models.PositiveIntegerField("挂起工作日", default=0)
    notice = models.CharField("书面告知申请人", max_length=200, blank=True, help_text="告知书文号或内容摘要")
    notified_on = models.DateField("书面告知日期", null=True, blank=True)
    expected_days = models.PositiveIntegerField("预计所需工作日", null=True, blank=True)

    class Meta:
        verbose_name = "挂起记录"
        verbose_name_plural = "挂起记录"
        ordering = ["case", "started_on", "id"]


class BundleApplication(models.Model):
    """One application for a "one thing, one go" bundle; it opens one case per member item."""

    number = models.CharField("申请编号", max_length=32, unique=True)
    bundle = models.ForeignKey("catalog.Bundle", on_delete=models.PROTECT, related_name="applications", verbose_name="一件事")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="bundle_applications", verbose_name="申请人")
    applied_at = models.DateTimeField("申请时间")
    materials = models.JSONField("合并材料清单", default=list, blank=True)

    class Meta:
        verbose_name = "一件事申请"
        verbose_name_plural = "一件事申请"

    def __str__(self) -> str:
        return self.number


class AutoApprovalRule(models.Model):
    """无人工干预智能审批: the conditions under which an item flagged auto_approval is decided by rule.

    Keyed by the handling item code so every version of the item shares it. ``conditions`` is a
    JSON list, e.g. ``[{"kind": "materials_complete"}, {"kind": "not_listed"},
    {"kind": "licence_valid", "licence_kind": "营业执照"}]``.
    """

    item_code = models.CharField("办理项编码", max_length=80, unique=True)
    conditions = models.JSONField("审批条件", default=list)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "智能审批规则"
        verbose_name_plural = "智能审批规则"


class CaseSequence(models.Model):
    """The last serial used for case numbers of one day (办件编号流水号)."""

    day = models.DateField("日期", unique=True)
    last = models.PositiveIntegerField("最后流水号", default=0)


class AuditLog(models.Model):
    """Who saw an applicant's unmasked personal data, and when."""

    at = models.DateTimeField("查看时间", auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="查看人")
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="audit_logs", verbose_name="申请人")
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="办件")
    what = models.CharField("查看内容", max_length=100)
    where = models.CharField("查看途径", max_length=100, blank=True)

    class Meta:
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"
        ordering = ["-at", "-id"]


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key and the first result returned for it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="调用方")
    key = models.CharField("幂等键", max_length=128)
    fingerprint = models.CharField("请求摘要", max_length=200)
    status = models.PositiveSmallIntegerField("响应状态", default=0)
    response = models.JSONField("响应内容", default=dict)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "幂等键"
        verbose_name_plural = "幂等键"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once")]
