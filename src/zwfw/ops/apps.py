from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "zwfw.ops"
    verbose_name = "运维"
