from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "zwfw.fees"
    label = "fees"
    verbose_name = "收费"
