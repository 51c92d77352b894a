"""What an uploaded file is, by its content: PDF, JPG or PNG, never by its name or the client's word. Pure.

``check(name, size, head_and_stream, max_bytes)`` returns a ``Checked`` value or raises DomainError at
``field`` with a message a clerk or applicant understands.
"""
from __future__ import annotations

import io
import re
import struct
import unicodedata
from dataclasses import dataclass

from zwfw.errors import DomainError

PDF, JPEG, PNG = "pdf", "jpg", "png"
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
LABELS = {PDF: "PDF", JPEG: "JPG", PNG: "PNG"}
ALLOWED = "PDF、JPG 或 PNG"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Markers a JPEG's second segment may start with: APPn, quantisation/huffman tables, start of frame, comment.
_JPEG_MARKERS = set(range(0xE0, 0xF0)) | {0xDB, 0xC4, 0xC0, 0xC1, 0xC2, 0xFE, 0xDD}
# What other files people pick by mistake, said in words (a refusal names what the file really is).
_OTHER = [(b"MZ", "Windows 可执行程序"), (b"\x7fELF", "可执行程序"), (b"PK\x03\x04", "压缩包或 Office 文档"),
          (b"\xd0\xcf\x11\xe0", "旧版 Office 文档"), (b"Rar!", "RAR 压缩包"), (b"7z\xbc\xaf", "7z 压缩包"),
          (b"GIF8", "GIF 图片"), (b"II*\x00", "TIFF 图片"), (b"MM\x00*", "TIFF 图片"), (b"RIFF", "WebP 图片或音视频"),
          (b"%!PS", "PostScript 文件"), (b"{\\rtf", "RTF 文档"), (b"<", "网页或 XML 文件")]


@dataclass(frozen=True)
class Checked:
    kind: str          # pdf / jpg / png
    content_type: str
    pages: int | None  # a PDF's page count
    width: int | None = None
    height: int | None = None

    @property
    def extension(self) -> str:
        return "." + self.kind

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def sniff(head: bytes) -> str | None:
    """The kind from the first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_PNG_SIGNATURE):
        return PNG
    if len(head) >= 4 and head[:3] == b"\xff\xd8\xff" and head[3] in _JPEG_MARKERS:
        return JPEG
    return None


def what_it_is(head: bytes) -> str:
    for magic, label in _OTHER:
        if (head.lstrip() if magic == b"<" else head).startswith(magic):
            return label
    return "无法识别的格式"


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _png(data: bytes) -> tuple[int, int]:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise ValueError("no IHDR")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise ValueError("empty image")
    if b"IEND" not in data[-12:]:
        raise ValueError("truncated")
    return width, height


def _pdf(stream) -> int:
    from pypdf import PdfReader

    reader = PdfReader(stream, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise PermissionError("encrypted")
    pages = len(reader.pages)
    if pages < 1:
        raise ValueError("no pages")
    return pages


def check(*, data: bytes, size: int, max_bytes: int, field: str = "file") -> Checked:
    """Refuse what is not a whole PDF, JPG or PNG within the size limit; ``data`` is the file's bytes."""
    if size <= 0 or not data:
        raise DomainError("文件是空的（0 字节），请重新扫描或选择文件。", code="empty_file", field=field)
    if size > max_bytes:
        raise DomainError(f"文件大小为 {megabytes(size)}，超过上限 {megabytes(max_bytes)}。请压缩或分开扫描后再上传。",
                          code="file_too_large", field=field)
    kind = sniff(data[:16])
    if kind is None:
        raise DomainError(f"只能上传 {ALLOWED} 文件，所选文件实际是{what_it_is(data[:16])}（按文件内容识别，与文件名后缀无关）。",
                          code="file_type", field=field)
    pages = width = height = None
    try:
        if kind == PDF:
            pages = _pdf(io.BytesIO(data))
        elif kind == PNG:
            width, height = _png(data)
        elif len(data) < 128:
            raise ValueError("too short for an image")
    except PermissionError:
        raise DomainError("PDF 文件已加密，无法查看，请上传未加密的文件。", code="file_encrypted", field=field) from None
    except Exception:  # noqa: BLE001 — any parser failure means the file cannot be opened
        raise DomainError(f"文件看起来是 {LABELS[kind]}，但内容已损坏或不完整，无法打开，请重新扫描或导出后上传。",
                          code="file_damaged", field=field) from None
    return Checked(kind=kind, content_type=CONTENT_TYPES[kind], pages=pages, width=width, height=height)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")
MAX_NAME = 80


def clean_filename(name: str, checked: Checked) -> str:
    """A name safe to show and to send back: no path, no control or reserved characters, the extension of
    what the file really is, at most 80 characters; "材料" when nothing is left."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    stem = _SPACES.sub(" ", _UNSAFE.sub("_", stem)).strip(" ._")
    stem = stem[: MAX_NAME - len(checked.extension)] or "材料"
    return stem + checked.extension
