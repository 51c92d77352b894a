from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "zwfw.web"
    label = "web"
    verbose_name = "页面"
