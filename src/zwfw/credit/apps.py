from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "zwfw.credit"
    label = "credit"
    verbose_name = "异常名录"
