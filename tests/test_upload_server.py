"""The upload limit is the server's, not only the browser's: Streamlit refuses
a body over ``server.maxUploadSize`` (.streamlit/config.toml) while it streams,
before it is buffered or spooled, whatever the page's widget would allow."""
from __future__ import annotations

import asyncio
import os
import tomllib
import urllib.error
import urllib.request
import uuid
from pathlib import Path


from dashboard import upload
from dashboard.headless import streamlit_process

ROOT = Path(__file__).resolve().parent.parent


def test_config_limit_matches_the_readers_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 == upload.MAX_BYTES


async def _open_session(url: str):
    """A websocket session as the browser opens it; returns (connection, session id)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    ws = await connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                       max_size=None, open_timeout=60)
    request = BackMsg()
    request.rerun_script.query_string = ""
    request.rerun_script.page_script_hash = ""
    await ws.send(request.SerializeToString())
    async for raw in ws:
        message = ForwardMsg()
        message.ParseFromString(raw)
        if message.WhichOneof("type") == "new_session":
            return ws, message.new_session.initialize.session_id
    raise AssertionError("no session")


def _put(url: str, session: str, size: int) -> int | str:
    """PUT one file of ``size`` bytes to the session's upload endpoint, as the
    uploader widget does: the HTTP status, or "reset" when the server answered
    and closed the connection before taking the whole body."""
    # the page's XSRF cookie and header, made the way Streamlit's own page makes them
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    token = generate_xsrf_token_string(os.urandom(16))
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + b"a" * size + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{url}/_stcore/upload_file/{session}/{uuid.uuid4().hex}", data=body, method="PUT",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                                              "X-Xsrftoken": token, "Cookie": f"_streamlit_xsrf={token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError) as error:
        if isinstance(getattr(error, "reason", error), (ConnectionResetError, BrokenPipeError)):
            return "reset"
        raise


def test_server_refuses_an_upload_over_the_limit(tmp_path):
    with streamlit_process(tmp_path) as (url, _process):
        async def scenario():
            ws, session = await _open_session(url)
            try:
                small = await asyncio.to_thread(_put, url, session, 1000)
                large = await asyncio.to_thread(_put, url, session, upload.MAX_BYTES + 2**20)
            finally:
                await ws.close()
            return small, large

        small, large = asyncio.run(scenario())
        healthy = urllib.request.urlopen(url + "/_stcore/health", timeout=10).read() == b"ok"
    assert small == 204  # the same request under the limit is taken: the refusal is the size's
    assert large in (413, "reset")  # 413 from the Content-Length, before the body is read
    assert healthy
