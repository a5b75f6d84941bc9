#!/usr/bin/env python3
"""An HTTP proxy in front of a SPARQL server that misbehaves on request.

    faulty_proxy.py UPSTREAM PORT_FILE

Listens on a free loopback port (written to PORT_FILE once it listens) and
forwards every request to UPSTREAM (e.g. http://127.0.0.1:7878), unless a
fault is set. Faults are set by `POST /__fault` with a body of one of:

    none              forward everything
    fail-writes-after N   forward N writes (POST update=, PUT, DELETE), then
                      answer every later write 500
    flaky             answer every other request 503 (the ones between pass)
    slow S            wait S seconds before forwarding each request
    html              answer every request 200 with an HTML page
    unauthorized      answer every request 401 with a basic challenge

`GET /__log` answers the Authorization headers and request lines seen so
far (to check what a client sent). Used by tests/remote.rs only.
"""

import http.server
import os
import sys
import threading
import time
import urllib.error
import urllib.request

UPSTREAM = sys.argv[1].rstrip("/")
PORT_FILE = sys.argv[2]

state = {"fault": "none", "arg": 0, "writes": 0, "count": 0}
log = []
lock = threading.Lock()

class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", content_type="text/plain", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/__fault":
            words = body.decode().split()
            with lock:
                state["fault"] = words[0]
                state["arg"] = float(words[1]) if len(words) > 1 else 0
                state["writes"] = 0
                state["count"] = 0
            return self.reply(204)
        if self.path == "/__log":
            with lock:
                text = "\n".join(log).encode()
            return self.reply(200, text)
        write = self.command in ("PUT", "DELETE") or body.startswith(b"update=")
        with lock:
            log.append(f"{self.command} {self.path} {self.headers.get('Authorization', '')}")
            fault, arg = state["fault"], state["arg"]
            state["count"] += 1
            count = state["count"]
            if write:
                state["writes"] += 1
            writes = state["writes"]
        if fault == "fail-writes-after" and write and writes > arg:
            return self.reply(500, b"Internal error: the disk is full")
        if fault == "flaky" and count % 2 == 1:
            return self.reply(503, b"Service temporarily unavailable")
        if fault == "html":
            page = b"<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>"
            return self.reply(200, page, "text/html; charset=utf-8")
        if fault == "unauthorized":
            return self.reply(401, b"Unauthorized", headers=[("WWW-Authenticate", 'Basic realm="x"')])
        if fault == "slow":
            time.sleep(arg)
        request = urllib.request.Request(
            UPSTREAM + self.path,
            data=body if self.command in ("POST", "PUT") else None,
            method=self.command,
        )
        for name in ("Content-Type", "Accept"):
            if self.headers.get(name):
                request.add_header(name, self.headers[name])
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, data = response.status, response.read()
                content_type = response.headers.get("Content-Type", "text/plain")
        except urllib.error.HTTPError as e:
            status, data = e.code, e.read()
            content_type = e.headers.get("Content-Type", "text/plain")
        try:
            self.reply(status, data, content_type)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_PUT = do_DELETE = handle_any

class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up waiting (the slow fault) is expected


server = Server(("127.0.0.1", 0), Proxy)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))

os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
