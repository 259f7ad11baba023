"""An example webhook receiver: verifies each message's signature (Standard Webhooks,
HMAC-SHA256) and applies the change to a local copy of the API, kept in a JSON file.

    python scripts/webhook_receiver.py --secret whsec_… --port 8090 --copy copy.json

Give the subscription the address http://127.0.0.1:8090/ (a local address needs
MEETINGS_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"] in the site's settings). A subscription
receives the changes made after it exists: with --api, the receiver first fills an empty copy
from the change feed (/api/v1/changes/), then applies each message. The copy is
{"<type> <id>": item}, as the feed's replay gives it; a message seen before (the same
webhook-id, as on a retry) is acknowledged and not applied twice. Standard library only.
"""

import argparse
import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TOLERANCE = 5 * 60  # seconds a message's timestamp may be off, against replays


def verified(secret: str, headers, body: bytes) -> bool:
    message_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not (message_id and timestamp.isdigit()) or abs(time.time() - int(timestamp)) > TOLERANCE:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(
        hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    ).decode()
    # Several signatures while the sender rotates its secret: any one that matches will do.
    return any(
        hmac.compare_digest(f"v1,{expected}", given)
        for given in headers.get("webhook-signature", "").split(" ")
    )


class LocalCopy:
    def __init__(self, path: Path | None):
        self.path = path
        self.items = json.loads(path.read_text()) if path and path.exists() else {}
        self.seen: set[str] = set()
        self.lock = threading.Lock()

    def apply(self, message_id: str, message: dict) -> None:
        change = message["data"]
        key = f"{change['type']} {change['id']}"
        with self.lock:
            if message_id in self.seen:
                return
            self.seen.add(message_id)
            if change["operation"] == "upsert":
                self.items[key] = change["item"]
            else:
                self.items.pop(key, None)
            if self.path:
                self.path.write_text(json.dumps(self.items, ensure_ascii=False, indent=1))


def initial_sync(api: str, copy: LocalCopy) -> None:
    """Fill ``copy`` from the change feed, from the start (docs/changes.md)."""
    since = ""
    while True:
        query = f"?since={since}" if since else ""
        with urllib.request.urlopen(f"{api.rstrip('/')}/changes/{query}") as response:  # noqa: S310
            page = json.load(response)
        for change in page["changes"]:
            copy.apply(f"feed:{change['type']}:{change['id']}:{since}", {"data": change})
        since = page["next"]
        if not page["has_more"]:
            return


def server(secret: str, copy: LocalCopy, port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            if not verified(secret, headers, body):
                self.send_response(401)
            else:
                copy.apply(headers["webhook-id"], json.loads(body))
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--secret", required=True, help="the subscription's whsec_… secret")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--copy", type=Path, default=Path("webhook-copy.json"))
    parser.add_argument("--api", help="the API's root, e.g. http://127.0.0.1:8000/api/v1/")
    arguments = parser.parse_args()
    copy = LocalCopy(arguments.copy)
    receiving = server(arguments.secret, copy, arguments.port)
    if arguments.api and not copy.items:
        initial_sync(arguments.api, copy)
    print(f"Receiving on http://127.0.0.1:{receiving.server_port}/, copy in {arguments.copy}")
    receiving.serve_forever()


if __name__ == "__main__":
    main()
