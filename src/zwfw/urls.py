from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zwfw.api import api
from zwfw.inputs import guard_urls

admin.site.site_header = "zwfw 政务服务平台管理"
admin.site.site_title = "zwfw 管理"
admin.site.index_title = "后台管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("catalog/", include("zwfw.catalog.urls")),
    path("cases/", include("zwfw.cases.urls")),
    path("licences/", include("zwfw.licences.urls")),
    path("credit/", include("zwfw.credit.urls")),
    path("feedback/", include("zwfw.feedback.urls")),
    path("hall/", include("zwfw.hall.urls")),
    path("assessment/", include("zwfw.assessment.urls")),
    path("briefing/", include("zwfw.briefing.urls")),
    path("documents/", include("zwfw.documents.urls")),
    path("fees/", include("zwfw.fees.urls")),
    path("files/", include("zwfw.casefiles.urls")),
    path("routing/", include("zwfw.routing.urls")),
    path("notices/", include("zwfw.notices.urls")),
    path("", include("zwfw.web.urls")),
]

handler404 = "zwfw.errorpages.not_found"
handler500 = "zwfw.errorpages.server_error"
guard_urls(urlpatterns)  # pages: NUL and over-long values are a 400 naming the field (the API checks its own)
