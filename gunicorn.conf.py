"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py lms_site.wsgi`.

- workers: 2 × cores + 1 processes (WEB_CONCURRENCY), each with 2 threads (GUNICORN_THREADS,
  the gthread worker): a request waiting on the database or Redis leaves the core to another.
- keepalive 5 s: a browser loading a page and its assets reuses one connection.
- max_requests 2000 ± 200: each worker is replaced after that many requests (jittered so
  they do not restart together), which caps any slow memory growth.
- timeout 60 s: a worker stuck longer is killed and replaced.
`make bench` measures this set-up against plain sync workers (`--config repo`).
"""

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
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
# gunicorn's usual line, then the request's id (the X-Request-ID Aula answered with): the
# same id as nginx's access log and Aula's own log lines for that request.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
