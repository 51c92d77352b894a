"""Production mode, run as the README's "Production" section says: DEBUG off, the development key
refused, `zwfw check --deploy` silent, gunicorn serving a page and /static/ through WhiteNoise."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ZWFW = str(Path(sys.executable).with_name("zwfw"))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def production_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "ZWFW_DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({
        "ZWFW_SECRET_KEY": "k" * 10 + "production-secret-for-the-suite-0123456789-abcdefgh",
        "ZWFW_ALLOWED_HOSTS": "zwfw.example.gov.cn,127.0.0.1",
        "ZWFW_HTTPS": "1",
        "ZWFW_BEHIND_PROXY": "1",
        "ZWFW_CSRF_TRUSTED_ORIGINS": "https://zwfw.example.gov.cn",
        "ZWFW_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'zwfw.sqlite3'}",
    })
    env.update(extra)
    return env


def zwfw(env, *args, check=True):
    return subprocess.run([ZWFW, *args], env=env, capture_output=True, text=True, timeout=300, check=check)


def test_debug_is_off_by_default_and_the_development_key_refuses_to_start(tmp_path):
    env = production_env(tmp_path)
    del env["ZWFW_SECRET_KEY"]
    r = zwfw(env, "check", check=False)
    assert r.returncode != 0 and "ZWFW_SECRET_KEY" in r.stderr
    r = zwfw({**env, "ZWFW_DEBUG": "1"}, "check", check=False)
    assert r.returncode == 0, r.stderr


def test_check_deploy_with_the_documented_environment_prints_no_warning(tmp_path):
    r = zwfw(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "WARNING" not in r.stderr and "System check identified no issues" in r.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_a_page_and_static_files_with_debug_off(tmp_path):
    # Plain HTTP on the loopback, so no SSL redirect here (the proxy terminates TLS in production).
    env = production_env(tmp_path, ZWFW_SSL_REDIRECT="0", ZWFW_WORKERS="2")
    zwfw(env, "migrate", "--noinput")
    zwfw(env, "collectstatic", "--noinput")
    port = _free_port()
    server = subprocess.Popen([GUNICORN, "-c", "python:zwfw.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
                               "zwfw.wsgi"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                page = urllib.request.urlopen(urllib.request.Request(
                    base + "/accounts/login/", headers={"X-Forwarded-Proto": "https"}), timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start: " + server.stderr.read1().decode())
        html = page.read().decode()
        assert page.status == 200 and "登录" in html
        assert page.headers["X-Request-ID"] and page.headers["Strict-Transport-Security"]
        css = next(part.split('"')[0] for part in html.split('href="')[1:] if part.startswith("/static/web/"))
        assert css != "/static/web/site.css", "hashed (manifest) name expected"
        static = urllib.request.urlopen(urllib.request.Request(base + css, headers={"Accept-Encoding": "gzip"}))
        assert static.status == 200 and static.headers["Content-Encoding"] == "gzip"
        assert "immutable" in static.headers["Cache-Control"]
        docs = urllib.request.urlopen(base + "/api/docs").read().decode()
        asset = docs.split('src="')[1].split('"')[0]
        assert asset.startswith("/static/ninja/")
        assert urllib.request.urlopen(base + asset).status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
