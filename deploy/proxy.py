"""configurable-http-proxy (the Python port from PyPI) with limits fit for a class.

JupyterHub starts this in place of the plain `configurable-http-proxy` command (see
jupyterhub_config.py); the arguments are the proxy's own.

The port forwards each request with tornado's shared HTTP client and keeps that client's
defaults: at most 10 requests in flight at once (the rest wait in a queue) and 20 seconds for
each, queueing included. Measured with tests/tooling/test_hub.py: when 10 students log in at
once on a busy 2-core machine, their servers take about 30 s to start, so the spawn-progress
streams that wait for them were cut off with "503 Timeout during request". Here the client takes
up to MAX_REQUESTS at once, and JupyterHub's configuration passes --proxy-timeout.
"""

import sys

from configurable_http_proxy.cli import main
from tornado.httpclient import AsyncHTTPClient

# Requests forwarded at once. A student with JupyterLab open keeps a few long requests going
# (spawn progress, nbgitpuller's pull); 1000 covers several hundred students.
MAX_REQUESTS = 1000

if __name__ == "__main__":
    AsyncHTTPClient.configure(None, max_clients=MAX_REQUESTS)
    sys.exit(main())
