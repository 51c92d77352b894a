from ninja import Router

router = Router(tags=["窗口考核"])
