from ninja import Router

router = Router(tags=["异常名录"])
