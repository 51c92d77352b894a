"""Where material files are stored: local disk under var/ by default, an S3-compatible bucket by setting."""
import sys

from zwfw.settings import MEDIA_ROOT, casefiles_storage


def test_by_default_files_go_to_local_disk_under_media_root_never_served():
    config = casefiles_storage({})
    assert config["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["OPTIONS"]["location"] == str(MEDIA_ROOT / "casefiles") and config["OPTIONS"]["base_url"] is None
    assert casefiles_storage({"ZWFW_CASEFILES_ROOT": "/srv/zwfw/files"})["OPTIONS"]["location"] == "/srv/zwfw/files"


def test_an_s3_compatible_bucket_by_setting_without_importing_it_before_use():
    config = casefiles_storage({"ZWFW_CASEFILES_S3_BUCKET": "zwfw-files", "ZWFW_CASEFILES_S3_ENDPOINT_URL": "https://oss.example",
                                "ZWFW_CASEFILES_S3_ACCESS_KEY_ID": "id", "ZWFW_CASEFILES_S3_SECRET_ACCESS_KEY": "secret",
                                "ZWFW_CASEFILES_S3_REGION": "cn-southwest-1"})
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"] == {"bucket_name": "zwfw-files", "default_acl": "private", "querystring_auth": True,
                                 "file_overwrite": False, "location": "casefiles", "endpoint_url": "https://oss.example",
                                 "region_name": "cn-southwest-1", "access_key": "id", "secret_key": "secret"}
    assert "storages" not in sys.modules  # only imported when the storage is first used
