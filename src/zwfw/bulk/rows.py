"""The rows of a batch of pushed events (pure: values in, values out).

A row is a dict with ``event_id``, ``case`` (the case number), ``event`` (an event kind a department's
system may push) and optionally ``at``, ``version`` and the step's own fields (``reason``, ``legal_basis``,
``kind``, ``to``, ``delivery``, ``tracking_number``, ``provided``, ``notice``, ``expected_days``,
``approved_by``, ``notified``). The API's JSON, a CSV file and a JSON Lines file all become such rows;
``clean`` checks one and says what is wrong with it at its field, in Chinese.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from zwfw.cases import lifecycle
from zwfw.errors import DomainError
from zwfw.inputs import MAX_TEXT, check_text

MAX_ROWS = 10_000
EVENT_ID_LENGTH = 64
SHANGHAI = ZoneInfo("Asia/Shanghai")
TEXTS = ("reason", "legal_basis", "kind", "office", "approver", "delivery", "tracking_number", "notice", "approved_by")
COLUMNS = ("event_id", "case", "event", "at", "version", "expected_days", "notified", "provided", *TEXTS)


@dataclass(frozen=True)
class Row:
    index: int          # position in the batch, from 0
    event_id: str
    case: str
    code: str           # the lifecycle action the event stands for
    at: dt.datetime | None
    version: int | None
    params: dict


@dataclass(frozen=True)
class Rejected:
    index: int
    event_id: str
    case: str
    code: str
    message: str
    field: str | None

    def as_dict(self) -> dict:
        return {"index": self.index, "event_id": self.event_id, "case": self.case, "code": self.code,
                "message": self.message, "field": self.field}


def _text(raw: dict, name: str, max_length: int = MAX_TEXT) -> str:
    value = raw.get(name)
    value = "" if value is None else str(value).strip()
    return check_text(value, name, max_length=max_length)


def _at(value) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise DomainError(f"办理时间“{value}”格式不正确，应为 2026-12-07T10:30:00+08:00。", code="bad_at",
                              field="at") from None
    if not isinstance(value, dt.datetime):
        raise DomainError("办理时间格式不正确，应为 2026-12-07T10:30:00+08:00。", code="bad_at", field="at")
    if value.tzinfo is None:  # a department's wall clock is Beijing time
        value = value.replace(tzinfo=SHANGHAI)
    if not 1990 <= value.year <= 2100:
        raise DomainError("办理时间超出范围。", code="bad_at", field="at")
    return value


def _int(value, field: str, label: str, lo: int, hi: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not str(value).strip().lstrip("-").isdigit() or len(str(value).strip()) > 10:
        raise DomainError(f"{label}须为整数。", code="invalid_number", field=field)
    n = int(str(value).strip())
    if not lo <= n <= hi:
        raise DomainError(f"{label}应在 {lo} 至 {hi} 之间。", code="number_out_of_range", field=field)
    return n


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in ("1", "true", "yes", "on", "是")


def _list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):  # CSV: 申请书、营业执照 or 申请书;营业执照
        value = value.replace("；", ";").replace("、", ";").split(";")
    if not isinstance(value, (list, tuple)):
        raise DomainError("补正材料应为材料名称的列表。", code="bad_list", field="provided")
    return [check_text(str(v).strip(), "provided", max_length=200) for v in value if str(v).strip()]


def clean(index: int, raw) -> Row:
    """One row checked; DomainError at its field otherwise."""
    if not isinstance(raw, dict):
        raise DomainError("每条事件应为一个 JSON 对象。", code="bad_row", field="events")
    event_id = _text(raw, "event_id", EVENT_ID_LENGTH)
    if not event_id:
        raise DomainError("请填写事件编号（event_id），同一部门内唯一，用于识别重复推送。", code="event_id_required",
                          field="event_id")
    number = _text(raw, "case", 32)
    if not number:
        raise DomainError("请填写办件编号（case）。", code="case_required", field="case")
    event = _text(raw, "event", 32)
    code = lifecycle.EVENT_TO_ACTION.get(event)
    if code is None:
        raise DomainError(f"事件“{event}”不能推送，应为：{'、'.join(lifecycle.EVENT_TO_ACTION)}。",
                          code="unknown_event", field="event")
    # the single-event endpoint's defaults (ActionIn): blank texts, nothing provided, not notified
    params = {name: _text(raw, name) for name in TEXTS}
    params |= {"provided": _list(raw.get("provided")), "notified": _flag(raw.get("notified")),
               "expected_days": _int(raw.get("expected_days"), "expected_days", "特别程序预计工作日数", 1, 365)}
    return Row(index=index, event_id=event_id, case=number, code=code, at=_at(raw.get("at")),
               version=_int(raw.get("version"), "version", "办件版本号（version）", 0, 2**31 - 1), params=params)


def rejected(index: int, raw, exc: DomainError) -> Rejected:
    raw = raw if isinstance(raw, dict) else {}
    return Rejected(index, str(raw.get("event_id") or "")[:EVENT_ID_LENGTH], str(raw.get("case") or "")[:32],
                    exc.code, exc.message, exc.field)


def check_size(n: int) -> None:
    if n == 0:
        raise DomainError("没有事件：请在 events 中提供至少一条事件。", code="empty_batch", field="events")
    if n > MAX_ROWS:
        raise DomainError(f"一次最多推送 {MAX_ROWS} 条事件，本次 {n} 条；请分批推送。", code="too_many_events",
                          field="events")


def read_file(data: bytes, name: str) -> list:
    """The raw rows of a CSV (header row, UTF-8, with or without BOM) or JSON Lines file.

    A JSON Lines line that is not a JSON object becomes a string, which ``clean`` refuses for that row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("文件不是 UTF-8 编码，请另存为 UTF-8 后重试。", code="encoding", field="file") from None
    if name.lower().endswith((".jsonl", ".ndjson", ".json")):
        out = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                out.append(line)
        return out
    if name.lower().endswith(".csv"):
        reader = csv.DictReader(io.StringIO(text))
        missing = {"event_id", "case", "event"} - set(reader.fieldnames or ())
        if missing:
            raise DomainError(f"CSV 缺少列：{'、'.join(sorted(missing))}（列名见 docs/intake.md）。", code="columns",
                              field="file")
        return [{k: v for k, v in r.items() if k in COLUMNS} for r in reader]
    raise DomainError("文件应为 .csv 或 .jsonl（JSON Lines）。", code="file_kind", field="file")
