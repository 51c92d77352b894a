from ninja import Router

router = Router(tags=["账户与角色"])
