"""What a person does in the browser tests: log in with the test halls' password, take a case action."""


def login(page, base, username, password="secret-pass-1"):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def act(page, code, **fields):
    """Fill the case page's form for action ``code`` and submit it."""
    form = page.locator(f"form.action-{code}")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button").click()
    page.wait_for_load_state()
