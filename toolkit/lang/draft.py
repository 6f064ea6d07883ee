"""A first draft of a 工作总结 from facts (``tuanwen draft``: ``toolkit.app.draft``).

Every factual sentence comes from the data: the state of the branch (基本情况),
what it did (主要做法: the activities), what came of it (取得成效: the figures,
shares computed) and what fell short (存在不足: the problems given, else what the
figures show). Paragraphs retrieved from corpus/reference by topic (TF-IDF over
character bigrams, query = the facts' own words) are wording only: the opening
that frames the facts and, when the data give no plans, the intentions; they
claim nothing that happened. The command renders the result with the built-in
``summary`` template. The same data always give the same draft; different data
choose differently among equally fitting paragraphs, so two branches' drafts do
not read as copies of each other.

Data (YAML/JSON/CSV/XLSX; one record): the fields of ``templates/draft.yaml``
(``tuanwen templates draft`` shows them, ``--example``/``--sheet`` write a
starting file), by name or Chinese label; the figures may also come grouped
under ``figures:``. A key that is none of these is refused with the nearest
valid one, never dropped silently.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import string
from functools import lru_cache
from typing import Any

import yaml

from ..cn.dates import format_cn_date, parse_date
from ..cn.text import listing
from ..errors import UsageError
from ..resources import CORPUS_DIR, TEMPLATES_DIR

TOPICS = ("推优", "团建", "主题团日", "志愿服务", "青年大学习", "大团委建设", "团员教育评议", "智慧团建")
GENERAL = "通用"
# Chinese names accepted for the data's keys besides the labels of templates/draft.yaml.
ALIASES = {
    "组织": "org", "落款": "org", "名称": "branch", "日期": "date", "期间": "period", "数据": "figures",
    "不足": "problems", "问题": "problems", "打算": "plans", "计划": "plans", "服务时长": "hours",
}
FIGURES = ("members", "applicants", "recommended", "activities", "participants", "hours", "study_done")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """templates/draft.yaml: the facts a draft is written from (the one list of its fields)."""
    with open(TEMPLATES_DIR / "draft.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _names(fields: list[dict]) -> dict[str, str]:
    """Every accepted spelling of the fields' keys (name, label) → the name."""
    return {spelling: f["name"] for f in fields for spelling in (f["name"], f.get("label") or f["name"])}


def _known() -> tuple[dict[str, str], dict[str, str]]:
    """Accepted keys of the facts and of one activity."""
    fields = schema()["fields"]
    activity = next(f for f in fields if f["name"] == "activities")["columns"]
    top = _names(fields) | ALIASES | {k: k for k in (*FIGURES, "figures")}
    return top, _names(activity) | {"地点": "place", "参加人数": "participants"}


def _unknown(found: list[str], known: dict[str, str], where: str = "") -> list[str]:
    def nearest(key: str) -> str:
        close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.5)
        return f"（是不是“{close[0]}”？）" if close else ""

    return [f"{where}“{k}”{nearest(k)}" for k in found if k not in known]
# The parts a corpus paragraph may fill, and how many each takes: framing and intentions are wording;
# the other parts state what was and what happened, which only the data know.
QUOTA = {"intro": 1, "plans": 3}
_FIELDS = string.Formatter()


@lru_cache(maxsize=1)
def reference() -> list[dict[str, str]]:
    """corpus/reference/summary.yaml, with each paragraph's placeholder names."""
    with open(CORPUS_DIR / "reference" / "summary.yaml", encoding="utf-8") as fh:
        entries = yaml.safe_load(fh)
    for e in entries:
        e["needs"] = frozenset(name for _, name, _, _ in _FIELDS.parse(e["text"]) if name)
    return entries


@lru_cache(maxsize=1)
def _index():
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True)
    matrix = vec.fit_transform(f"{e['topic']} {e['text']}" for e in reference())
    return vec, matrix


def _canon(raw: dict[str, Any]) -> dict[str, Any]:
    """The facts keyed by field name; a ``UsageError`` naming every key that is no field
    (with the nearest valid one) rather than a draft that quietly leaves it out."""
    top, activity = _known()
    raw = {str(k).strip(): v for k, v in raw.items()}
    bad = _unknown(list(raw), top)
    out = {top.get(k, k): v for k, v in raw.items()}
    figures = out.get("figures")
    if isinstance(figures, dict):
        figures = {str(k).strip(): v for k, v in figures.items()}
        bad += _unknown(list(figures), {k: k for k in (*FIGURES, "activity_count")} | top, "figures 中的")
        out["figures"] = {top.get(k, k): v for k, v in figures.items()}
    acts = out.get("activities")
    if isinstance(acts, list):
        rows = [{str(k).strip(): v for k, v in a.items()} if isinstance(a, dict) else a for a in acts]
        bad += [m for i, a in enumerate(rows, 1) if isinstance(a, dict) for m in _unknown(list(a), activity, f"第{i}项活动的")]
        out["activities"] = [{activity.get(k, k): v for k, v in a.items()} if isinstance(a, dict) else a for a in rows]
    _refuse(bad)
    return out


def refuse_columns(headers: list[str]) -> None:
    """A ``UsageError`` naming every column of a sheet that is no fact, with the nearest valid key
    (a column beside the activities' columns could be either kind)."""
    top, activity = _known()
    _refuse(_unknown(headers, top | activity))


def _refuse(bad: list[str]) -> None:
    if bad:
        raise UsageError(f"数据中有不认识的项：{listing(list(dict.fromkeys(bad)), unit='项')}。"
                         "可用的项见 tuanwen templates draft（项名可写英文名或中文名）")


def _int(value: Any, what: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        raise UsageError(f"“{what}”应为整数，实际为“{value}”") from None
    if n < 0:
        raise UsageError(f"“{what}”不能为负数：{n}")
    return n


def _pct(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%"


def _date(value: Any, what: str):
    d = parse_date(value) if value not in (None, "") else None
    if d is None or not d.valid or d.day is None:
        raise UsageError(f"“{what}”缺失或无法识别：{value!r}（应为 2026-06-30 或 2026年6月30日）")
    return d


def _as_list(value: Any, seps: str = "；;\n") -> list:
    """A list as given, or a string split at ``seps`` (one spreadsheet cell)."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [s.strip() for s in re.split(f"[{seps}]+", value) if s.strip()]
    return list(value) if isinstance(value, (list, tuple)) else [value]


class Facts:
    """The draft's data, validated, with the values placeholders can use."""

    def __init__(self, raw: dict[str, Any]) -> None:
        raw = _canon(raw)
        self.org = str(raw.get("org") or "").strip()
        if not self.org:
            raise UsageError("数据缺少“org”（落款单位），无法起草")
        self.branch = str(raw.get("branch") or self.org).strip()
        self.date = _date(raw.get("date"), "date（成文日期）")
        self.period = str(raw.get("period") or f"{self.date.year}年").strip()
        topics = [str(t).strip() for t in _as_list(raw.get("topic"), "；;\n、，,")]
        unknown = [t for t in topics if t not in TOPICS]
        if unknown:
            raise UsageError(f"未知的主题“{'、'.join(unknown)}”：可选 {'、'.join(TOPICS)}")
        self.topics = topics
        # From a spreadsheet the figures come as columns beside the others; there a
        # number under "activities" is the count, text the activities' names.
        figures = raw.get("figures") or {}
        if not isinstance(figures, dict):
            raise UsageError("“figures”应为键值对，如 members: 32")
        figures = dict(figures)
        if raw.get("activity_count") not in (None, ""):
            figures["activities"] = raw["activity_count"]
        if "activity_count" in figures:
            figures["activities"] = figures.pop("activity_count")
        for k in FIGURES:
            v = raw.get(k)
            if k not in figures and v not in (None, "") and not isinstance(v, (list, dict)) \
                    and (k != "activities" or str(v).strip().isdigit()):
                figures[k] = v
        acts = raw.get("activities")
        acts = [] if "activities" in figures and not isinstance(acts, list) else _as_list(acts)
        self.activities = [a if isinstance(a, dict) else {"name": str(a)} for a in acts]
        # A spreadsheet cell's items often lack the full stop the genre needs.
        self.problems = [str(p).strip().rstrip("。；;，,") + "。" for p in _as_list(raw.get("problems"))]
        self.plans = [str(p).strip().rstrip("。；;，,") + "。" for p in _as_list(raw.get("plans"))]
        label = "、".join(topics) if topics else ""
        self.title = str(raw.get("title") or f"{self.branch}{self.period}{label}工作总结").strip()
        n = {k: _int(figures.get(k), k) for k in FIGURES}
        if n["activities"] is None and self.activities:
            n["activities"] = len(self.activities)
        if n["participants"] is None and self.activities and all(a.get("participants") for a in self.activities):
            n["participants"] = sum(_int(a["participants"], "participants") or 0 for a in self.activities)
        self.numbers = n
        self.values: dict[str, str] = {"branch": self.branch, "period": self.period}
        self.values.update({k: str(v) for k, v in n.items() if v is not None})
        if n["study_done"] is not None and n["members"]:
            self.values["study_rate"] = _pct(n["study_done"], n["members"])
        for k in ("applicants", "recommended", "study_done"):
            if n[k] is not None and n["members"] and n[k] > n["members"]:
                raise UsageError(f"“{k}”（{n[k]}）不应大于团员人数 members（{n['members']}）")

    def seed(self) -> int:
        """Stable over runs (not Python's salted hash): same data, same draft."""
        key = json.dumps([self.org, self.branch, self.period, self.topics, self.numbers,
                          [sorted(map(str, a.items())) for a in self.activities]], ensure_ascii=False)
        return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:12], 16)

    def query(self) -> str:
        words = self.topics + [str(a.get("name", "")) for a in self.activities] + self.problems + self.plans
        return " ".join(words) or GENERAL


def choose(facts: Facts, part: str, k: int, seed: int) -> list[str]:
    """``k`` corpus paragraphs for ``part``: the facts' topics in turn, then general
    ones; within a topic the best TF-IDF matches to the facts first, varied by
    ``seed`` among close matches."""
    from sklearn.metrics.pairwise import linear_kernel

    if part not in QUOTA:
        raise ValueError(f"{part}: not a part the corpus words (see QUOTA)")
    entries = reference()
    vec, matrix = _index()
    sims = linear_kernel(vec.transform([facts.query()]), matrix)[0]

    def ranked(topic: str) -> list[int]:
        pool = [i for i, e in enumerate(entries)
                if e["part"] == part and e["topic"] == topic and e["needs"] <= facts.values.keys()]
        jitter = {i: ((seed >> (i % 40)) ^ (i * 2654435761)) % 1000 / 1000 for i in pool}
        return sorted(pool, key=lambda i: -(sims[i] + 0.15 * jitter[i]))

    queues = [ranked(t) for t in facts.topics]
    picked: list[int] = []
    while len(picked) < k and any(queues):
        for q in queues:
            if q and len(picked) < k:
                picked.append(q.pop(0))
    picked += ranked(GENERAL)[:k - len(picked)]
    return [entries[i]["text"].format_map(facts.values) for i in picked]


def _activity(a: dict[str, Any]) -> str:
    name = str(a.get("name") or "").strip().strip("“”\"")
    if not name:
        raise UsageError("“activities”中有活动缺少名称（name）")
    when = format_cn_date(_date(a["date"], f"活动“{name}”的日期")) if a.get("date") else ""
    where = f"在{a['place']}" if a.get("place") else ""
    who = _int(a.get("participants"), f"活动“{name}”的参加人数")
    body = f"{when}，支部组织团员{where}开展“{name}”活动" if when else f"支部组织团员{where}开展“{name}”活动"
    if who:
        body += f"，共有{who}名团员参加"
    body += "。"
    if a.get("summary"):
        body += str(a["summary"]).strip().rstrip("。") + "。"
    return f"开展“{name}”活动。{body}"


def _phrase(key: str, values: dict[str, str], seed: int) -> str:
    """The data sentence ``key`` of the corpus (its facts are all placeholders), chosen by ``seed``
    among the entries of that key."""
    entries = [e for e in reference() if e.get("key") == key]
    return entries[seed % len(entries)]["text"].format_map(values)


def _stated(f: Facts) -> dict[str, str]:
    """The values the data sentences state: the facts', and the shares and shortfalls computed."""
    n, values = f.numbers, dict(f.values)
    if n["members"]:
        for k in ("applicants", "recommended"):
            if n[k] is not None:
                values[f"{k}_share"] = _pct(n[k], n["members"])
        if n["study_done"] is not None and n["study_done"] < n["members"]:
            values["study_missing"] = str(n["members"] - n["study_done"])
        few = [a for a in f.activities if (p := _int(a.get("participants"), "participants")) and p * 2 <= n["members"]]
        if few:
            values["few_attended"] = "、".join(f"“{a['name']}”{a['participants']}人" for a in few[:3])
    return values


def _data(f: Facts, seed: int) -> dict[str, list[str]]:
    """基本情况, 取得成效 and 存在不足 as the data state them, in the corpus's data sentences."""
    v = _stated(f)
    has = lambda *keys: all(k in v for k in keys)  # noqa: E731
    basics = ("members_applicants" if has("members", "applicants_share") else "members" if has("members")
              else "applicants" if has("applicants") else None)
    results = [("recommended_share" if has("recommended_share") else "recommended") if has("recommended") else None,
               ("activities_participants" if has("activities", "participants") else "activities" if has("activities")
                else "participants" if has("participants") else None),
               "hours" if has("hours") else None,
               ("study_rate" if has("study_rate") else "study_done") if has("study_done") else None]
    short = [k for k in ("study_missing", "few_attended") if has(k)] or ["none"]
    say = lambda keys: [_phrase(k, v, seed) for k in keys if k]  # noqa: E731
    return {"basics": say([basics]), "results": say(results), "shortcomings": say(short)}


def compose(facts: Facts) -> dict[str, Any]:
    """The ``summary`` template's record for these facts."""
    seed = facts.seed()
    stated = _data(facts, seed)
    return {
        "title": facts.title,
        "intro": choose(facts, "intro", QUOTA["intro"], seed),
        "basics": stated["basics"],
        "practices": [_activity(a) for a in facts.activities],
        "results": stated["results"],
        "shortcomings": facts.problems or stated["shortcomings"],
        "plans": facts.plans or choose(facts, "plans", QUOTA["plans"], seed),
        "org": facts.org,
        "date": facts.date.iso(),
    }


def main_terms(record: dict[str, Any], k: int = 10) -> list[str]:
    """The draft's main terms (jieba TF-IDF keywords with the field's user dictionary)."""
    from ..cn.segment import analyser

    text = "\n".join(v if isinstance(v, str) else "\n".join(v) for key, v in record.items() if key != "date")
    return analyser().extract_tags(text, topK=k, allowPOS=("n", "nz", "nt", "ns", "vn", "v"))
