"""Synthetic but realistic sources for benchmarks, grown from the real seeds in sources/.

Each department gets a 权责清单 in one of the formats the power-list reader accepts (TSV with <p> cells and
page-break header repeats like the seed, an HTML table page, CSV, XLSX), some in traditional script (OpenCC
s2t) and some TSV/CSV encoded as GB18030. Cells are real seed cells (duties, accountability, notes) with the
city swapped; 依据 cells cite a Zipf-weighted mix of the real statutes in sources/corpus (with their real
article text), the seed's own instruments and each department's own instruments, so instruments are reused
across powers as they are in real lists. The same seed and size always give the same bytes.

    .venv/bin/python -m benchmarks.generate --powers 10000 --out build/bench/sources-10k
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

import opencc
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "sources"
SEED_POWER_LIST = "000_cc1d1db87604fe72.txt"
HEADER = ("序号", "职权名称", "依据", "责任事项", "问责依据及监督方式", "备注")
HEADER_WITH_SUBITEM = ("序号", "职权名称", "子项名称", "依据", "责任事项", "问责依据及监督方式", "备注")
FORMAT_WEIGHTS = {"tsv": 4, "html": 2, "csv": 2, "xlsx": 2}
TRADITIONAL_SHARE = 0.2
GB18030_SHARE = 0.2
ROWS_PER_PAGE = 5
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)

CITIES = {
    "广州": "穗", "深圳": "深", "珠海": "珠", "汕头": "汕", "佛山": "佛", "韶关": "韶", "河源": "河", "梅州": "梅",
    "惠州": "惠", "汕尾": "汕尾", "东莞": "莞", "中山": "中", "江门": "江", "阳江": "阳", "湛江": "湛", "茂名": "茂",
    "肇庆": "肇", "清远": "清", "潮州": "潮", "揭阳": "揭", "云浮": "云",
}
DISTRICTS = ("", "城区", "新区", "高新区", "经济开发区", "港区", "工业园区", "自贸片区")
DEPARTMENTS = {
    "发展和改革局": ("固定资产投资项目", "企业投资项目", "价格", "粮食收购", "节能审查", "招标投标"),
    "教育局": ("民办学校", "幼儿园", "教师资格", "中等职业学校", "校外培训机构", "学校安全"),
    "工业和信息化局": ("电子政务项目", "无线电台站", "工业企业技术改造", "民用爆炸物品", "信息化工程", "中小企业"),
    "公安局": ("户口登记", "剧毒化学品购买", "烟花爆竹燃放", "保安服务公司", "机动车登记", "互联网上网服务场所"),
    "民政局": ("社会团体", "民办非企业单位", "婚姻登记", "殡葬设施", "养老机构", "地名命名"),
    "司法局": ("律师事务所", "公证机构", "基层法律服务所", "司法鉴定机构", "人民调解组织", "法律援助"),
    "财政局": ("政府采购", "会计代理记账机构", "财政票据", "行政事业性收费", "国有资产处置", "财政专项资金"),
    "人力资源和社会保障局": ("人力资源服务机构", "劳务派遣", "职业技能培训机构", "社会保险基金", "劳动保障监察", "技工学校"),
    "自然资源局": ("建设用地", "采矿权", "测绘资质", "土地复垦", "临时用地", "不动产登记"),
    "生态环境局": ("排污许可", "建设项目环境影响评价", "危险废物经营", "辐射安全", "噪声污染", "机动车排气"),
    "住房和城乡建设局": ("建筑工程施工", "商品房预售", "建筑业企业资质", "物业服务", "燃气经营", "房屋安全鉴定"),
    "交通运输局": ("道路运输经营", "出租汽车经营", "公路超限运输", "港口经营", "驾驶员培训机构", "机动车维修经营"),
    "水务局": ("取水", "河道管理范围内建设项目", "水土保持方案", "城镇排水", "水利工程质量", "供水"),
    "农业农村局": ("农药经营", "兽药经营", "种子生产经营", "动物防疫条件", "渔业捕捞", "农机驾驶人"),
    "商务局": ("对外贸易经营者", "成品油零售", "报废机动车回收", "单用途商业预付卡", "拍卖企业", "典当行"),
    "文化广电旅游体育局": ("营业性演出", "娱乐场所", "旅行社", "广播电视节目制作", "高危险性体育项目", "文物保护单位"),
    "卫生健康局": ("医疗机构执业", "医师执业", "放射诊疗", "公共场所卫生", "母婴保健技术服务", "饮用水供水单位"),
    "应急管理局": ("危险化学品经营", "非煤矿山", "烟花爆竹经营", "安全生产培训", "生产安全事故", "应急预案"),
    "市场监督管理局": ("食品经营", "特种设备", "计量器具", "工业产品生产", "药品零售", "广告发布"),
    "城市管理和综合执法局": ("城市道路占用", "户外广告设置", "建筑垃圾处置", "城市绿地", "市政设施", "环境卫生"),
    "行政服务中心管理办公室": ("电子政务项目", "网上办事大厅", "公共资源交易", "12345热线", "政务服务窗口", "电子证照"),
}
NAME_TEMPLATES = {
    "行政许可": ("{obj}许可", "{obj}审批", "{obj}核准", "{obj}备案"),
    "行政处罚": ("对未经许可从事{obj}活动的处罚", "对违反{obj}管理规定的处罚", "对{obj}弄虚作假行为的处罚"),
    "行政强制": ("查封、扣押违法{obj}相关物品", "责令停止{obj}违法行为并强制执行"),
    "行政征收": ("{obj}相关费用征收",),
    "行政给付": ("{obj}补助资金发放",),
    "行政检查": ("对{obj}的监督检查", "对{obj}的年度检查", "对{obj}的专项抽查"),
    "行政确认": ("{obj}登记", "{obj}认定"),
    "行政奖励": ("对{obj}工作先进单位和个人的表彰奖励",),
    "行政裁决": ("{obj}纠纷的裁决",),
    "其他": ("{obj}工作的组织协调", "{obj}信息的公开", "对{obj}工作的指导"),
}
SUBITEMS = ("新设", "变更", "延续", "注销")
STATUTE_TAGS = {"法": "法律", "条例": "行政法规"}
INSTRUMENT_TOPICS = ("管理办法", "实施细则", "管理规定", "工作方案", "实施意见")


@dataclass(frozen=True)
class Seed:
    """What the generator borrows from the real sources."""

    names: list[str]
    duties: list[str]
    accountability: list[str]
    notes: list[str]
    citations: list[str]
    statute_articles: list[str]


@dataclass
class Table:
    heading: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class PowerList:
    title: str
    tables: list[Table]


def load_seed(seeds: Path = SEEDS) -> Seed:
    """Cells of the seed power list's data rows and the articles of the corpus statutes."""
    rows = [line.split("\t") for line in (seeds / SEED_POWER_LIST).read_text(encoding="utf-8").splitlines()]
    data = [cells for cells in rows if len(cells) >= 6 and cells[0].strip().isdigit()]
    basis = [cells[-4] for cells in data]
    return Seed(
        names=[cells[1] for cells in data],
        duties=[cells[-3] for cells in data if cells[-3].strip()],
        accountability=[cells[-2] for cells in data if cells[-2].strip()],
        notes=[cells[-1] for cells in data if cells[-1].strip()],
        citations=[re.sub(r"^\d+\.\s*", "", item) for cell in basis for item in re.findall(r"<p>(.*?)</p>", cell)],
        statute_articles=list(_statute_citations(seeds / "corpus")),
    )


def _statute_citations(corpus: Path) -> Iterator[str]:
    """`[法律]《title》 第X条 text` for every article of every statute in the corpus."""
    for path in sorted(corpus.glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        title = lines[0].lstrip("# ").strip()
        tag = next((tag for suffix, tag in STATUTE_TAGS.items() if title.endswith(suffix)), "行政法规")
        for line in lines:
            if re.match(r"第[一二三四五六七八九十百零]+条", line):
                yield f"[{tag}]《{title}》 {line.strip()}"


def localize(text: str, city: str) -> str:
    """Move borrowed Shantou text to `city`: the city name and its document-number issuer code."""
    return re.sub(r"汕(?=府|机编|机|办|市)", CITIES[city], text.replace("汕头", city))


class Generator:
    """Builds power lists department by department from one random stream."""

    def __init__(self, seed: Seed, rng: random.Random) -> None:
        self.seed = seed
        self.rng = rng
        self.to_traditional = opencc.OpenCC("s2t")
        self.departments_used: set[tuple[str, str, str]] = set()

    def zipf(self, items: list[str], exponent: float = 1.1) -> str:
        """A Zipf-weighted choice: a few items are cited very often, most rarely."""
        weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
        return self.rng.choices(items, weights=weights)[0]

    def basis_cell(self, city: str, own: list[str]) -> str:
        pools = ((self.seed.statute_articles, 0.4), (self.seed.citations, 0.3), (own, 0.3))
        count = self.rng.choice((1, 1, 2, 2, 3))
        items = []
        for _ in range(count):
            pool = self.rng.choices([pool for pool, _ in pools], weights=[weight for _, weight in pools])[0]
            items.append(localize(self.zipf(pool), city))
        if count == 1:
            return f"<p>{items[0]}</p>"
        return " ".join(f"<p>{number}. {item}</p>" for number, item in enumerate(items, start=1))

    def own_instruments(self, city: str, department: str, objects: tuple[str, ...]) -> list[str]:
        """A department's own rules and notices, cited by many of its powers."""
        code = CITIES[city] + self.rng.choice(("府", "府办", department[:2]))
        instruments = []
        for obj in self.rng.sample(objects, k=min(3, len(objects))):
            year, serial = self.rng.randint(2008, 2019), self.rng.randint(1, 200)
            topic = self.rng.choice(INSTRUMENT_TOPICS)
            article = self.rng.choice(("第三条", "第五条", "第十二条", "第二十条"))
            provision = f"{obj}工作由{department}负责实施。"
            instruments.append(f"[规范性文件]《{city}市{obj}{topic}》（{code}〔{year}〕{serial}号） {article} {provision}")
        return instruments

    def department(self) -> tuple[str, str, str]:
        """A (city, district, department) no earlier list used: one list per department, as in a real province."""
        while True:
            chosen = (self.rng.choice(list(CITIES)), self.rng.choice(DISTRICTS), self.rng.choice(list(DEPARTMENTS)))
            if chosen not in self.departments_used:
                self.departments_used.add(chosen)
                return chosen

    def power_list(self, powers: int) -> PowerList:
        city, district, department = self.department()
        objects = DEPARTMENTS[department]
        own = self.own_instruments(city, department, objects)
        categories = self.rng.sample(list(NAME_TEMPLATES), k=self.rng.randint(2, 6))
        drawn = self.rng.choices(categories, weights=[self.rng.random() + 0.2 for _ in categories], k=powers)
        counts = {category: drawn.count(category) for category in NAME_TEMPLATES if category in drawn}
        tables = []
        for number, (category, count) in enumerate(counts.items(), start=1):
            header = HEADER_WITH_SUBITEM if self.rng.random() < 0.3 else HEADER
            table = Table(heading=f"表{_numeral(number)}、{category}", header=header)
            for seq in range(1, count + 1):
                table.rows.append(self.row(seq, category, header, city, objects, own))
            tables.append(table)
        return PowerList(title=f"{city}市{district}{department}权责清单", tables=tables)

    def row(self, seq: int, category: str, header: tuple[str, ...], city: str, objects: tuple[str, ...], own: list[str]) -> tuple[str, ...]:
        """One data row: a templated or seed name, Zipf-cited basis, seed duties and accountability moved to `city`."""
        if category == "其他" and self.rng.random() < 0.3:
            name = localize(self.rng.choice(self.seed.names), city)
        else:
            name = self.rng.choice(NAME_TEMPLATES[category]).format(obj=self.rng.choice(objects))
        subitem = self.rng.choice(SUBITEMS) if self.rng.random() < 0.4 else ""
        if subitem and header == HEADER:
            name, subitem = f"{name}（{subitem}）", ""
        name = f"{name}（第{seq}项）" if self.rng.random() < 0.5 else name
        duties = localize(self.rng.choice(self.seed.duties), city).replace("市财政局", f"{city}市财政局")
        accountability = localize(self.rng.choice(self.seed.accountability), city)
        notes = localize(self.rng.choice(self.seed.notes), city) if self.rng.random() < 0.1 else ""
        cells = [str(seq), name, self.basis_cell(city, own), duties, accountability, notes]
        if header == HEADER_WITH_SUBITEM:
            cells.insert(2, subitem)
        return tuple(cells)

    def traditional(self, power_list: PowerList) -> PowerList:
        """The same list in traditional script (OpenCC s2t)."""
        convert = self.to_traditional.convert
        tables = [
            Table(convert(table.heading), tuple(map(convert, table.header)), [tuple(map(convert, row)) for row in table.rows])
            for table in power_list.tables
        ]
        return PowerList(title=convert(power_list.title), tables=tables)


def _numeral(number: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[number] if number <= 10 else "十" + digits[number - 10]


def plain(cell: str) -> str:
    """A <p> cell as a spreadsheet export holds it: paragraphs on lines, no markup."""
    return "\n".join(part.strip() for part in re.findall(r"<p>(.*?)</p>", cell, re.S)) or cell


def as_tsv(power_list: PowerList) -> str:
    """Like the seed: title, heading and header repeated at every page break."""
    lines: list[str] = []
    for table in power_list.tables:
        for start in range(0, len(table.rows), ROWS_PER_PAGE):
            lines += ["", "", power_list.title, "", table.heading, "", "\t".join(table.header)]
            lines += ["\t".join(row) for row in table.rows[start : start + ROWS_PER_PAGE]]
    return "\n".join(lines) + "\n"


def as_html(power_list: PowerList) -> str:
    title = escape(power_list.title)
    parts = [f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>", f"<h1>{title}</h1>"]
    for table in power_list.tables:
        parts.append(f"<h2>{escape(table.heading)}</h2>\n<table border=\"1\">")
        parts.append("<tr>" + "".join(f"<th>{escape(cell)}</th>" for cell in table.header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in table.rows]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def as_csv(power_list: PowerList) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([power_list.title])
    for table in power_list.tables:
        writer.writerow([table.heading])
        writer.writerow(table.header)
        writer.writerows([plain(cell) for cell in row] for row in table.rows)
    return buffer.getvalue()


def as_xlsx(power_list: PowerList) -> bytes:
    """One sheet per table, title and heading above the header row; fixed timestamps so the bytes are reproducible."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in power_list.tables:
        sheet = workbook.create_sheet(title=table.heading.split("、")[-1][:31])
        sheet.append([power_list.title])
        sheet.append([table.heading])
        sheet.append(list(table.header))
        for row in table.rows:
            sheet.append([plain(cell) for cell in row])
    workbook.properties.created = workbook.properties.modified = datetime(2020, 1, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME), source.read(info.filename), zipfile.ZIP_DEFLATED)
    return target.getvalue()


def department_sizes(powers: int, rng: random.Random) -> list[int]:
    """Powers per department (30–300, a few large ones), summing to exactly `powers`."""
    sizes: list[int] = []
    while sum(sizes) < powers:
        sizes.append(min(powers - sum(sizes), int(rng.lognormvariate(4.5, 0.6)) + 30))
    return sizes


def generate(powers: int, out: Path, seed: int = 7) -> list[Path]:
    """Write power lists totalling `powers` powers plus the seed documents and statutes into `out` (emptied first)."""
    rng = random.Random(f"quanze-bench-{seed}-{powers}")
    generator = Generator(load_seed(), rng)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SEEDS, out, ignore=shutil.ignore_patterns(SEED_POWER_LIST, "sources.yml"))
    for path in out.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    written = []
    for number, size in enumerate(department_sizes(powers, rng)):
        power_list = generator.power_list(size)
        fmt = rng.choices(list(FORMAT_WEIGHTS), weights=list(FORMAT_WEIGHTS.values()))[0]
        if rng.random() < TRADITIONAL_SHARE:
            power_list = generator.traditional(power_list)
        encoding = "gb18030" if fmt in {"tsv", "csv"} and rng.random() < GB18030_SHARE else "utf-8"
        path = out / "powerlists" / f"{number:05d}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "xlsx":
            path.write_bytes(as_xlsx(power_list))
        else:
            path.write_bytes({"tsv": as_tsv, "html": as_html, "csv": as_csv}[fmt](power_list).encode(encoding))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--powers", type=int, required=True, help="total number of powers across all power lists")
    parser.add_argument("--out", type=Path, required=True, help="folder to (re)create")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    files = generate(args.powers, args.out, args.seed)
    size = sum(path.stat().st_size for path in args.out.rglob("*") if path.is_file())
    print(f"wrote {len(files)} power lists ({args.powers} powers, {size / 1e6:.1f} MB with the seed documents) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
