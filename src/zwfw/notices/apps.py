from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "zwfw.notices"
    label = "notices"
    verbose_name = "办事通知"
