#!/usr/bin/python3
"""smtp_sink.py OUT [SECONDS]: an SMTP server (aiosmtpd) on a free port of
127.0.0.1 that takes one message: it writes its port to OUT.port, and what
arrives to OUT.eml (the bytes) and OUT.json (envelope sender and recipients),
then stops; it stops after SECONDS (30) in any case."""
import json, os, socket, sys, time
from aiosmtpd.controller import Controller

out = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30


class Sink:
    async def handle_DATA(self, server, session, envelope):
        with open(out + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(out + ".json.tmp", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        os.rename(out + ".json.tmp", out + ".json")
        return "250 OK"


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
server = Controller(Sink(), hostname="127.0.0.1", port=port)
server.start()
with open(out + ".port.tmp", "w") as f:
    f.write(str(port))
os.rename(out + ".port.tmp", out + ".port")
deadline = time.time() + seconds
while time.time() < deadline and not os.path.exists(out + ".json"):
    time.sleep(0.05)
server.stop()
