"""A minimal LSP client over a `qualify lsp` process (stdlib only), shared by the LSP tests."""
import json
import subprocess
import time


class Client:
    def __init__(self, qualify, cwd=None):
        self.process = subprocess.Popen([qualify, "lsp"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.next_id = 1

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length).decode("utf-8"))

    def request(self, method, params):
        """Sends a request; returns (response, seconds until it came, notifications before it)."""
        request_id = self.next_id
        self.next_id += 1
        start = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        notifications = []
        while True:
            message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message, time.perf_counter() - start, notifications
            notifications.append(message)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def notify_and_wait(self, method, params, wanted="textDocument/publishDiagnostics"):
        """Sends a notification and waits for the server's notification `wanted`."""
        start = time.perf_counter()
        self.notify(method, params)
        while True:
            message = self.receive()
            if message.get("method") == wanted:
                return message, time.perf_counter() - start

    def close(self, timeout=10):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.stdin.close()
        status = self.process.wait(timeout=timeout)
        stderr = self.process.stderr.read().decode("utf-8", "replace")
        self.process.stdout.close()
        self.process.stderr.close()
        return status, stderr
