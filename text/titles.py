"""Instrument titles: the identity key (simplified script, no 中华人民共和国 prefix, no office alias names) and short names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from text.script import to_simplified

STATE_PREFIX = "中华人民共和国"
ORG_SUFFIX = r"(?:办公室|办公厅|中心|委员会|局|厅|处|室|科|站|所|院|会|办|部|署|队|组)"
ALIAS_GROUP_RE = re.compile(rf"\((?:[^()、]+{ORG_SUFFIX})(?:、[^()、]+{ORG_SUFFIX})*\)")
DROPPED = re.compile(r"[\s《》〈〉<>“”\"'‘’]")


@lru_cache(maxsize=65_536)
def title_key(title: str) -> str:
    """The identity key of a title, for the registry, linking and search alike: t2s, NFKC, no spaces/quotes/inner 《》,
    no office alias names, no 中华人民共和国 prefix (unless that is all there is). Case is kept: instrument ids hash it."""
    key = unicodedata.normalize("NFKC", to_simplified(title))
    key = DROPPED.sub("", key)
    key = ALIAS_GROUP_RE.sub("", key)
    return key.removeprefix(STATE_PREFIX) or key


def is_short_name(short: str, full: str) -> bool:
    """True when short (管理办法) abbreviates full (汕头市12345政府服务热线管理办法): a proper suffix of its key."""
    short_key, full_key = title_key(short), title_key(full)
    return len(short_key) >= 2 and len(short_key) < len(full_key) and full_key.endswith(short_key)
