"""`zwfw backup` / `zwfw restore`: the database (SQLite backup API or pg_dump/pg_restore) and the
uploaded files, with a manifest; a round trip gives back exactly what was saved."""
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from conftest import require_tool
from zwfw.catalog.models import Department

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "hall" / "photos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "hall" / "photos" / "门口.jpg").write_bytes(b"\xff\xd8photo-bytes")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _tools():
    if connection.vendor == "postgresql":
        require_tool("pg_dump")
        require_tool("pg_restore")


def test_backup_then_restore_gives_back_the_database_and_the_files(tmp_path, media):
    Department.objects.create(code="T-LCJ", name="四川省林业和草原局", short_name="省林草局")
    archive = tmp_path / "zwfw.tar.gz"
    out = io.StringIO()
    call_command("backup", "--output", str(archive), stdout=out)
    assert str(archive) in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["files"]["hall/photos/门口.jpg"]["size"] == len(b"\xff\xd8photo-bytes")
    assert "media/hall/photos/门口.jpg" in names and manifest["database"]["file"] in names
    assert manifest["migrations"]["accounts"]

    Department.objects.filter(code="T-LCJ").update(name="改过的名字")
    Department.objects.create(code="T-NEW", name="备份之后新增的部门")
    (media / "hall" / "photos" / "门口.jpg").unlink()
    (media / "after.txt").write_text("备份之后的文件")

    call_command("restore", str(archive), "--noinput", stdout=io.StringIO())
    assert list(Department.objects.filter(code__startswith="T-").values_list("code", "name")) == [
        ("T-LCJ", "四川省林业和草原局")]
    assert (media / "hall" / "photos" / "门口.jpg").read_bytes() == b"\xff\xd8photo-bytes"
    assert not (media / "after.txt").exists()
    Department.objects.create(code="T-3", name="恢复后仍可新增")  # sequences restored too


def test_a_damaged_archive_is_refused_and_nothing_changes(tmp_path, media):
    Department.objects.create(code="T-LCJ", name="四川省林业和草原局")
    archive = tmp_path / "zwfw.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name.endswith("门口.jpg"):
                data = b"tampered" + data
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    Department.objects.filter(code="T-LCJ").update(name="现在的名字")
    with pytest.raises(CommandError, match="校验不符"):
        call_command("restore", str(damaged), "--noinput", stdout=io.StringIO())
    assert Department.objects.get(code="T-LCJ").name == "现在的名字"
    assert (media / "hall" / "photos" / "门口.jpg").read_bytes() == b"\xff\xd8photo-bytes"
