"""Materials as files: the stored file, the material of a case it is, and the append-only access log.

A file is stored once (``StoredFile``, under an unguessable name in the ``casefiles`` storage) and
may serve as a material of several cases of the same applicant (``CaseMaterial``, reuse); every
upload, view, download, verification and reuse is a ``FileLog`` row that is never changed.
"""
from django.conf import settings
from django.db import models


class Trust(models.TextChoices):
    ISSUED = "issued", "部门核发"
    VERIFIED = "verified", "窗口核验原件"
    UPLOADED = "uploaded", "申请人上传"
    PROMISED = "promised", "申请人承诺"


class Channel(models.TextChoices):
    WINDOW = "window", "窗口扫描上传"
    ONLINE = "online", "网上上传"
    API = "api", "部门系统推送"


class StoredFile(models.Model):
    applicant = models.ForeignKey("cases.Applicant", on_delete=models.PROTECT, related_name="+", verbose_name="申请人")
    name = models.CharField("存储名", max_length=200, unique=True, help_text="存储中的随机文件名，不含原文件名")
    filename = models.CharField("文件名", max_length=100)
    kind = models.CharField("格式", max_length=8)
    content_type = models.CharField("内容类型", max_length=40)
    size = models.PositiveBigIntegerField("大小（字节）")
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
                                    verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间")
    channel = models.CharField("上传途径", max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = "材料文件"
        verbose_name_plural = "材料文件"

    def __str__(self) -> str:
        return self.filename


class CaseMaterial(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="material_files", verbose_name="办件")
    material = models.CharField("材料名称", max_length=200, help_text="办事指南所列的材料名称")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="uses", verbose_name="文件")
    trust = models.CharField("可信程度", max_length=10, choices=Trust.choices)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
                                 verbose_name="添加人")
    added_at = models.DateTimeField("添加时间")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="核验人")
    verified_at = models.DateTimeField("核验时间", null=True, blank=True)
    reused_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reuses",
                                    verbose_name="复用自")

    class Meta:
        verbose_name = "办件材料"
        verbose_name_plural = "办件材料"
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "material", "file"], name="case_material_file_once")]

    def __str__(self) -> str:
        return f"{self.case} {self.material}"


class FileAction(models.TextChoices):
    UPLOAD = "upload", "上传"
    VIEW = "view", "查看"
    DOWNLOAD = "download", "下载"
    VERIFY = "verify", "核验原件"
    REUSE = "reuse", "复用"


class FileLog(models.Model):
    """Append-only: who did what with which file, when (a database trigger refuses any UPDATE)."""

    at = models.DateTimeField("时间", auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
                             verbose_name="操作人")
    action = models.CharField("操作", max_length=10, choices=FileAction.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name="办件")
    case_material = models.ForeignKey(CaseMaterial, on_delete=models.PROTECT, related_name="log", verbose_name="办件材料")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="log", verbose_name="文件")
    where = models.CharField("途径", max_length=100, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "材料文件操作记录"
        verbose_name_plural = "材料文件操作记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "at"], name="filelog_case_at_idx")]
