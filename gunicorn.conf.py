"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py lms_site.wsgi`."""

import multiprocessing
import os

# Loopback by default: only the reverse proxy on this host reaches gunicorn, so nobody
# can send it a forged X-Forwarded-For (TRUSTED_PROXY_COUNT). Set GUNICORN_BIND (e.g.
# "0.0.0.0:8000") only when the proxy is on another host and a firewall lets only it in.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
