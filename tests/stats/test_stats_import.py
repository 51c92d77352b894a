"""Daily figures from other systems: CSV files and the API; re-sending replaces; the briefing sums both."""
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from zwfw.accounts import services as accounts
from zwfw.errors import DomainError
from zwfw.stats import csvimport, queries, services
from zwfw.stats.models import DailyCount

GOOD = """日期,部门,事项类型,指标,数量
2023-09-04,省公安厅,行政许可,受理,120
2023-09-04,省公安厅,行政许可,办结,95
2023/9/5, 省市场监管局 ,公共服务,受理,"1,500"
2023年9月5日,SC,20,办结,1400
2023-09-05,省公安厅,,咨询,33
"""


def test_pure_parser_tolerates_variants():
    depts = {"省公安厅": "GA", "GA": "GA"}
    types = {"行政许可": "01", "01": "01"}
    text = "\ufeff 统计日期 \t单位名称\t事项类别\t统计指标\t数量（件）\n 2023-09-04 \t GA\t01\t受理\t 7 \n\n"
    assert csvimport.parse(text, depts, types) == [
        {"row": 2, "day": dt.date(2023, 9, 4), "department": "GA", "power_type": "01", "kind": "accepted", "count": 7}]
    assert csvimport.decode("日期".encode("gbk")) == "日期"
    assert csvimport.decode("\ufeff日期".encode("utf-8")) == "\ufeff日期".lstrip("\ufeff")


def test_pure_parser_reports_every_bad_row_by_number():
    text = "日期,部门,事项类型,指标,数量\n2023-02-30,GA,01,受理,1\n2023-09-04,XX,01,受理,1\n2023-09-04,GA,01,审查,1\n" \
           "2023-09-04,GA,01,受理,-3\n2023-09-04,GA,,受理,1\n"
    with pytest.raises(DomainError) as exc:
        csvimport.parse(text, {"GA": 1}, {"01": 1})
    message = exc.value.message
    assert message.startswith("文件有误，未导入任何数据。")
    for line in ["第 2 行：日期“2023-02-30”不存在", "第 3 行：部门“XX”不在部门名录中", "第 4 行：指标“审查”无法识别",
                 "第 5 行：数量“-3”不是非负整数", "第 6 行：事项类型为空"]:
        assert line in message
    with pytest.raises(DomainError, match="表头缺少列：指标、数量"):
        csvimport.parse("日期,部门,事项类型\n2023-09-04,GA,01\n", {"GA": 1}, {"01": 1})


def test_csv_import_gbk_file_and_reimport_replaces(departments, types, add_event, at, tmp_path):
    add_event("accepted", at(2023, 9, 4), departments[0], types["permit"])
    path = tmp_path / "tianfu.csv"
    path.write_bytes(GOOD.encode("gbk"))
    out = io.StringIO()
    call_command("stats", "import-csv", str(path), "--source", "天府通办", stdout=out)
    assert "已导入来源“天府通办”的日统计 5 条" in out.getvalue()
    figures = queries.period(dt.date(2023, 9, 4), dt.date(2023, 9, 5))
    assert figures["permit"] == {"accepted": 121, "completed": 95}  # our event plus the import
    assert figures["public_service"] == {"accepted": 1500, "completed": 1400}
    assert queries.totals(dt.date(2023, 9, 5), dt.date(2023, 9, 5))["consulted"] == 33
    # The same file again: replaced, not doubled; a corrected figure replaces the old one.
    path.write_bytes(GOOD.replace(",120", ",130").encode("utf-8-sig"))
    call_command("stats", "import-csv", str(path), "--source", "天府通办", stdout=io.StringIO())
    assert queries.period(dt.date(2023, 9, 4), dt.date(2023, 9, 5))["permit"] == {"accepted": 131, "completed": 95}
    assert DailyCount.objects.filter(source="天府通办").count() == 5


def test_a_bad_csv_imports_nothing(departments, types, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(GOOD + "2023-09-06,省公安厅,行政许可,受理,十二\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 7 行：数量“十二”不是非负整数"):
        call_command("stats", "import-csv", str(path), "--source", "天府通办")
    assert DailyCount.objects.count() == 0
    with pytest.raises(CommandError, match="保留给本平台"):
        call_command("stats", "import-csv", str(tmp_path / "bad.csv"), "--source", "platform")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("stats", "import-csv", str(tmp_path / "missing.csv"), "--source", "天府通办")


def post(client, key, body):
    return client.post("/api/stats/daily-counts", json.dumps(body), content_type="application/json",
                       **{"HTTP_X_API_KEY": key})


def test_api_department_key_posts_only_its_own_department(departments, types):
    ga, sc, _ = departments
    _, key = accounts.issue_api_key(ga, "统计对接")
    client = Client()
    row = {"day": "2023-09-04", "department": "GA", "power_type": "行政许可", "kind": "受理", "count": 12}
    r = post(client, key, {"source": "公安审批系统", "rows": [row]})
    assert r.status_code == 200, r.content
    assert r.json() == {"source": "公安审批系统", "stored": 1}
    r = post(client, key, {"source": "公安审批系统", "rows": [{**row, "count": 15}]})
    assert queries.ytd(dt.date(2023, 9, 4))["permit"]["accepted"] == 15
    r = post(client, key, {"source": "公安审批系统", "rows": [row, {**row, "department": "SC"}]})
    assert r.status_code == 403
    assert "只能办理本部门" in r.json()["message"]
    assert queries.ytd(dt.date(2023, 9, 4))["permit"]["accepted"] == 15
    r = post(client, key, {"source": "公安审批系统", "rows": [{**row, "kind": "审查"}]})
    assert r.status_code == 400 and "第 1 条：指标“审查”无法识别" in r.json()["message"]


def test_api_ytd_and_period(departments, types, add_event, at):
    add_event("accepted", at(2023, 9, 4), departments[0], types["public_service"], comprehensive=True)
    add_event("consulted", at(2023, 9, 5), departments[0], None, comprehensive=True)
    _, key = accounts.issue_api_key(departments[1], "统计对接")
    client = Client()
    r = client.get("/api/stats/ytd", {"date": "2023-09-08"}, HTTP_X_API_KEY=key)
    assert r.status_code == 200, r.content
    assert r.json()["public_service"] == {"accepted": 1, "completed": 0}
    assert r.json()["comprehensive_window"] == {"consulted": 1, "accepted": 1, "issued": 0, "transferred": 0}
    r = client.get("/api/stats/period", {"start": "2023-09-05", "end": "2023-09-05"}, HTTP_X_API_KEY=key)
    assert r.json()["totals"]["consulted"] == 1 and r.json()["public_service"]["accepted"] == 0
    r = client.get("/api/stats/period", {"start": "2023-09-06", "end": "2023-09-05"}, HTTP_X_API_KEY=key)
    assert r.status_code == 400 and r.json()["message"] == "起始日期不能晚于截止日期。"
    assert client.get("/api/stats/ytd", {"date": "2023-09-08"}).status_code == 401


def test_ytd_command_json(departments, types, add_event, at):
    add_event("accepted", at(2023, 1, 1, 0, 30), departments[0], types["permit"])
    add_event("completed", at(2023, 9, 8, 17), departments[0], types["other"][0])
    add_event("transferred", at(2023, 9, 4), departments[1], types["permit"], comprehensive=True)
    add_event("transferred", at(2023, 9, 1), departments[1], types["permit"], comprehensive=True)
    out = io.StringIO()
    call_command("stats", "ytd", "--date", "2023-09-08", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "as_of": "2023-09-08",
        "permit": {"accepted": 1, "completed": 0},
        "public_service": {"accepted": 0, "completed": 0},
        "other": {"types": 9, "accepted": 0, "completed": 1},
        "comprehensive_window": {"week": {"consulted": 0, "accepted": 0, "issued": 0, "transferred": 1},
                                 "ytd": {"consulted": 0, "accepted": 0, "issued": 0, "transferred": 2}},
    }
    out = io.StringIO()
    call_command("stats", "ytd", "--date", "2023-09-08", stdout=out)
    assert "其它 9 类行权事项受理 0 件，办结 1 件" in out.getvalue()
    out = io.StringIO()
    call_command("stats", "rebuild", "--from", "2023-01-01", "--to", "2023-12-31", stdout=out)
    assert "共 4 条计数" in out.getvalue()


def test_admin_is_read_only(departments, admin_client):
    r = admin_client.get("/admin/stats/dailycount/")
    assert r.status_code == 200 and "日统计" in r.content.decode()
    assert admin_client.get("/admin/stats/dailycount/add/").status_code == 403


def test_duplicate_rows_in_one_batch_are_refused(departments, types):
    row = {"day": dt.date(2023, 9, 4), "department": departments[0], "power_type": types["permit"],
           "kind": "accepted", "count": 1}
    with pytest.raises(DomainError, match="第 2 条：与前面的记录重复"):
        services.import_daily_counts([row, row], "天府通办")
    assert DailyCount.objects.count() == 0
