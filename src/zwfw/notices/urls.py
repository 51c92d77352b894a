from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("inbox/", views.inbox_view, name="inbox"),
    path("inbox/read", views.mark_read_view, name="read"),
]
