"""Django's 404/500 handlers: JSON ``{code, message, field}`` under /api/, the Chinese pages elsewhere."""
from django.http import JsonResponse
from django.views import defaults

from zwfw.middleware import current_request_id


def _api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _api(request):
        return JsonResponse({"code": "not_found", "message": "接口地址不存在。", "field": None}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _api(request):
        message = f"服务器内部错误，请稍后重试；如问题持续，请联系政务平台服务处并提供请求编号 {current_request_id()}。"
        return JsonResponse({"code": "server_error", "message": message, "field": None}, status=500)
    return defaults.server_error(request)
