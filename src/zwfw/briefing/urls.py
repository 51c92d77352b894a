from django.urls import path

from zwfw.briefing import views

app_name = "briefing"
urlpatterns = [
    path("", views.issue_list, name="list"),
    path("new/", views.issue_create, name="create"),
    path("<int:pk>/", views.issue_edit, name="edit"),
    path("<int:pk>/save/", views.issue_save, name="save"),
    path("<int:pk>/distribution/", views.issue_distribution, name="distribution"),
    path("<int:pk>/publish/", views.issue_publish, name="publish"),
    path("<int:pk>/skip/", views.issue_skip, name="skip"),
    path("<int:pk>/download.<str:fmt>", views.issue_download, name="download"),
    path("<int:pk>/erratum/", views.issue_erratum, name="erratum"),
    path("<int:pk>/reissue/", views.issue_reissue, name="reissue"),
    path("corrections/<int:cid>/download.<str:fmt>", views.correction_download, name="correction_download"),
    path("news/", views.news_desk, name="news"),
]
