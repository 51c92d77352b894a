from django.apps import AppConfig


class BulkConfig(AppConfig):
    name = "zwfw.bulk"
    label = "bulk"
    verbose_name = "批量推送"
