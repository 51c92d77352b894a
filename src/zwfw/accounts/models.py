"""Users and roles. A department user acts for exactly one department."""
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COMPREHENSIVE_CLERK = "comprehensive_clerk", "综合窗口人员"
    DEPARTMENT_CLERK = "department_clerk", "部门窗口人员"
    APPROVER = "approver", "审批人员"
    CENTRE_STAFF = "centre_staff", "政务平台服务处人员"
    LEADER = "leader", "中心领导"
    APPLICANT = "applicant", "申请人"
    API_CLIENT = "api_client", "接口调用方"


DEPARTMENT_ROLES = {Role.DEPARTMENT_CLERK, Role.APPROVER, Role.API_CLIENT}


class User(AbstractUser):
    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.APPLICANT)
    department = models.ForeignKey(
        "catalog.Department", on_delete=models.PROTECT, null=True, blank=True,
        related_name="users", verbose_name="所属部门",
    )
    display_name = models.CharField("姓名", max_length=32, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_department_bound(self) -> bool:
        """True when the user may act for one department only."""
        return self.role in DEPARTMENT_ROLES


class ApiKey(models.Model):
    """A key a department's own system uses to call the API (header ``X-API-Key``).

    Only the SHA-256 of the key is stored; the key itself is shown once when issued.
    Each key acts as its own user (``user``), so events and the audit log name the key.
    """

    department = models.ForeignKey(
        "catalog.Department", on_delete=models.PROTECT, related_name="api_keys", verbose_name="所属部门",
    )
    name = models.CharField("用途", max_length=64, help_text="如：省林草局审批系统对接")
    prefix = models.CharField("密钥前缀", max_length=16, unique=True)
    hashed_key = models.CharField("密钥摘要（SHA-256）", max_length=64, unique=True, editable=False)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("签发时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.PROTECT, null=True, related_name="api_key", verbose_name="代表的用户",
        help_text="接口调用以此用户的名义记录；停用该用户即停用密钥",
    )

    class Meta:
        verbose_name = "接口密钥"
        verbose_name_plural = "接口密钥"
        ordering = ["department__display_order", "-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}…（{self.name}）"
