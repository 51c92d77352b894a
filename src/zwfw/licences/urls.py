from django.urls import path

from . import views

app_name = "licences"
urlpatterns = [
    path("", views.licence_list, name="list"),
    path("verify/", views.verify, name="verify"),
    path("<int:pk>/", views.licence_detail, name="detail"),
]
