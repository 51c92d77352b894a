from django.urls import path

from . import views

app_name = "credit"
urlpatterns = [
    path("", views.listing_list, name="list"),
    path("new/", views.listing_new, name="new"),
    path("<int:pk>/", views.listing_detail, name="detail"),
]
