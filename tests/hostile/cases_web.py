"""Hostile .7z and .rar archives of submissions, as the web page's 审查 and 汇总 receive them (the page
runs the commands on its uploads, so the commands are what is driven here)."""

from __future__ import annotations

from pathlib import Path

from archives import rar4, seven_zip

from .corpus import Context, Run, case

SUMMARY = "城关镇团委2025年工作总结\n全年开展主题团日活动6次，参加团员120人次。\n".encode()


def _nothing_outside(name: str):
    """An ``unsafe`` check: no file called ``name`` anywhere above or beside the command's folder."""
    def check(work: Path, proc) -> str | None:
        hits = [p for p in work.parent.rglob(name)]
        return f"{name} was written outside the archive's folder: {hits}" if hits else None
    return check


@case("rar-escapes-and-links")
def rar_escapes(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    rar4(ctx.dir / "in/收到的材料.rar", {"..\\..\\逃出.txt": SUMMARY, "../../逃出2.txt": SUMMARY,
                                         "/tmp/tw-绝对路径.txt": SUMMARY, "城关镇团委/总结.txt": SUMMARY},
         links={"链接.txt": "/etc/passwd"})
    return Run(["check", "in", "--format", "json", "--annotate", "批注"], listed=["收到的材料.rar/城关镇团委/总结.txt"],
               outdirs=["批注"], unsafe=[_nothing_outside("逃出.txt"), _nothing_outside("逃出2.txt"),
                                         lambda work, proc: "absolute member written" if Path(
                                             "/tmp/tw-绝对路径.txt").exists() else None])


@case("7z-bomb-solid")
def seven_zip_bomb(ctx: Context) -> Run:
    """64 MB of zeros in a 10 KB .7z beside an honest member: refused whole, quickly, in little memory."""
    (ctx.dir / "in").mkdir()
    import libarchive

    with libarchive.file_writer(str(ctx.dir / "in/炸弹.7z"), "7zip") as archive:
        archive.add_file_from_memory("总结.txt", len(SUMMARY), SUMMARY)
        archive.add_file_from_memory("填充.txt", 64 * 2**20, (b"\0" * 2**20 for _ in range(64)))
    return Run(["convert", "in", "-o", "out/汇总.json"], listed=["炸弹.7z"], report="out/汇总.json", outdirs=["out"],
               exit_codes=(0, 2))


@case("7z-too-many-members")
def seven_zip_many(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    seven_zip(ctx.dir / "in/多.7z", {f"{i}.txt": b"" for i in range(2001)})
    (ctx.dir / "in/总结.txt").write_bytes(SUMMARY)
    return Run(["check", "in", "--format", "json"], listed=["多.7z", "总结.txt"])


@case("rar-truncated-and-locked")
def rar_broken(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    whole = rar4(ctx.dir / "whole.rar", {"总结.txt": SUMMARY * 2000})
    (ctx.dir / "in/截断.rar").write_bytes(whole.read_bytes()[:5000])
    whole.unlink()
    rar4(ctx.dir / "in/加密.rar", {"总结.txt": SUMMARY}, locked=True)
    (ctx.dir / "in/总结.txt").write_bytes(SUMMARY)
    return Run(["convert", "in", "-o", "out/汇总.xlsx"], listed=["截断.rar", "加密.rar", "总结.txt"],
               report="out/汇总.xlsx", outdirs=["out"])
