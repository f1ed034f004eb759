"""Record types shared by every stage: readers produce them, passes enrich them, writers emit them."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

_new, _set = object.__new__, object.__setattr__  # BaseModel's own __setattr__ is Python-level and checks the name


@cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's field names in schema order (asking pydantic for `model_fields` costs microseconds each time)."""
    return tuple(model.model_fields)


class Record(BaseModel):
    """Base: forbid unknown fields so a typo in a reader fails loudly."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def trusted(cls, values: dict[str, Any], fields_set: set[str]) -> Self:
        """A record of every field's value, each already of its field's type (taken from validated records), made
        without validation: a third of the time of validating or of `model_construct`, for records made by the
        million (a cited-by entry per citation). Equal to the validated record; `fields_set` may be shared (see
        pipeline/compact.py)."""
        if tuple(values) != _field_names(cls):  # in schema order, as validation lays out a record's values
            odd = sorted(values.keys() ^ cls.model_fields.keys()) or "in another order"
            raise ValueError(f"{cls.__name__}.trusted needs every field, in schema order; missing or unknown: {odd}")
        record = _new(cls)
        _set(record, "__dict__", values)
        _set(record, "__pydantic_fields_set__", fields_set)
        _set(record, "__pydantic_extra__", None)
        _set(record, "__pydantic_private__", None)
        return record


def assign(record: BaseModel, **values: Any) -> None:
    """`record.name = value` for each of `values`, as pydantic does it for a field without assignment validation (the
    value, and the name in the fields set), minus its two Python-level calls a field: the passes fill in millions of
    citation fields at 100,000 powers."""
    record.__dict__.update(values)
    record.__pydantic_fields_set__.update(values)


class SourceRef(Record):
    """Where a record came from: file path relative to the sources folder, 1-based line (or sheet row)."""

    file: str
    line: int
    sheet: str | None = None


class ArticleRef(Record):
    """One article reference as written, with numbers where they are numeric."""

    text: str = Field(description="as written, e.g. 第二十二条第二款")
    article: int | None = Field(default=None, description="article number (条)")
    article_suffix: int | None = Field(default=None, description="N of 第X条之N")
    paragraph: int | None = Field(default=None, description="款")
    item: int | None = Field(default=None, description="项")
    subitem: int | None = Field(default=None, description="目")
    last_paragraph: bool = Field(default=False, description="末款: the article's last paragraph")
    chapter: int | None = Field(default=None, description="章 of a chapter reference (第五章, 第五章第三节)")
    section: int | None = Field(default=None, description="节 of a section reference")
    annex: int | None = Field(default=None, description="附件 number (1 for an unnumbered 附件)")
    annex_item: int | None = Field(default=None, description="项 of an annex reference (附件第3项)")
    informal: bool = Field(default=False, description="point/part style such as 第四点（二）, kept as written")
    anchor: str | None = Field(default=None, description="site anchor of the article when the text is in the corpus")
    link_status: Literal["linked", "version_differs", "missing_article", "not_in_corpus"] | None = None


class Citation(Record):
    """A citation of an instrument, as extracted from a cell or running text."""

    text: str = Field(description="the citation as written")
    title: str | None = Field(default=None, description="inside the outer 《》")
    kind: str | None = Field(default=None, description="tag such as 政府规章, from [政府规章]")
    doc_number: str | None = Field(default=None, description="发文字号 normalized to 〔〕 and 号")
    doc_number_raw: str | None = None
    version: str | None = Field(default=None, description="version the citation names: latest dated event (2021-01-22) or a year (2007)")
    history: str | None = Field(default=None, description="the parenthesised history as written (通过/公布/修正 …)")
    promulgation_date: str | None = Field(default=None, description="ISO date it was promulgated (公布/发布; else 通过)")
    promulgation_order: str | None = Field(default=None, description="normalized order (or 公告) number that promulgated the version cited")
    effective_date: str | None = Field(default=None, description="ISO date it took effect (自…起施行)")
    amendment_dates: list[str] = Field(default_factory=list, description="ISO dates of the amendments the history names")
    amendment_orders: list[str] = Field(default_factory=list, description="normalized numbers of untitled amending orders")
    issues: str | None = Field(default=None, description="title of the instrument a notice issues (关于印发《X》的通知 → X)")
    role: Literal["cited", "amending", "mentioned", "certificate"] = Field(
        default="cited",
        description="cited: a basis of the record; amending: a decision named in another citation's history; mentioned: named "
        "inside a quoted provision; certificate: a licence, certificate or form in 《》 (not an instrument)",
    )
    articles: list[str] = Field(default_factory=list, description="article references as written")
    article_refs: list[ArticleRef] = Field(default_factory=list)
    provision: str | None = Field(default=None, description="quoted provision text following the citation")
    instrument_id: str | None = None
    target_document: str | None = Field(default=None, description="document id when the text is in the corpus")


class Duty(Record):
    label: str | None = Field(default=None, description="e.g. 通知责任")
    text: str
    seq: int | None = None
    group: str | None = Field(default=None, description="the group label the step stands under, e.g. 直接实施责任")


class Entry(Record):
    """One numbered entry of a cell (追责情形, 追责对象范围): its number as written and its text."""

    seq: str | None = Field(default=None, description="the entry's number as written (1, 一, ①), None for unnumbered text")
    text: str


class Supervision(Record):
    org: str
    phones: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    address: str | None = None
    text: str = Field(description="the channel as written")


class Accountability(Record):
    basis: list[Citation] = Field(default_factory=list)
    supervision: list[Supervision] = Field(default_factory=list)
    text: str | None = Field(default=None, description="the whole 问责依据/监督方式 cell as written (tags stripped)")
    circumstances: list[Entry] = Field(default_factory=list, description="追责情形: the numbered circumstances")
    circumstances_intro: str | None = Field(default=None, description="追责情形: the lead-in before the numbered circumstances")
    circumstances_text: str | None = Field(default=None, description="追责情形 as read")
    targets: list[Entry] = Field(default_factory=list, description="追责对象范围: who is held accountable")
    targets_text: str | None = Field(default=None, description="追责对象范围 as read")


class Power(Record):
    """One item (职权) of a 权责清单, or one 子项 of an item.

    An item is a block of rows (vertically merged cells, or continuation rows with empty 序号 and 名称); its rows add
    to its cells in order. An item with 子项 gives one record per 子项 and none for itself: each 子项 record carries
    the item's name and 序号, its own `subitem` (and `subitem_seq` when numbered), every cell its 子项 rows leave
    empty inherited from the item, and `item_id`, the id the item itself would have, shared by its 子项.
    """

    id: str
    department: str | None = Field(description="the list's department: title row, 部门名称 banner, file name or manifest")
    category: str | None = Field(description="权力类型 in the national vocabulary (行政许可 … 其他行政权力) or as the list adds")
    table: str | None
    seq: str | None
    name: str
    subitem: str | None = None
    subitem_seq: str | None = Field(default=None, description="the 子项's number as written (1 of 1.新建…)")
    item_id: str | None = Field(default=None, description="for a 子项: the id of its item, shared by the item's 子项")
    category_text: str | None = Field(default=None, description="the category as written (cell, heading or sheet name)")
    code: str | None = Field(default=None, description="职权编码 / 事项编码")
    level: str | None = Field(default=None, description="实施层级 / 行使层级 (one line per level the block lists)")
    scope: str | None = Field(default=None, description="the 权限 part of 实施层级及权限")
    executing_body: str | None = Field(default=None, description="行使主体 / 实施主体 as written (may differ from the department)")
    office: str | None = Field(default=None, description="承办机构")
    department_duty: str | None = Field(default=None, description="部门职责")
    basis: list[Citation] = Field(default_factory=list)
    basis_text: str | None = None
    duties: list[Duty] = Field(default_factory=list)
    duties_text: str | None = Field(default=None, description="责任事项 as read")
    duty_basis: list[Citation] = Field(default_factory=list, description="责任事项依据 as citations")
    duty_basis_text: str | None = None
    accountability: Accountability = Field(default_factory=Accountability)
    remedy: str | None = Field(default=None, description="救济渠道 / 救助渠道")
    time_limit: str | None = Field(default=None, description="办理时限 / 法定时限 / 承诺时限")
    fees: str | None = Field(default=None, description="收费标准 / 收费依据")
    notes: str | None = None
    extra: dict[str, str] = Field(default_factory=dict, description="columns the schema has no field for")
    source: SourceRef


class Article(Record):
    """A flat article of a regulation or statute (for search and linking)."""

    number: int
    suffix: int | None = None
    label: str
    anchor: str
    chapter: str | None = None
    section: str | None = None
    text: str
    paragraphs: list[str] = Field(default_factory=list)
    line: int | None = None


class Section(Record):
    """A node of a document's structured body (编/章/节/条, 一、 (一) sections, 【】 sections)."""

    level: str = Field(description="e.g. part, chapter, section, article, heading, item, paragraph")
    label: str | None = None
    title: str | None = None
    anchor: str | None = None
    text: str | None = None
    line: int | None = None
    children: list[Section] = Field(default_factory=list)


class Document(Record):
    """Any non-power-list source: regulation, statute, 三定 notice, report, encyclopedia entry."""

    id: str
    kind: Literal["regulation", "statute", "notice", "report", "entry", "document"]
    title: str
    title_simplified: str | None = None
    script: Literal["simplified", "traditional"] = "simplified"
    issuer: str | None = None
    date: str | None = None
    doc_number: str | None = None
    version: str | None = None
    url: str | None = None
    preamble: str | None = None
    body: list[Section] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict, description="kind-specific structured data")
    source: SourceRef


class CitedBy(Record):
    """One citation of an instrument, seen from the instrument: the record and cell that cite it, and how."""

    record_id: str
    record_kind: Literal["power", "document"]
    title: str | None = Field(default=None, description="the title as this record writes it")
    doc_number: str | None = None
    articles: list[str] = Field(default_factory=list, description="article references as written")
    provision: str | None = None
    role: Literal["cited", "amending", "mentioned", "certificate"] = "cited"
    version: str | None = None
    dates: list[str] = Field(default_factory=list, description="every date the citation's history names, for version comparison")
    amendment_dates: list[str] = Field(default_factory=list)
    amended: bool = Field(default=False, description="the history names an amendment (dated or not)")
    file: str
    line: int | None = None
    field: str | None = Field(default=None, description="the cell: basis, accountability, duties, notes or citations")


class Instrument(Record):
    """One distinct cited instrument in the registry."""

    id: str
    title: str
    titles: list[str] = Field(default_factory=list)
    kind: str | None = None
    doc_number: str | None = None
    doc_numbers: list[str] = Field(default_factory=list)
    issuer: str | None = None
    year: int | None = None
    document_id: str | None = None
    cited_by: list[CitedBy] = Field(default_factory=list, description="every citation of it, in corpus order: the one cited-by")


class Diagnostic(Record):
    """A warning or error about a source, naming file, line and the offending text."""

    level: Literal["error", "warning", "info"]
    code: str
    message: str
    file: str
    line: int | None = None
    text: str | None = None

    def render(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        snippet = f" — {self.text[:80]!r}" if self.text else ""
        return f"{where}: {self.level}[{self.code}]: {self.message}{snippet}"


class Residue(Record):
    """Text of a source that is not in any record field (boilerplate, page-break headers), reported."""

    file: str
    line: int
    reason: str
    text: str
