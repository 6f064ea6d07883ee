"""``tuanwen serve``: the toolkit on a local web page (审查, 汇总, 生成, 起草).

    serve(host="127.0.0.1", port=8730, open_browser=True)

The page runs on this computer only and calls the same functions as the commands; each
piece of work runs as a background job in its own temporary folder (``jobs``), uploads are
saved under limits (``uploads``), and requests from other sites are refused (``guard``).
"""

from .server import DEFAULT_HOST, DEFAULT_PORT, create_app, serve

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "create_app", "serve"]
