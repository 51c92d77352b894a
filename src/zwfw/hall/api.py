from ninja import Router

router = Router(tags=["大厅管理"])
