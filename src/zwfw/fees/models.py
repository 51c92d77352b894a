"""What a case owes (应收, assessed at acceptance from its guide's fee items) and what was paid."""
from django.conf import settings
from django.db import models
from django.db.models import Q


class FeeLine(models.Model):
    """One assessed fee of a case, frozen at acceptance: a later guide edit does not change it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="fee_lines", verbose_name="办件")
    position = models.PositiveIntegerField("序号", default=0)
    name = models.CharField("收费项目", max_length=100)
    rule = models.CharField("计收方式", max_length=16)
    unit_price = models.DecimalField("金额/单价（元）", max_digits=12, decimal_places=2)
    unit = models.CharField("计量单位", max_length=16, blank=True)
    quantity = models.PositiveIntegerField("数量", default=1)
    amount = models.DecimalField("应收金额（元）", max_digits=12, decimal_places=2)
    legal_basis = models.CharField("收费依据", max_length=300)
    assessed_at = models.DateTimeField("核定时间")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="核定人")

    class Meta:
        verbose_name = "应收费用"
        verbose_name_plural = "应收费用"
        ordering = ["case", "position", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="fee_line_amount_positive")]

    def __str__(self) -> str:
        return f"{self.name} {self.amount}"


class PaymentMethod(models.TextChoices):
    CASH = "cash", "现金"
    CARD = "card", "银行卡"
    QR = "qr", "扫码支付"
    TRANSFER = "transfer", "银行转账"
    PLATFORM = "platform", "统一公共支付平台"


class Payment(models.Model):
    """A payment towards a case's fees: taken at the window, or reported by the payment platform."""

    WINDOW, PLATFORM = "window", "platform"
    CHANNEL_CHOICES = [(WINDOW, "窗口收取"), (PLATFORM, "支付平台推送")]

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="payments", verbose_name="办件")
    amount = models.DecimalField("缴费金额（元）", max_digits=12, decimal_places=2)
    method = models.CharField("缴费方式", max_length=16, choices=PaymentMethod.choices)
    channel = models.CharField("登记渠道", max_length=16, choices=CHANNEL_CHOICES)
    transaction_id = models.CharField("交易流水号", max_length=64, blank=True,
                                      help_text="支付平台的交易流水号；同一流水号只登记一次")
    payer = models.CharField("缴款人", max_length=100, blank=True)
    paid_at = models.DateTimeField("缴费时间")
    recorded_at = models.DateTimeField("登记时间")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="登记人")

    class Meta:
        verbose_name = "缴费记录"
        verbose_name_plural = "缴费记录"
        ordering = ["case", "paid_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.UniqueConstraint(fields=["transaction_id"], condition=~Q(transaction_id=""),
                                    name="payment_transaction_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.amount}"
