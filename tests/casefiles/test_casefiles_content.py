"""A file is what its content says, never its name or declared type (pure; no database)."""
import pytest

from casefiles.conftest import image_bytes, pdf_bytes
from zwfw.casefiles.content import check, clean_filename
from zwfw.errors import DomainError

MB = 1024 * 1024


def test_real_pdf_jpg_png_are_recognised_with_pages_and_size():
    assert check(data=pdf_bytes(3), size=len(pdf_bytes(3)), max_bytes=MB).pages == 3
    png = image_bytes("PNG")
    got = check(data=png, size=len(png), max_bytes=MB)
    assert (got.kind, got.content_type, got.width, got.height) == ("png", "image/png", 120, 80)
    jpg = image_bytes("JPEG")
    assert check(data=jpg, size=len(jpg), max_bytes=MB).content_type == "image/jpeg"


@pytest.mark.parametrize("data, code, words", [
    (b"", "empty_file", "空"),
    (b"MZ\x90\x00" + b"\x00" * 400, "file_type", "Windows 可执行程序"),
    (b"PK\x03\x04" + b"\x00" * 400, "file_type", "压缩包"),
    (b"%PDF-1.7\n this is not a pdf at all", "file_damaged", "损坏"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, "file_damaged", "PNG"),
])
def test_refusals_say_what_is_wrong_in_chinese_at_the_field(data, code, words):
    with pytest.raises(DomainError) as e:
        check(data=data, size=len(data), max_bytes=MB, field="file-1")
    assert (e.value.code, e.value.field) == (code, "file-1") and words in e.value.message


def test_an_oversize_file_names_the_limit():
    with pytest.raises(DomainError) as e:
        check(data=b"%PDF-", size=21 * MB, max_bytes=20 * MB)
    assert e.value.code == "file_too_large" and "20 MB" in e.value.message and "21 MB" in e.value.message


def test_the_filename_keeps_no_path_or_control_characters_and_takes_the_real_extension():
    png = image_bytes("PNG")
    checked = check(data=png, size=len(png), max_bytes=MB)
    assert clean_filename("..\\..\\C:\\windows\\营业执照 副本.pdf", checked) == "营业执照 副本.png"
    assert clean_filename("../../etc/passwd", checked) == "passwd.png"
    assert clean_filename('a<b>:"c|?*\x00\n.jpg', checked) == "a_b_c.png"
    assert clean_filename("...", checked) == "材料.png"
    assert len(clean_filename("长" * 300 + ".png", checked)) == 80
