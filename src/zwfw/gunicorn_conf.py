"""gunicorn settings for production: ``gunicorn -c python:zwfw.gunicorn_conf zwfw.wsgi``.

Workers default to 2 × CPU cores + 1 (gunicorn's advice for synchronous workers);
``ZWFW_WORKERS``, ``ZWFW_BIND`` and ``ZWFW_TIMEOUT`` override.
"""
import multiprocessing
import os

bind = os.environ.get("ZWFW_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("ZWFW_WORKERS", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("ZWFW_TIMEOUT", "120"))  # briefing import and PDF rendering take a while
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("ZWFW_FORWARDED_ALLOW_IPS", "127.0.0.1")
