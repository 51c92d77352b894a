from django.apps import AppConfig


class CasefilesConfig(AppConfig):
    name = "zwfw.casefiles"
    label = "casefiles"
    verbose_name = "申请材料文件"
