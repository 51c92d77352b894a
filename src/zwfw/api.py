"""The REST API: one NinjaAPI that mounts each domain app's router.

Every error is ``{code, message, field}`` in Chinese: domain errors, unknown objects (404),
invalid input (400 with the field), throttling (429) and server errors (500, logged with the
request id, never a traceback).
"""
import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DataError
from django.http import Http404, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from zwfw.errors import DomainError
from zwfw.inputs import guard_operation, too_large_message
from zwfw.middleware import current_request_id

log = logging.getLogger("zwfw.api")

api = NinjaAPI(
    title="zwfw 政务服务平台 API",
    version="1",
    description="省政务服务大厅与一体化政务服务平台接口。错误统一返回 {code, message, field}。",
    urls_namespace="api",
)
api.add_decorator(guard_operation)  # NUL, length, number and date bounds on every operation


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


def _error(request, status: int, code: str, message: str, field: str | None = None):
    return api.create_response(request, {"code": code, "message": message, "field": field}, status=status)


# What each pydantic error means, said to a person.
_PROBLEMS = {
    "missing": "为必填项", "int_parsing": "须为整数", "int_type": "须为整数", "int_from_float": "须为整数",
    "float_parsing": "须为数字", "float_type": "须为数字", "bool_parsing": "须为 true 或 false",
    "bool_type": "须为 true 或 false", "string_type": "须为文本", "list_type": "须为列表",
    "dict_type": "须为对象", "model_type": "须为对象", "model_attributes_type": "须为对象",
    "date_parsing": "须为日期，格式如 2026-01-05", "date_type": "须为日期，格式如 2026-01-05",
    "date_from_datetime_parsing": "须为日期，格式如 2026-01-05",
    "date_from_datetime_inexact": "须为日期，格式如 2026-01-05",
    "datetime_parsing": "须为时间，格式如 2026-01-05T09:30:00+08:00",
    "datetime_type": "须为时间，格式如 2026-01-05T09:30:00+08:00",
    "datetime_from_date_parsing": "须为时间，格式如 2026-01-05T09:30:00+08:00",
    "string_too_long": "过长", "string_too_short": "过短", "too_long": "项数过多",
    "greater_than": "超出允许范围", "greater_than_equal": "超出允许范围", "less_than": "超出允许范围",
    "less_than_equal": "超出允许范围", "finite_number": "超出允许范围", "json_invalid": "不是有效的 JSON",
    "enum": "不是允许的取值", "literal_error": "不是允许的取值", "string_pattern_mismatch": "格式不正确",
}


def field_of(loc) -> str | None:
    """``("body", "payload", "applicant", "name")`` → ``applicant.name``; ``("query", "limit")`` → ``limit``."""
    rest = [str(part) for part in loc[1:]]
    if loc and loc[0] == "body" and len(rest) > 1:
        rest = rest[1:]  # the operation's parameter name, not the client's field
    return ".".join(rest) or None


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    field = field_of(first.get("loc", ()))
    problem = _PROBLEMS.get(first.get("type", ""), "格式不正确")
    message = f"“{field}”{problem}。" if field else f"请求内容{problem}。"
    return _error(request, 400, "invalid", message, field)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "not_found", "请求的对象不存在。")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, "unauthenticated", "请先登录，或在请求头 X-API-Key 中提供接口密钥。")


_HTTP_MESSAGES = {400: "请求内容无法解析，请检查格式。", 403: "没有权限执行此操作。", 404: "请求的对象不存在。",
                  405: "不支持此请求方法。", 429: "请求过于频繁，请稍后再试。"}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    status = exc.status_code
    return _error(request, status, "http_%d" % status, _HTTP_MESSAGES.get(status, "请求无法处理。"))


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return _error(request, 413, "too_large", too_large_message())


@api.exception_handler(MultiPartParserError)
@api.exception_handler(UnreadablePostError)
@api.exception_handler(SuspiciousOperation)
def malformed(request, exc):
    """A body Django cannot parse (a multipart without boundary, too many fields, …) is the client's fault."""
    log.warning("无法解析的请求 %s %s：%s", request.method, request.path, exc)
    return _error(request, 400, "malformed", "请求内容无法解析，请检查 Content-Type 与请求体格式。")


@api.exception_handler(DataError)
def out_of_range(request, exc):
    """A value the database cannot store (an offset past ±15:59, a number past its column…) is the
    client's: 400, logged so that the service missing the check can be found."""
    log.warning("数据库拒绝的取值 %s %s：%s", request.method, request.path, exc)
    return _error(request, 400, "out_of_range", "请求中的某个值超出允许范围（如时间、时区或数值），请检查后重试。")


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    """Log the traceback with the request id; the client sees only the id."""
    request_id = current_request_id()
    log.error("API 服务器错误 %s %s", request.method, request.path, exc_info=exc)
    return _error(request, 500, "server_error",
                  f"服务器内部错误，请稍后重试；如问题持续，请联系政务平台服务处并提供请求编号 {request_id}。")


def _mount() -> None:
    from zwfw.idempotency import honour

    api.add_decorator(honour, mode="view")
    from zwfw.accounts.api import router as accounts
    from zwfw.assessment.api import router as assessment
    from zwfw.briefing.api import router as briefing
    from zwfw.casefiles.api import router as casefiles
    from zwfw.cases.api import router as cases
    from zwfw.catalog.api import router as catalog
    from zwfw.credit.api import router as credit
    from zwfw.feedback.api import router as feedback
    from zwfw.fees.api import router as fees
    from zwfw.hall.api import router as hall
    from zwfw.licences.api import router as licences
    from zwfw.routing.api import router as routing
    from zwfw.stats.api import router as stats
    from zwfw.workdays.api import router as workdays

    for prefix, router in [
        ("/workdays", workdays), ("/accounts", accounts), ("/catalog", catalog), ("/cases", cases), ("/cases", casefiles),
        ("/licences", licences), ("/credit", credit), ("/feedback", feedback), ("/hall", hall),
        ("/assessment", assessment), ("/stats", stats), ("/briefing", briefing),
        ("/cases", fees),  # /api/cases/{number}/fees and …/payments: the fees of a case
        ("/routing", routing),
    ]:
        api.add_router(prefix, router)


_mount()
