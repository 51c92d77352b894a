from ninja import Router

router = Router(tags=["窗口工作周报"])
