from django.urls import path

from . import portal, views

app_name = "feedback"
urlpatterns = [
    path("", views.rectification_list, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
    path("portal/", portal.home, name="portal"),
    path("portal/cases/<str:number>/", portal.my_case, name="portal_case"),
    path("track/", portal.public_track, name="track"),
    path("receipt/<str:number>/", portal.receipt, name="receipt"),
]
