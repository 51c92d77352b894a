from django.urls import path

from . import views

app_name = "casefiles"
urlpatterns = [
    path("cases/<str:number>/upload", views.upload_view, name="upload"),
    path("cases/<str:number>/reuse", views.reuse_view, name="reuse"),
    path("<int:pk>/", views.file_view, name="view"),
    path("<int:pk>/download", views.file_view, {"download": True}, name="download"),
    path("<int:pk>/verify", views.verify_view, name="verify"),
]
