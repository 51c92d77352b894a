def test_home_page_is_chinese_and_offers_login(client, db):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "省政务服务大厅" in body and "登录" in body


def test_openapi_schema_is_published(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"].startswith("zwfw")
