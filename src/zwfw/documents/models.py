"""Document templates with their history, the per-department yearly sequence, and the documents issued."""
from django.conf import settings
from django.db import models


class DocumentTemplate(models.Model):
    """The template in force for one kind of document; every saved text is kept as a ``TemplateVersion``."""

    kind = models.CharField("文书种类代码", max_length=40, unique=True)
    title = models.CharField("文书名称", max_length=60)
    legal_basis = models.CharField("法律依据", max_length=300)
    after = models.CharField("可出具的环节", max_length=200, help_text="办件发生这些事件（逗号分隔）后可出具")
    body = models.TextField("正文", help_text="占位符写作 {{case_number}}，未知的占位符不能保存")
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title

    @property
    def after_events(self) -> list[str]:
        return [a.strip() for a in self.after.split(",") if a.strip()]


class TemplateVersion(models.Model):
    template = models.ForeignKey(DocumentTemplate, on_delete=models.CASCADE, related_name="versions",
                                 verbose_name="文书模板")
    version = models.PositiveIntegerField("版本")
    title = models.CharField("文书名称", max_length=60)
    legal_basis = models.CharField("法律依据", max_length=300)
    after = models.CharField("可出具的环节", max_length=200)
    body = models.TextField("正文")
    saved_at = models.DateTimeField("保存时间")
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="修改人")
    source = models.CharField("来源", max_length=40, help_text="仓库模板文件或管理后台")

    class Meta:
        verbose_name = "文书模板历史版本"
        verbose_name_plural = "文书模板历史版本"
        ordering = ["template", "-version"]
        constraints = [models.UniqueConstraint(fields=["template", "version"], name="document_template_version")]

    def __str__(self) -> str:
        return f"{self.title} 第 {self.version} 版"


class DocumentSequence(models.Model):
    """The last serial used in one department's document numbers for one year (文书顺序号)."""

    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="部门")
    year = models.PositiveIntegerField("年份")
    last = models.PositiveIntegerField("已用顺序号", default=0)

    class Meta:
        verbose_name = "文书编号序列"
        verbose_name_plural = "文书编号序列"
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="document_sequence_year")]


class IssuedDocument(models.Model):
    """A document as issued: its filled text is frozen, so a reprint is the same document."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents", verbose_name="办件")
    kind = models.CharField("文书种类代码", max_length=40)
    template_version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+",
                                         verbose_name="所用模板版本")
    number = models.CharField("文书编号", max_length=60, unique=True)
    title = models.CharField("文书名称", max_length=60)
    department = models.CharField("出具机关", max_length=64)
    text = models.TextField("文书正文（已冻结）")
    qr_url = models.URLField("二维码网址", max_length=300)
    issued_on = models.DateField("文书日期")
    issued_at = models.DateTimeField("出具时间")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="出具人")
    printed = models.PositiveIntegerField("打印次数", default=0)

    class Meta:
        verbose_name = "已出具文书"
        verbose_name_plural = "已出具文书"
        ordering = ["issued_at", "id"]
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"
