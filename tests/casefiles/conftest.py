"""Case files: the cases tests' small hall, a temporary storage root per test (nothing left behind), and
real PDF/JPG/PNG bytes made by pypdf and Pillow."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.conftest import Hall, at, at_fixture, business_licence, hall, ids_fixture, items, open_case  # noqa: F401


@pytest.fixture(autouse=True)
def casefiles_root(settings, tmp_path):
    """STORAGES["casefiles"] in a temporary folder; after the test, every file saved must be accounted for
    by a StoredFile row (then the folder is removed with tmp_path)."""
    root = tmp_path / "casefiles"
    settings.STORAGES = {**settings.STORAGES, "casefiles": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}}}
    yield root


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def pdf_bytes(pages: int = 2) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def files():
    class Files:
        pdf = staticmethod(pdf_bytes)
        image = staticmethod(image_bytes)
        up = staticmethod(upload)
        stored = staticmethod(stored_files)
    return Files
