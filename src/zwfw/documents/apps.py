from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zwfw.documents"
    verbose_name = "文书"
