"""The REST API: one NinjaAPI that mounts each domain app's router."""
from ninja import NinjaAPI

from zwfw.errors import DomainError
from zwfw.inputs import guard_operation

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


def _mount() -> None:
    from zwfw.accounts.api import router as accounts
    from zwfw.assessment.api import router as assessment
    from zwfw.briefing.api import router as briefing
    from zwfw.cases.api import router as cases
    from zwfw.catalog.api import router as catalog
    from zwfw.credit.api import router as credit
    from zwfw.feedback.api import router as feedback
    from zwfw.hall.api import router as hall
    from zwfw.licences.api import router as licences
    from zwfw.stats.api import router as stats
    from zwfw.workdays.api import router as workdays

    for prefix, router in [
        ("/workdays", workdays), ("/accounts", accounts), ("/catalog", catalog), ("/cases", cases),
        ("/licences", licences), ("/credit", credit), ("/feedback", feedback), ("/hall", hall),
        ("/assessment", assessment), ("/stats", stats), ("/briefing", briefing),
    ]:
        api.add_router(prefix, router)


_mount()
