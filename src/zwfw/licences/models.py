"""Electronic licences (电子证照): kinds, licences, and per-issuer serial counters.

A licence's status is not stored: it is computed for a date from its dates,
its revocation and the licence that superseded it (``status_on``).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone


class LicenceStatus(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "已过期"
    REVOKED = "revoked", "已撤销"
    SUPERSEDED = "superseded", "已被新证替代"
    NOT_YET = "not_yet", "尚未生效"


class LicenceKind(models.Model):
    code = models.CharField("证照类型代码", max_length=21, unique=True,
                            validators=[RegexValidator(r"^[0-9A-Z]{1,21}$", "证照类型代码应为 1—21 位数字或大写字母。")],
                            help_text="GB/T 36904 证照类型代码，1—21 位数字或大写字母，用于电子证照标识")
    name = models.CharField("证照名称", max_length=64, unique=True,
                            help_text="与办理项“办结出具的电子证照种类”一致，如：药品经营许可证")
    validity_years = models.PositiveIntegerField("有效期（年）", null=True, blank=True, help_text="留空表示长期有效")
    renewal_lead_days = models.PositiveIntegerField(
        "延续申请提前天数", default=30,
        help_text="持证人应在有效期届满前多少日提出延续申请（《行政许可法》第五十条：三十日，法律法规另有规定的从其规定）")

    class Meta:
        verbose_name = "电子证照种类"
        verbose_name_plural = "电子证照种类"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Licence(models.Model):
    identifier = models.CharField("电子证照标识", max_length=96, unique=True)
    kind = models.ForeignKey(LicenceKind, on_delete=models.PROTECT, related_name="licences", verbose_name="证照种类")
    holder = models.ForeignKey("cases.Applicant", on_delete=models.PROTECT, related_name="licences", verbose_name="持证主体")
    issuer = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="licences", verbose_name="颁发部门")
    issuer_uscc = models.CharField("颁发机构统一社会信用代码", max_length=18)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="licences",
                             verbose_name="办件")
    serial = models.PositiveIntegerField("流水号")
    version = models.PositiveSmallIntegerField("版本号", default=1)
    issued_on = models.DateField("颁发日期")
    valid_from = models.DateField("有效期自", help_text="新办自颁发之日起；延续的自原证有效期届满次日起")
    valid_until = models.DateField("有效期至", null=True, blank=True, help_text="含当日；留空表示长期有效")
    issued_at = models.DateTimeField("签发时间")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="签发人")
    deemed_renewal = models.BooleanField(
        "视为准予延续", default=False,
        help_text="延续申请按时提出、有效期届满前未作决定，依《行政许可法》第五十条视为准予延续")
    superseded_by = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="supersedes", verbose_name="被替代为")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_reason = models.TextField("撤销原因", blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="撤销人")

    class Meta:
        verbose_name = "电子证照"
        verbose_name_plural = "电子证照"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "issuer_uscc", "serial", "version"], name="licence_serial_version"),
        ]
        indexes = [models.Index(fields=["holder", "kind"]), models.Index(fields=["issuer", "kind", "issued_on"])]

    def __str__(self) -> str:
        return f"{self.kind.name} {self.identifier}"

    def status_on(self, on: dt.date | None = None) -> str:
        on = on or timezone.localdate()
        if self.revoked_at is not None and timezone.localdate(self.revoked_at) <= on:
            return LicenceStatus.REVOKED
        if self.superseded_by_id is not None and self.superseded_by.valid_from <= on:
            return LicenceStatus.SUPERSEDED
        if self.valid_from > on:
            return LicenceStatus.NOT_YET
        if self.valid_until is not None and self.valid_until < on:
            return LicenceStatus.EXPIRED
        return LicenceStatus.VALID

    def status_label(self, on: dt.date | None = None) -> str:
        return LicenceStatus(self.status_on(on)).label


class SerialCounter(models.Model):
    """The last serial issued per (kind, issuer USCC); locked while allocating the next."""

    kind = models.ForeignKey(LicenceKind, on_delete=models.CASCADE, related_name="+", verbose_name="证照种类")
    issuer_uscc = models.CharField("颁发机构统一社会信用代码", max_length=18)
    last = models.PositiveIntegerField("已用流水号", default=0)

    class Meta:
        verbose_name = "证照流水号"
        verbose_name_plural = "证照流水号"
        constraints = [models.UniqueConstraint(fields=["kind", "issuer_uscc"], name="serial_counter_unique")]
