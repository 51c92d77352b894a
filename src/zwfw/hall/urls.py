from django.urls import path

from . import views

app_name = "hall"
urlpatterns = [
    path("", views.week, name="week"),
    path("inspections/", views.week),
    path("inspections/new", views.new_round, name="new_round"),
    path("inspections/new/", views.new_round),
    path("findings/<int:pk>/photo/", views.finding_photo, name="finding_photo"),
]
