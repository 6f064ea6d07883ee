"""The web application (Starlette) and ``serve``, which runs it on uvicorn.

Pages: 首页, 审查, 汇总, 生成 (template list, one template), 起草, and a job's page (progress, then
the result and its downloads). A browser session is a random cookie; a job belongs to the session
that started it, and only that session sees it or downloads its files.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import webbrowser
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ... import __version__
from ...errors import TuanwenError, UsageError
from ...files import clean_stale, temp_prefix
from ...render.schema import TYPE_CN
from ...report.labels import severity_label
from ..cluster import LOCAL
from .guard import LOOPBACK, Guard, refusal
from .jobs import Job, Jobs
from .uploads import Limits, UploadRefused, free_name, save, top_level
from .work import REGISTERS

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8730
HERE = Path(__file__).parent
COOKIE = "tuanwen_session"
EXPIRED = "页面已过期（或浏览器禁用了本页的 Cookie），请刷新页面后再试"
NO_JOB = "找不到这个任务：它可能已过期被清除，或不是在这个浏览器里开始的"
NO_FILE = "这个任务没有这个文件"
BAD_FORM = "上传的内容不完整或无法识别，请刷新页面后重新选择文件再试"
TITLES = {"check": "审查", "convert": "汇总", "generate": "生成", "draft": "起草"}
CLUSTERED = ("check", "convert")  # the workflows that may run on a cluster (settings page)
# The 起草 form's figures (lang/draft.py's keys) with their labels.
FIGURES = [("members", "团员人数"), ("applicants", "递交入党申请书人数"), ("recommended", "推优人数"),
           ("activities", "开展活动次数"), ("participants", "参加活动人次"), ("hours", "志愿服务时长（小时）"),
           ("study_done", "完成青年大学习人数")]

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(version=__version__, titles=TITLES, severity_label=severity_label, type_cn=TYPE_CN)
templates.env.filters["url"] = lambda name: quote(str(name))


def _owner(request: Request) -> str | None:
    value = request.cookies.get(COOKIE)
    return value if value and re.fullmatch(r"[A-Za-z0-9_-]{20,64}", value) else None


def _page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("settings", _settings(request))
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if _owner(request) is None:  # a session for the jobs this browser starts (sent back only by this site)
        response.set_cookie(COOKIE, secrets.token_urlsafe(24), httponly=True, samesite="strict")
    return response


def _problem(request: Request, message: str, status: int = 400) -> Response:
    return _page(request, "problem.html", status=status, message=message)


@dataclass(frozen=True)
class Settings:
    """A browser session's settings (kept while the server runs)."""

    cluster: str | None = None  # ``--cluster`` for 审查 and 汇总: None (off), ``local`` or tcp://host:port

    @property
    def remote(self) -> bool:
        """Files leave this machine: they go to another computer's workers."""
        return self.cluster not in (None, LOCAL)


def _settings(request: Request) -> Settings:
    return request.app.state.settings.get(_owner(request), Settings())


def _jobs(request: Request) -> Jobs:
    return request.app.state.jobs


def _job(request: Request) -> Job:
    job = _jobs(request).get(request.path_params["job"], _owner(request))
    if job is None:
        raise HTTPException(404, NO_JOB)
    return job


async def index(request: Request) -> Response:
    return _page(request, "index.html")


async def check_page(request: Request) -> Response:
    return _page(request, "check.html")


async def convert_page(request: Request) -> Response:
    return _page(request, "convert.html")


async def _start(request: Request, kind: str, build) -> Response:
    """Parse the form, make the job, let ``build(form, job)`` save the uploads and return the job's
    parameters, start it and send the browser to the job's page."""
    owner = _owner(request)
    if owner is None:
        return _problem(request, EXPIRED, 403)
    limits: Limits = request.app.state.limits
    try:
        form = await request.form(max_files=limits.max_files, max_fields=200)
    except HTTPException as exc:  # the multipart parser's own (English) refusals
        if exc.status_code != 400:
            raise
        too_many = "files" in str(exc.detail).lower()
        return _problem(request, limits.too_many() if too_many else BAD_FORM, 413 if too_many else 400)
    job = _jobs(request).create(kind, owner)
    try:
        params = await build(form, job)
        if kind in CLUSTERED:
            params["cluster"] = _settings(request).cluster
    except (UploadRefused, TuanwenError) as exc:
        _jobs(request).discard(job)
        return _problem(request, str(exc))
    finally:
        await form.close()
    _jobs(request).start(job, params)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _uploads(form, *names: str) -> list:
    return [v for name in names for v in form.getlist(name) if not isinstance(v, str) and v.filename]


async def check_start(request: Request) -> Response:
    async def build(form, job: Job) -> dict:
        # Named as chosen (化工2201团支部_王子涵.docx, 收到的材料.zip/…); the office's files in a folder beside.
        files = top_level(await save(_uploads(form, "files", "folder"), job.inputs))
        registers = await save(_uploads(form, "registers"), job.inputs, free_name(job.inputs, REGISTERS))
        if not files and not registers:
            raise UsageError("请先选择要审查的文件（可以多选，也可以选一个文件夹或 .zip/.7z/.rar 压缩包）")
        return {"files": files, "registers": registers}
    return await _start(request, "check", build)


async def convert_start(request: Request) -> Response:
    async def build(form, job: Job) -> dict:
        files = top_level(await save(_uploads(form, "files", "folder"), job.inputs))
        if not files:
            raise UsageError("请先选择要汇总的文件（可以多选，也可以选一个文件夹或 .zip/.7z/.rar 压缩包）")
        return {"files": files}
    return await _start(request, "convert", build)


def _schema(name: str):
    from ...render.schema import builtin_names, load_schema

    if name not in builtin_names():
        raise HTTPException(404, f"没有名为“{name}”的模板")
    try:
        return load_schema(name)
    except UsageError as exc:  # its .yaml was edited wrongly: said here, the other templates still work
        raise HTTPException(500, f"模板“{name}”暂时无法使用：{exc}") from None


async def generate_list(request: Request) -> Response:
    from ...render.catalog import builtin_schemas

    broken: dict[str, str] = {}
    return _page(request, "generate.html", schemas=builtin_schemas(broken), broken=broken)


async def generate_page(request: Request) -> Response:
    return _page(request, "template.html", schema=_schema(request.path_params["name"]))


async def generate_sheet(request: Request) -> Response:
    from ...render.catalog import workbook_bytes

    schema = _schema(request.path_params["name"])
    name = f"{schema.title or schema.name}_录入表.xlsx"
    return Response(workbook_bytes(schema, filled=False), media_type=_XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


async def generate_start(request: Request) -> Response:
    schema = _schema(request.path_params["name"])

    async def build(form, job: Job) -> dict:
        data = await save(_uploads(form, "data")[:1], job.inputs)
        if not data:
            raise UsageError("请先选择填好的录入表（.xlsx），或 .csv/.json/.yaml 数据文件")
        return {"template": schema.name, "data": data[0], "pdf": form.get("pdf") == "on"}
    return await _start(request, "generate", build)


async def draft_page(request: Request) -> Response:
    from ...lang.draft import TOPICS

    return _page(request, "draft.html", topics=TOPICS, figures=FIGURES)


def _activities(text: str) -> list[dict[str, str]]:
    """One activity per line: 名称，日期，地点，参加人数 (the later ones optional)."""
    out = []
    for line in text.splitlines():
        parts = [p.strip() for p in re.split(r"[，,|｜]", line)]
        if parts and parts[0]:
            out.append({k: v for k, v in zip(("name", "date", "place", "participants"), parts) if v})
    return out


async def draft_start(request: Request) -> Response:
    async def build(form, job: Job) -> dict:
        facts: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in ("org", "branch", "date", "period")}
        facts["topic"] = [str(t) for t in form.getlist("topic")]
        facts["figures"] = {k: str(form.get(k)).strip() for k, _ in FIGURES if str(form.get(k) or "").strip()}
        facts["activities"] = _activities(str(form.get("events") or ""))
        for key in ("problems", "plans"):
            facts[key] = [line.strip() for line in str(form.get(key) or "").splitlines() if line.strip()]
        if not facts["org"] or not facts["date"]:
            raise UsageError("请填写落款单位和成文日期")
        return {"facts": {k: v for k, v in facts.items() if v not in ("", [], {})}}
    return await _start(request, "draft", build)


async def settings_page(request: Request) -> Response:
    from ..cluster import available

    return _page(request, "settings.html", cluster_installed=available(), saved=request.query_params.get("saved"))


async def settings_save(request: Request) -> Response:
    """Save this session's settings; a wrong address or a missing extra is said on the page."""
    from ..cluster import MISSING, Cluster, available

    owner = _owner(request)
    if owner is None:
        return _problem(request, EXPIRED, 403)
    form = await request.form(max_files=0, max_fields=10)
    mode = str(form.get("cluster") or "off")
    address = {"off": None, "local": LOCAL}.get(mode, str(form.get("address") or "").strip())
    try:
        if address is not None:
            if not available():
                raise UsageError(MISSING)
            Cluster(address)  # says what a valid address looks like
    except UsageError as exc:
        return _page(request, "settings.html", status=400, cluster_installed=available(), error=str(exc),
                     mode=mode, address=address)
    request.app.state.settings[owner] = Settings(cluster=address)
    return RedirectResponse("/settings?saved=1", status_code=303)


async def job_page(request: Request) -> Response:
    return _page(request, "job.html", job=_job(request))


async def job_status(request: Request) -> Response:
    return JSONResponse(_job(request).status())


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def job_file(request: Request) -> Response:
    job = _job(request)
    path = job.download(request.path_params["name"])
    if path is None or not path.is_file():
        raise HTTPException(404, NO_FILE)
    if request.query_params.get("view") == "1" and path.suffix == ".html":
        # Shown inside the page: a sandbox of its own, unable to reach this site's cookies or jobs.
        return FileResponse(path, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": "sandbox allow-scripts"})
    return FileResponse(path, filename=path.name)


async def job_delete(request: Request) -> Response:
    if _owner(request) is None:
        return _problem(request, EXPIRED, 403)
    _jobs(request).discard(_job(request))
    return RedirectResponse("/", status_code=303)


async def http_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else {
        404: "找不到这个页面", 405: "不支持这种请求"}.get(exc.status_code, "请求无法处理")
    if "text/html" in request.headers.get("accept", ""):
        return _problem(request, message, exc.status_code)
    return refusal(request.scope, exc.status_code, message)


def create_app(root: Path | None = None, *, hosts: set[str] | None = frozenset(), limits: Limits = Limits(),
               config: Path | None = None, workers: int = 2) -> Starlette:
    """The application; jobs live under ``root`` (default: a new temporary folder), removed when the
    application stops. ``hosts``: the names the page may be opened under (default: this machine's
    loopback names, and these); None: any name (a server open to the network)."""
    owned = root is None
    root = Path(root or tempfile.mkdtemp(prefix=temp_prefix() + "web-"))

    @asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        app.state.jobs.close()
        if owned:
            shutil.rmtree(root, ignore_errors=True)

    routes = [
        Route("/", index),
        Route("/check", check_page), Route("/check", check_start, methods=["POST"]),
        Route("/convert", convert_page), Route("/convert", convert_start, methods=["POST"]),
        Route("/generate", generate_list),
        Route("/generate/{name}", generate_page), Route("/generate/{name}", generate_start, methods=["POST"]),
        Route("/generate/{name}/sheet", generate_sheet),
        Route("/draft", draft_page), Route("/draft", draft_start, methods=["POST"]),
        Route("/settings", settings_page), Route("/settings", settings_save, methods=["POST"]),
        Route("/jobs/{job}", job_page), Route("/jobs/{job}/status", job_status),
        Route("/jobs/{job}/files/{name:path}", job_file), Route("/jobs/{job}/delete", job_delete, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    guard = Middleware(Guard, hosts=None if hosts is None else LOOPBACK | set(hosts), limits=limits)
    app = Starlette(routes=routes, middleware=[guard], lifespan=lifespan,
                    exception_handlers={HTTPException: http_error})
    app.state.jobs = Jobs(root, workers=workers, config=config)
    app.state.limits = limits
    app.state.settings = {}  # browser session → Settings
    return app


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = True) -> None:
    """Run the page until Ctrl-C; print its address and open it in the default browser."""
    import click
    import uvicorn

    _refuse_taken(host, port)
    clean_stale(tempfile.gettempdir())  # job folders of a server killed hard
    anywhere = host in ("0.0.0.0", "::")
    if host not in LOOPBACK:
        click.echo(f"警告：网页将在 {host} 上开放，局域网中的其他电脑也能打开它并上传文件；"
                   "只在可信的网络中这样做，用完请按 Ctrl+C 停止。", err=True)
    config = Path("tuanwen.toml").resolve() if Path("tuanwen.toml").is_file() else None
    app = create_app(hosts=None if anywhere else {host}, config=config)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on"))
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if anywhere else shown}:{port}/"

    def announce() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.1)
        if server.started:
            click.echo(f"团文网页已启动：{address}\n在浏览器中打开这个地址即可使用；按 Ctrl+C 停止。")
            if open_browser:
                webbrowser.open(address)
    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:  # Ctrl-C: uvicorn has shut down (jobs stopped, folders removed), then re-raised it
        pass
    except (OSError, SystemExit):  # uvicorn exits when it cannot listen (a port taken meanwhile)
        raise UsageError(_cannot_listen(host, port)) from None
    click.echo("团文网页已停止，临时文件已清除。")


def _cannot_listen(host: str, port: int) -> str:
    return (f"无法在 {host}:{port} 上启动网页：这个端口可能已被占用（也许团文网页已经开着），"
            f"可以换一个端口，如 tuanwen serve --port {port + 1}")


def _refuse_taken(host: str, port: int) -> None:
    """Say in Chinese that the address cannot be listened on, before uvicorn says it in English."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise UsageError(f"无法识别地址“{host}”；一般不用给 --host，默认 127.0.0.1 即本机") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            raise UsageError(_cannot_listen(host, port)) from None

