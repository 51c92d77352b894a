"""Navigation by role and the error pages, in Chinese."""
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

from zwfw.web import navigation


def test_the_current_page_is_highlighted_in_the_top_bar(web_hall, login):
    body = login(web_hall.users["lingdao"]).get("/").content.decode()
    assert '<a href="/" class="current" aria-current="page">首页</a>' in body
    links = navigation.nav_links(web_hall.users["zhongxin"])
    assert navigation.current(links, "/briefing/news/").label == "窗口动态"
    assert navigation.current(links, "/briefing/12/").label == "窗口工作周报"
    assert navigation.current(links, "/hall/inspections/new").label == "大厅管理"
    assert navigation.current(links, "/nowhere/") is None


def test_top_bar_offers_only_routed_pages_the_role_may_use(web_hall):
    leader = [link.label for link in navigation.nav_links(web_hall.users["lingdao"])]
    assert leader[0] == "首页" and "后台管理" not in leader and "异常名录" not in leader
    clerk = [link.path for link in navigation.nav_links(web_hall.users["lcj"])]
    assert all(path.startswith("/") for path in clerk)
    assert f"/assessment/windows/{web_hall.dept['省林草局'].pk}/" in clerk
    assert "/hall/" not in clerk and "/briefing/" not in clerk


def test_missing_page_is_a_chinese_404(client, db):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "您要找的页面不存在" in body and "/no-such-page/" in body and "返回首页" in body


def test_forbidden_is_a_chinese_403(web_hall):
    request = RequestFactory().get("/assessment/entries/new/")
    request.user = web_hall.users["lingdao"]
    response = defaults.permission_denied(request, PermissionDenied())
    body = response.content.decode()
    assert response.status_code == 403
    assert "您没有权限访问此页面" in body and "中心领导" in body


def test_server_error_is_a_chinese_500_without_the_database(rf):
    response = defaults.server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "系统暂时出现故障" in body and "返回首页" in body


def test_openapi_schema_is_published(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"].startswith("zwfw")
