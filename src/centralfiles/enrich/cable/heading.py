"""Document headings: "322. Telegram From the Department of State to the Mission to NATO".

The heading grammar is ``[number.] [qualifiers] TYPE [telegram number] [From X] [to Y]`` with the
variants of the series: "Memorandum by X", "Memorandum of Conversation, by X", "Paper Prepared in
X", "Statement by X Before Y", and the untyped headings of older volumes ("Mr. Seward to
Mr. Adams", "The Acting Secretary of State to the Chairman of the American Delegation (Stimson)").
"From X to Y" is split at the first " to " that is not part of an office ("Ambassador to",
"Mission to", "Special Assistant to"); a trailing ", at <Place>" is where the party was, not
part of its name ("to Secretary of State Rusk, at Reykjavik").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from centralfiles.enrich.cable.text import normalise, word_set

# (pattern, slug), most specific first; qualifiers ("Draft", "Action") are read separately.
_TYPES: tuple[tuple[str, str], ...] = (
    (r"editorial\s+note", "editorial-note"),
    (
        r"(?:memorandum|transcript|record)\s+of\s+(?:a\s+)?telephone\s+(?:conversation|call)s?",
        "telephone-conversation",
    ),
    (r"telephone\s+(?:conversation|call)s?|telcon", "telephone-conversation"),
    (
        r"memorand(?:um|a)\s+of\s+(?:a\s+)?(?:conversations?|conferences?)",
        "memorandum-of-conversation",
    ),
    (
        r"memorandum\s+for\s+the\s+(?:record|files?|president['’]s\s+files?)",
        "memorandum-for-the-record",
    ),
    (r"memorandum\s+of\s+(?:the\s+)?discussion", "memorandum-of-discussion"),
    (r"memorandum\s+of\s+(?:a\s+)?meeting", "record-of-meeting"),
    (
        r"(?:summary\s+)?record\s+of\s+(?:an?\s+|the\s+)?(?:meeting|discussion)s?",
        "record-of-meeting",
    ),
    (r"summary\s+of\s+(?:an?\s+|the\s+)?(?:meeting|discussion)s?", "record-of-meeting"),
    (r"record\s+of\s+(?:a\s+)?conversation", "record-of-conversation"),
    (r"summary\s+records?", "summary-record"),
    (r"(?:summary\s+)?minutes|summary\s+of\s+conclusions", "minutes"),
    (r"(?:summary\s+|handwritten\s+)?notes", "notes"),
    (
        r"(?:special\s+)?national\s+intelligence\s+estimate|s?nie(?=\s+\d)"
        r"|special\s+(?:intelligence\s+)?estimate|intelligence\s+estimate",
        "intelligence-estimate",
    ),
    (r"(?:current\s+)?intelligence\s+memorandum", "intelligence-memorandum"),
    (r"intelligence\s+note", "intelligence-note"),
    (
        r"(?:intelligence\s+(?:information\s+)?(?:report|cable)|information\s+report"
        r"|intelligence\s+brief)",
        "intelligence-report",
    ),
    (r"research\s+memorandum", "research-memorandum"),
    (
        r"national\s+security\s+(?:action|decision|study)\s+(?:memorandum|directive)"
        r"|presidential\s+(?:review\s+)?(?:memorandum|directive|determination)"
        r"|(?:nsam|nsdm|nssm|nsdd|nssd|prm|pd)(?=[\s/–-]*\d)",
        "directive",
    ),
    (r"circular\s+telegram", "circular-telegram"),
    (r"circular\s+airgram", "circular-airgram"),
    (r"airgram", "airgram"),
    (r"(?:circular\s+)?instruction", "instruction"),
    (r"circular(?:\s+(?:letter|note|despatch))?", "circular"),
    (r"telegram|cable", "telegram"),
    (r"(?:back\s*channel\s+|oral\s+|personal\s+)?messages?", "message"),
    (r"despatch|dispatch", "despatch"),
    (r"letters?", "letter"),
    (r"aide[-\s]m[ée]moire", "aide-memoire"),
    (r"(?:diplomatic\s+)?note(?:\s+verbale)?", "note"),
    (r"(?:oral\s+|joint\s+|press\s+)?statement", "statement"),
    (r"(?:joint\s+)?communiqu[ée]", "communique"),
    (r"address|speech|remarks", "speech"),
    (r"(?:news|press)\s+conference", "news-conference"),
    (r"press\s+release", "press-release"),
    (
        r"(?:(?:talking|position|briefing|background|discussion|issues?|working|options?|decision"
        r"|policy|scope|concept|staff)\s+)?papers?|talking\s+points|think\s+piece",
        "paper",
    ),
    (r"(?:staff\s+)?study", "study"),
    (
        r"(?:national\s+security\s+council\s+|progress\s+|special\s+|trip\s+|status\s+)?reports?",
        "report",
    ),
    (r"diary(?:\s+entry)?", "diary"),
    (r"chronology", "chronology"),
    (r"transcript", "transcript"),
    (r"conversation(?=\s+(?:among|between|with))", "conversation"),
    (
        r"agreement|treaty|convention|protocol|exchange\s+of\s+notes"
        r"|memorandum\s+of\s+understanding",
        "agreement",
    ),
    (r"memorand(?:um|a)", "memorandum"),
)
_QUALIFIERS = (
    r"(?:(?:revised\s+|first\s+|second\s+|final\s+)?draft|undated|unsigned|joint|action"
    r"|information|briefing|decision|handwritten|typed|paraphrase\s+of)"
)
_TYPE = re.compile(
    rf"(?i)^(?:{_QUALIFIERS}\s+)*?(?:"
    + "|".join(f"(?P<t{i}>{pattern})" for i, (pattern, _slug) in enumerate(_TYPES))
    + r")(?![\w-])"
)
_SLUGS = {f"t{i}": slug for i, (_pattern, slug) in enumerate(_TYPES)}
#: every type a heading can name
TYPE_SLUGS = frozenset(_SLUGS.values())
_TELEGRAPHIC = frozenset(
    {"telegram", "circular-telegram", "airgram", "circular-airgram", "message", "instruction"}
)

_NUMBER = re.compile(r"^(?:No\.\s*)?(?P<n>\d+[A-Za-z]?)\.\s+")
_MARKER = re.compile(r"(?<=[A-Za-z)\]’”.])\d{1,2}$")
_TELEGRAM_NUMBER = re.compile(
    r"^(?:No\.\s*)?(?P<n>(?:[A-Z]{1,4}[-–]\s?)?\d{1,7}(?:[-–]\d+)?)(?=\s|,|$)"
)
_OFFICE_BEFORE_TO = word_set(
    """mission missions ambassador ambassadors ambassador-designate delegation delegations
    representative representatives assistant assistants counselor counsellor adviser advisers
    advisor advisors minister ministers envoy envoys delegate delegates observer observers liaison
    commissioner emissary agent attaché aide deputy secretariat"""
)
_PLACE_DATE = re.compile(
    r",\s+(?:[A-Z][\w.’'-]*\s?){1,4},\s+(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+\d{1,2},\s+\d{4}.*$"
)
#: Where a party was when the message reached it: "Secretary of State Rusk, at Reykjavik",
#: "the President, at the LBJ Ranch", "Secretary Dulles, aboard the S.S. United States".
_LOCATED = re.compile(
    r",\s+(?:at|aboard)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|de|du|la|le))*$"
)
_BY_END = re.compile(
    r"\s+(?:Before|before|at\s+(?:the|a|an)\s|on\s+the\s+occasion|of\s+(?:a\s+)?"
    r"[Cc]onversations?\b|of\s+a\s+[Mm]eeting\b|Concerning|Regarding)"
)
_TRAILING_BRACKET = re.compile(r"\s*[—–-]*\s*\[[^\]]*\]\.?$")
_SYMBOL = re.compile(r"^[A-Z]{2,6}[-–]\d+[-–]\d+\.\s+")
_ORIGINATOR = re.compile(
    r"^(?P<org>Department of State|State Department|Department of Defense|Central Intelligence"
    r" Agency|Joint Chiefs of Staff|National Security Council|Policy Planning Staff|White House"
    r"|(?:[A-Z][a-z]+\s){1,2}(?:Embassy|Legation|Government|Foreign Office|Delegation|Ministry"
    r"(?: of Foreign Affairs)?))\s+"
)
_PREPARED = re.compile(r"(?i)^(?:prepared|drafted|written|submitted)\s+(?:in|by|for)\s+")
_UNTYPED_FROM = re.compile(r"^(?:The\s+|Mr\.\s|Mrs\.\s|Señor\s|Sir\s|Count\s|Baron\s|M\.\s)")
_THE = re.compile(r"^the\s+", re.I)


@dataclass
class Heading:
    """A parsed heading: document number, title, type slug, and sender/recipient when printed.

    ``telegram_number`` is set for headings that print it ("Telegram 294530 From ...").
    """

    number: str | None
    title: str
    doc_type: str | None
    from_: str | None
    to: str | None
    telegram_number: str | None = None


#: "Secretary of State Shultz in Tokyo": where a named traveller was, not part of the office
#: (an office keeps its "in": "Ambassador in France", "ministers of the United States in Europe")
_VISITING = re.compile(
    r"(?P<who>\b(?:(?:Secretary(?:\s+of\s+State)?|President|Vice\s+President|Ambassador|"
    r"Chancellor|Prime\s+Minister|Foreign\s+Minister|Minister|Director|General|Admiral)"
    r"\s+[A-Z][a-z]+|(?:(?:Acting|Under|Deputy)\s+)?Secretary\s+of\s+State|President))"
    r"\s+in\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$"
)


def clean_party(text: str | None) -> str | None:
    """A sender or recipient as named: without article, place-and-date or location suffix."""
    return _clean_party(text)


def _clean_party(text: str | None) -> str | None:
    """A sender or recipient as named: without article, place-and-date or location suffix."""
    if not text:
        return None
    text = _PLACE_DATE.sub("", text.strip())
    text = _LOCATED.sub("", text.strip().rstrip(".,;:").strip())
    text = _VISITING.sub(lambda match: match["who"], text)
    text = _THE.sub("", text.strip().rstrip(".,;:").strip())
    return text or None


def split_from_to(text: str) -> tuple[str, str | None]:
    """Split "X to Y" at the first " to " outside parentheses that does not belong to an office."""
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(" to ", index):
            before = text[:index].rsplit(" ", 1)[-1].rstrip(",").lower()
            if before not in _OFFICE_BEFORE_TO:
                return text[:index], text[index + 4 :]
        index += 1
    return text, None


def _by(text: str) -> tuple[str | None, str | None]:
    """ "by X [to Y]" -> (X, Y); text after "Before"/"at the"/"of a Conversation" is dropped."""
    cut = _BY_END.search(text)
    if cut:
        text = text[: cut.start()]
    sender, recipient = split_from_to(text)
    if recipient is None and " for " in sender and re.search(r" for (?:the )?President$", sender):
        sender, recipient = sender.rsplit(" for ", 1)
    return _clean_party(sender), _clean_party(recipient)


def _parties(rest: str) -> tuple[str | None, str | None]:
    """Sender and recipient from what follows the type phrase."""
    rest = rest.strip().lstrip(",").strip()
    lower = rest.lower()
    if lower.startswith("from "):
        sender, recipient = split_from_to(rest[5:])
        return _clean_party(sender), _clean_party(recipient)
    if lower.startswith("by "):
        return _by(rest[3:])
    prepared = _PREPARED.match(rest)
    if prepared:
        body = rest[prepared.end() :]
        if prepared.group(0).lower().rstrip().endswith("for"):
            return None, _clean_party(body)
        sender, recipient = body, None
        if " for " in body:
            sender, recipient = body.split(" for ", 1)
        return _clean_party(sender), _clean_party(recipient)
    if lower.startswith("to "):
        return None, _clean_party(rest[3:])
    if lower.startswith("for ") and not lower.startswith("for the record"):
        return None, _clean_party(rest[4:])
    return None, None


def parse_heading(heading: str) -> Heading:
    """Parse a heading, with or without its printed number and trailing footnote marker."""
    text = normalise(heading)
    text = _MARKER.sub("", text).strip()
    number = None
    match = _NUMBER.match(text)
    if match:
        number = match.group("n")
        text = text[match.end() :].strip()
    doc_type, sender, recipient, telegram_number = _parse_title(text)
    if sender is None and recipient is None:
        sender, recipient = _prose_parties(text)
    return Heading(
        number=number,
        title=text,
        doc_type=doc_type,
        from_=sender,
        to=recipient,
        telegram_number=telegram_number,
    )


#: the prose headings of the early 1900s: "Circular–Department of State to ministers and
#: consuls in ...", "Circular note of July 3, 1900, to the powers cooperating in China, defining
#: ...", "Cablegram dated August 19 from Viceroy Li Hung Chang, ..., received by Minister Wu",
#: "Translation of a cablegram received by Minister Wu on July 20, 1900, from the taotai of
#: Shanghai, dated July 19, 1900."
_PROSE_START = re.compile(
    r"^(?:Translation\s+of\s+(?:a|an|the)\s+(?i:cablegram|telegram|note|letter|memorandum)"
    r"|(?:Circular(?:\s+(?:note|telegram|letter))?|Cablegram|Telegram|Note|Letter|Memorandum))\b"
)
_PROSE_DASH = re.compile(r"^[A-Za-z ]+?\s*[–—]\s*(?P<rest>.+?)\.?$")
_PROSE_FROM = re.compile(
    r"\bfrom\s+(?:the\s+(?=[a-z]))?(?P<who>[^,;]+?)(?=,|;|\s+(?:dated|on|to|received|was|and)\b|\.?$)"
)
_PROSE_TO = re.compile(  # "to conduct negotiations" names no one: a name or an addressee noun
    r"\b(?:received\s+by|to)\s+(?:the\s+)?(?P<who>(?:[A-Z]|(?:ministers|consuls|powers|"
    r"representatives|governments|diplomatic|all)\b)[^,;]*?)"
    r"(?=,|;|\s+(?:on|dated|from|defining|was|and|by)\b|\.?$)"
)

#: Where a prose heading's subject begins ("Memorandum touching the Imperial edict ...
#: communicated to Mr. Adee by Mr. Wu"): parties named after it belong to the subject.
_PROSE_SUBJECT = re.compile(
    r"\s(?:touching|concerning|regarding|respecting|relative\s+to|relating\s+to"
    r"|(?:in|with)\s+(?:regard|reference|respect)\s+to|on\s+the\s+subject\s+of)\s"
)


def _prose_parties(text: str) -> tuple[str | None, str | None]:
    """Sender and recipient of a prose heading with a type word first; (None, None) else."""
    if not _PROSE_START.match(text) or len(text) > 300:
        return None, None
    dash = _PROSE_DASH.match(text)
    if dash:
        sender, recipient = split_from_to(dash["rest"])
        return _clean_party(sender), _clean_party(recipient)
    subject = _PROSE_SUBJECT.search(text)
    if subject:
        text = text[: subject.start()]
    sender = _PROSE_FROM.search(text)
    recipient = _PROSE_TO.search(text)
    return (
        _clean_party(sender["who"]) if sender else None,
        _clean_party(recipient["who"]) if recipient else None,
    )


@lru_cache(maxsize=16384)
def _parse_title(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """Type, sender, recipient and telegram number of a title; cached, titles repeat."""
    text = _SYMBOL.sub("", _TRAILING_BRACKET.sub("", text))
    text = text.rstrip(".").strip() if not text.endswith(("Mr.", "Jr.")) else text
    doc_type = sender = recipient = telegram_number = None
    originator = None
    match = _TYPE.match(text)
    if not match:
        # "Department of State Position Paper Prepared for ...", "British Embassy Aide-Mémoire"
        prefix = _ORIGINATOR.match(text)
        if prefix:
            match = _TYPE.match(text[prefix.end() :])
            if match:
                originator = prefix.group("org")
                text = text[prefix.end() :]
    if match and match.lastgroup:
        doc_type = _SLUGS[match.lastgroup]
        rest = text[match.end() :].strip()
        if doc_type in _TELEGRAPHIC:
            number_match = _TELEGRAM_NUMBER.match(rest)
            if number_match:
                telegram_number = number_match.group("n")
                rest = rest[number_match.end() :].strip()
        if doc_type == "memorandum" and re.match(r"(?i)by\s.+\sof\s+(?:a\s+)?conversation", rest):
            doc_type = "memorandum-of-conversation"
        sender, recipient = _parties(rest)
        sender = sender or originator
    elif _UNTYPED_FROM.match(text) or re.match(
        r"^[A-Z][\w.’'-]+(?:\s[A-Z][\w.’'-]+)*\s+to\s", text
    ):
        candidate, maybe = split_from_to(text)
        if maybe is not None and not re.search(r"\b(?:[a-z]+ed|sent)$", candidate):
            sender, recipient = _clean_party(candidate), _clean_party(maybe)
    return doc_type, sender, recipient, telegram_number
