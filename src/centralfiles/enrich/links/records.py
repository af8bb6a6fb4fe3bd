"""Records that the apparatus itself identifies, named by any record noun, with no sender,
date or symbol needed: a document's phrase closed by a footnote marker ("the Western tactics
paper²", "the Department's counterproposal of February 18, 1937³"), a note's phrase that the
note locates ("A detailed account of the tripartite meeting of October 29 is ibid.,
Conference Files ...", "Copies of the Acheson notes are in ...", "For text of the first draft
letter to Khrushchev, see Document 110"), a record a note's parenthesis names before where it
is filed ("(Memorandum of conversation; Department of State, Central Files, 785.00/7–1758)"),
and a record named with who wrote, sent or received it ("the suggested draft prepared by the
Canadians", "the memorandum I submitted to you on May 2, 1966").

The stricter readings (:mod:`memoranda`, :mod:`mentions`) need a sender, a date, a symbol or
the word "memorandum". Here the editor's identification is the evidence, so the phrase must
be a record noun with its modifiers (a determiner, a possessive or a modifier before it,
since "reports" and "notes" are verbs too) and, in a document's text, nothing but a
qualifier between the noun and the marker ("of ...", "dated ...", "prepared by ...", a
parenthesis, a paper symbol); a verb in between means the marker glosses the clause.
"""

from __future__ import annotations

import re
from datetime import date

from centralfiles.enrich.cable.codes import file_date
from centralfiles.enrich.cable.text import ABBREVIATIONS, find_all, word_set
from centralfiles.enrich.links.common import _DATE, _hits, _iso, needle_index
from centralfiles.model import Pointer

#: the nouns that name a written record, singular and plural (not a "communiqué", known from
#: the press, nor a capitalised "Document", a FRUS document or a congressional paper)
_HEAD = (
    r"[Mm]emorand(?:um|a)|[Mm]emos?|[Mm]emcons?|[Ll]etters?|[Nn]otes?|[Pp]apers?|documents?"
    r"|[Dd]rafts?|[Rr]eports?|[Mm]essages?|[Cc]ommunications?|[Ii]nstructions?|[Pp]roposals?"
    r"|[Cc]ounter-?proposals?|[Cc]ounter\s+proposals?|[Rr]epl(?:y|ies)|[Rr]esponses?|[Aa]nswers?"
    r"|[Ee]stimates?|[Ss]tud(?:y|ies)|[Ss]ummar(?:y|ies)|[Aa]ccounts?"
    r"|[Rr]ecords?|[Mm]inutes|[Ll]ists?|[Tt]ranscripts?|[Aa]ide-[Mm][ée]moires?|[Aa]nalys[ie]s"
    r"|[Ss]upplements?|[Aa]ddend(?:um|a)|[Dd][ei]spatch(?:es)?|[Cc]ompilations?"
)
#: the participles that name who wrote, sent or received a record (needles of
#: ``common.NEEDLES``, found in the one pass over a text)
_AGENT_PARTICIPLES = (" prepared ", " issued ", " drafted ", " submitted ", " addressed ",
                      " handed ", " delivered ", " written ", " signed ", " which I ha",
                      " proposed to be ", " I sent ", " I submitted ", " I gave ",
                      " we sent ", " presented ")  # fmt: skip
#: a capitalised word of a name; a period only in an initial or an abbreviation ("J. F.",
#: "U.S."), so that a name never runs into the next sentence ("the Canadians. After")
_NAME_WORD = r"(?:(?:[A-Z]\.)+(?=\s)|[A-Z][\w’'-]*)"
_AGENT_INDEXES = tuple(needle_index(participle) for participle in _AGENT_PARTICIPLES)
#: after the record noun: the participle, then "by", "to" or "from" and who
AGENTED = re.compile(
    r"\s+(?:which\s+(?:I|we)\s+(?:have|had)\s+(?:just\s+)?received\s+from"
    # "the memorandum I submitted to you on May 2, 1966"
    r"|(?:I|we)\s+(?:sent|submitted|gave)(?:\s+to)?(?=\s+(?:you|him|her|the\s+[A-Z]|[A-Z]))"
    r"|(?:proposed\s+to\s+be\s+)?(?:prepared|issued|drafted|submitted|addressed|handed"
    r"|delivered|written|signed|presented)\s+(?:by|to|from))"
    rf"\s+(?:the\s+)?(?:{_NAME_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_NAME_WORD}){{0,5}}"
    r"|him|her|them|me|us|you)"
    rf"(?:\s+on\s+{_DATE})?"
)

#: the same nouns as words, to skip a text with none of them cheaply
_HEAD_WORDS = word_set(
    """memorandum memoranda Memorandum Memoranda memo memos Memo memcon memcons letter letters
    Letter Letters note notes Note Notes paper papers Paper Papers document documents draft
    drafts Draft report reports Report Reports message messages Message communication
    communications Communication instruction instructions Instruction Instructions proposal
    proposals Proposal Proposals counterproposal counterproposals counter-proposal
    counter-proposals reply replies Reply response responses Response answer answers Answer
    estimate estimates Estimate study studies Study summary summaries Summary account accounts
    record records Record minutes Minutes list lists List transcript transcripts Transcript
    aide-mémoire aide-memoire Aide-mémoire analysis analyses Analysis supplement supplements
    addendum addenda despatch despatches Despatch dispatch dispatches compilation compilations"""
)
_PUNCTUATION = ".,;:()[]“”\"'’"
HEAD = re.compile(rf"(?<![\w’'-])(?:{_HEAD})(?![\w’'-])")

#: determiners left out of the span; possessive pronouns kept in it (whose record it is)
_ARTICLES = frozenset({"the", "a", "an"})
_OWNERS = frozenset({"his", "her", "their", "its", "our", "your", "my"})
#: "this paper" in a document's text is the document itself or a record just named
_DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})

#: lower-case words that end a phrase's modifiers: function words, and the verbs and adverbs
#: that stand before a noun phrase ("submitted a 15-page paper", "had already sent")
_NOT_MODIFIERS = word_set(
    """a an the and or but nor of to in on at by for from with as into onto upon than then is
    was are were be been being has have had do does did will would shall should can could may
    might must not no that this these those which who whom whose what when where while if
    about after before during since until also only even again later earlier there here it he
    she they we you i me him them us one each every any some all both such other another same
    following attached enclosed above below said see read sent gave handed received"""
)
#: participles that are modifiers of a record, not verbs
_PARTICIPLE_MODIFIERS = word_set(
    """revised detailed proposed suggested undated dated signed written amended corrected
    unsigned handwritten coded printed briefing working covering"""
)
_TOKEN = re.compile(r"\S+$")
#: capitalised words that open a clause, not a name: "In response to", "I note that"
_SENTENCE_WORDS = word_set(
    """I In On At By For From With As If When While After Before Since During It He She They We
    You There Here And But Or So Then Thus Also Upon Under"""
)
#: modifiers that make the noun something other than a written record ("oral report",
#: "Kissinger's poor record"); "telegraphic replies" are telegrams
_NOT_WRITTEN = frozenset(
    {"oral", "verbal", "poor", "good", "fine", "excellent", "public", "telegraphic"}
)
#: verbs as well as nouns: a phrase of one needs a determiner or a possessive before it
#: ("Consul reports")
_VERB_NOUNS = word_set(
    """notes reports records answers accounts drafts estimates lists studies replies responses
    documents letters papers messages proposals minutes"""
)
#: plurals that name one record
_ONE_RECORD_PLURALS = frozenset({"notes", "minutes", "instructions"})

#: what may stand between a record noun and its footnote marker
_QUALIFIER = re.compile(
    r",?\s+(?:of|dated|for|from|to|by|on|prepared|submitted|drafted|transmitted|sent|entitled"
    r"|titled|concerning|regarding|relevant|which|containing|setting|outlining|describing"
    r"|summari[sz]ing|addressed|issued|handed|delivered)\b|\s+Nos?\.\s"
)
_SYMBOL_TAIL = re.compile(r"\s+(?:[A-Z][\w/–.-]*\d[\w/–.()-]*|[A-Z]{2,}(?:\s+[\w/–.()-]+)?)$")
_PARENTHESIS_TAIL = re.compile(r"\s*\([^()]{1,60}\)$")
_VERB = re.compile(
    r"\b(?:is|was|were|are|be|been|has|have|said|says|stated|told|asked|agreed|replied|noted"
    r"|will|would|should|could|can|may|might|must|did|does|do)\b"
)
_RELATIVE = re.compile(r"\b(?:which|who)\b")  # not "that": "a report that Nixon has ..."
#: a clause after the record: "our proposal to the Russians, and as I cabled you"
_CLAUSE_IN_TAIL = re.compile(r",\s+(?:and|but|or|as|while|when|if|so)\b|\b(?:I|we|he|she|they)\s")
_MAX_TAIL = 120

#: where a sentence or clause ends, for the phrase before a marker
_CLAUSE_END = re.compile(r"[.;!?:]\s+|\n")

#: a note's words that say where the record before them is
_LOCATES = re.compile(
    r",?\s+(?:is|are|was|were)\s+(?:(?:printed|filed|located|found)\s+)?(?:in|ibid)\b"
    r"|\s+(?:is|are|was|were|has|have)\s+(?:been\s+)?not\s+(?:been\s+)?found\b"
)
#: the verbs that may say where a record is, to find ``_LOCATES`` from
_LOCATING_VERBS = (" is ", " are ", " was ", " were ")


def _locating(text: str) -> list[re.Match[str]]:
    """Every ``_LOCATES`` in ``text``, in order, tried only where one of its verbs is."""
    found = []
    for verb in _LOCATING_VERBS:
        for i in find_all(text, verb):
            match = _LOCATES.match(text, i - 1 if i and text[i - 1] == "," else i)
            if match:
                found.append(match)
    return sorted(found, key=lambda match: match.start())


#: the words before a located record that are not the record: "A copy of this paper"
_LEAD = re.compile(
    r"(?:(?:A|An|The|No)\s+)?(?:(?:[Cc]op(?:y|ies)|[Tt]exts?)\s+of\s+)?"
    r"(?P<det>(?:the|this|these|a|an|his|her|their|its|our|your|my)\s+)?"
)
#: "For text of the first draft letter to Khrushchev, see Document 110"
_FOR_TEXT = re.compile(
    r"\b[Ff]or\s+(?:the\s+)?(?:full\s+|complete\s+)?texts?\s+of\s+"
    r"(?:the\s+|this\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?"
)
_SEE_AFTER = re.compile(r",\s+see\b")
#: a comma that opens a clause after the record ("..., transmitted in Unsec 30, is ibid.")
_CLAUSE_COMMA = re.compile(r",\s+(?=[a-z])")
_DATED = re.compile(rf"\b(?:of|dated|on)\s+(?P<date>{_DATE})")
_REPLIES = frozenset({"reply", "replies", "response", "responses", "answer", "answers"})
#: a number after a record noun: "reply No. 473", "the Embassy's note No. 151"
NUMBERED_AFTER = re.compile(r"\s+[Nn]os?\.\s*\d")
_PROSPECTIVE = re.compile(r"\bfor\s+an?\s+$")
_TITLED = re.compile(r",?\s+(?:entitled|titled|dated)\b|,?\s+“")
_POSSESSIVE = re.compile(r"^(?P<owner>[A-Z][\w.-]*)(?:’s|'s|s’|s')$")


def anchored_records(
    text: str, anchors: list[int], found: list[Pointer], when: date | None
) -> list[Pointer]:
    """The records of a document's ``text`` that a footnote marker (at an offset of
    ``anchors``) closes; ``found`` are the body's pointers already read (not read again)."""
    taken = [(p.start, p.start + len(p.text)) for p in found]
    records: list[Pointer] = []
    for anchor in sorted(set(anchors)):
        end = anchor
        while end > 0 and text[end - 1] in " .,;:":
            end -= 1
        window = max(0, end - _MAX_TAIL - 24)
        if _HEAD_WORDS.isdisjoint(word.strip(_PUNCTUATION) for word in text[window:end].split()):
            continue  # most markers close a sentence with no record noun near its end
        heads = list(HEAD.finditer(text, window, end))
        if not heads:
            continue
        clause = _clause_start(text, end)
        head = heads[-1]
        if head.start() < clause:
            continue
        tail = text[head.end() : end]
        if tail and not _closing_tail(tail):
            continue
        if _PROSPECTIVE.search(text, max(0, head.start() - 12), head.start()):
            continue  # "pushing for a reply": a record still to be written
        phrase = phrase_start(text, head.start(), clause, in_note=False)
        if phrase is None or not _one_record(text, head, *phrase, end):
            continue
        begin = phrase[0]
        if any(first < end and begin < last for first, last in taken):
            continue
        records.append(_record(text, "body", begin, end, head, when))
        taken.append((begin, end))
    return records


def located_records(
    text: str, where: str, found: list[Pointer], when: date | None
) -> list[Pointer]:
    """The records a note's ``text`` locates ("... is in", "... is ibid.", "For text of ...,
    see"); ``found`` are the note's pointers already read."""
    taken = [(p.start, p.start + len(p.text)) for p in found if p.where == where]
    records: list[Pointer] = []
    # (start, end, after a determiner, after "this")
    subjects: list[tuple[int, int, bool, bool]] = []
    # the pointers a record may be held by: a telegram, a document, a page
    holders = [
        p.start for p in found if p.where == where and p.kind not in ("archival", "memorandum")
    ]
    for match in _locating(text):
        stop = _clause_end(text, match.end())
        if any(match.end() <= at < stop for at in holders):
            continue  # "A summary of X is in Dulte 20": the telegram is the record, X its content
        clause = _clause_start(text, match.start())
        lead = _LEAD.match(text, clause)
        first = lead.end() if lead else clause
        this = bool(lead and (lead["det"] or "").lower().startswith(("this", "these")))
        subjects.append((first, match.start(), first > clause, this))
    for match in _FOR_TEXT.finditer(text):
        see = _SEE_AFTER.search(text, match.end(), match.end() + 200)
        if see:
            subjects.append((match.end(), see.start(), True, False))
    for first, last, determined, this in subjects:
        comma = _CLAUSE_COMMA.search(text, first, last)
        end = comma.start() if comma else last
        heads = [h for h in HEAD.finditer(text, first, end) if h.start() < first + 60]
        if not heads:
            continue
        head = heads[0]
        phrase = phrase_start(text, head.start(), first, in_note=True, determined=determined)
        if phrase is None or (phrase[0] != first and text[first : phrase[0]].strip()):
            continue  # the record must open the subject: "He said that the report is in"
        begin = phrase[0]
        if begin == head.start() and end == head.end():
            continue  # "The letter is in ...": the record the anchor's sentence names
        if not _one_record(text, head, *phrase, end):
            continue
        if this and not any(mark in text[begin:end] for mark in "“("):
            continue  # "A copy of this 6-page report": the record the anchor's sentence names
        if any(a < end and begin < b for a, b in taken):
            continue
        records.append(_record(text, where, begin, end, head, when))
        taken.append((begin, end))
    return records


def agented_records(
    text: str, where: str, found: list[Pointer], when: date | None
) -> list[Pointer]:
    """The records of ``text`` named with who wrote, sent or received them: "the suggested
    draft prepared by the Canadians", "the instructions issued by Vice-Admiral Wellesley", "a
    communication which I have just received from the Department of State"."""
    hits = _hits(text)
    at = [i for index in _AGENT_INDEXES for i in hits.get(index, ())]
    if not at:
        return []
    taken = [(p.start, p.start + len(p.text)) for p in found if p.where == where]
    records: list[Pointer] = []
    for i in sorted(at):
        head = _head_before(text, i)
        if head is None:
            continue
        agent = AGENTED.match(text, head.end())
        if agent is None:
            continue
        clause = _clause_start(text, head.start())
        phrase = phrase_start(text, head.start(), clause, in_note=where != "body")
        end = agent.end()
        if phrase is None or not _one_record(text, head, *phrase, end):
            continue
        begin = phrase[0]
        if any(first < end and begin < last for first, last in taken):
            continue
        records.append(_record(text, where, begin, end, head, when))
        taken.append((begin, end))
    return records


#: a parenthesis that names one record and then where it is filed, as the volumes of the
#: 1950s and 1960s gloss a summary: "(Memorandum of conversation; Department of State, Central
#: Files, 785.00/7–1758; included in the microfiche supplement)", "(Letter from Dulles to
#: Lloyd; ibid., 611.41/7–1858)" (a plural, "Memoranda of conversations; ...", names no one)
FILED = re.compile(
    r"\((?P<record>(?:Memorandum|Letter|Note|Minutes|Record|Summary|Report|Paper|Message)"
    r"(?:\s+(?:of|from|to|by|for)\s+[^();]{1,80}?)?)\s*;\s+"
    r"(?=Department\s+of\s+State|[Ii]bid\.|National\s+Archives|Washington\s+National"
    r"|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+Library)"
)


def filed_records(text: str, where: str, found: list[Pointer], when: date | None) -> list[Pointer]:
    """The records a note's parentheses name before the place they are filed (``FILED``)."""
    taken = [(p.start, p.start + len(p.text)) for p in found if p.where == where]
    records: list[Pointer] = []
    for match in FILED.finditer(text):
        begin, end = match.span("record")
        if any(first < end and begin < last for first, last in taken):
            continue
        head = HEAD.match(text, begin)
        if head is None:
            continue
        record = _record(text, where, begin, end, head, when)
        if "of conversation" in record.text:
            record.parts["type"] = "memorandum of conversation"
        close = text.find(")", match.end())
        place = text[match.end() : close if close > 0 else len(text)]
        if "date" not in record.parts and (day := file_date(place)):
            record.parts["date"] = day  # a decimal file's date is its record's: "785.00/7–1758"
        records.append(record)
    return records


def _head_before(text: str, i: int) -> re.Match[str] | None:
    """The record noun that ends just before ``i`` (a space and a participle there)."""
    word = _TOKEN.search(text, max(0, i - 40), i)
    if word is None or word.end() != i:
        return None
    return HEAD.fullmatch(text, word.start(), i)


def _record(
    text: str, where: str, begin: int, end: int, head: re.Match[str], when: date | None
) -> Pointer:
    """The memorandum pointer for ``text[begin:end]``: its type from the record noun, its date
    when the phrase prints one, its author when a possessive opens it."""
    span = text[begin:end]
    noun = head.group().lower().replace("\n", " ")
    parts = {"type": _singular(noun)}
    dated = _DATED.search(span)
    if dated:
        parts["date"] = _iso(dated["date"], when) or ""
    first_word = text[begin : head.start()].split(" ")[0]
    owner = _POSSESSIVE.match(first_word) if begin < head.start() else None
    if owner:
        parts["from"] = owner["owner"]
    return Pointer("memorandum", span, where, begin, {k: v for k, v in parts.items() if v})


def _singular(noun: str) -> str:
    """A record noun as a type: "memoranda" -> "memorandum", "studies" -> "study"."""
    noun = re.sub(r"\s+", " ", noun)
    if noun in ("memoranda", "memorandum", "memo", "memos"):
        return "memorandum"
    if noun in ("memcon", "memcons"):
        return "memorandum of conversation"
    for plural, single in (("ies", "y"), ("ches", "ch"), ("addenda", "addendum"),
                           ("analyses", "analysis")):  # fmt: skip
        if noun.endswith(plural):
            return noun[: -len(plural)] + single
    if noun.endswith("s") and noun not in ("minutes", "analysis"):
        return noun[:-1]
    return noun.replace("communique", "communiqué")


def _clause_start(text: str, end: int) -> int:
    """Where the sentence (or clause after a colon or semicolon) that ends at ``end`` begins."""
    start = max(0, end - 240)
    begin = start
    for match in _CLAUSE_END.finditer(text, start, end):
        if _ends_clause(text, match):
            begin = match.end()
    return begin


def _clause_end(text: str, start: int) -> int:
    """Where the sentence (or clause) that goes on at ``start`` ends."""
    for match in _CLAUSE_END.finditer(text, start):
        if _ends_clause(text, match):
            return match.start()
    return len(text)


def _ends_clause(text: str, match: re.Match[str]) -> bool:
    """Whether the stop ``match`` of ``_CLAUSE_END`` ends a clause (not "Mr.", "vol.", "U.S.")."""
    word = _TOKEN.search(text, max(0, match.start() - 12), match.start())
    return not (
        match.group()[0] == "."
        and word
        and (
            word.group().strip("(“").lower() in ABBREVIATIONS
            or len(word.group().strip("(“")) == 1
            or "." in word.group()  # "U.S.", "U.K."
        )
    )


def phrase_start(
    text: str, head: int, floor: int, *, in_note: bool, determined: bool = False
) -> tuple[int, bool] | None:
    """Where the record noun at ``head`` begins with its modifiers (``floor`` at the
    earliest) and whether a determiner or a possessive stands before it, or None when nothing
    before it makes it a noun (``determined``: a determiner stands before ``floor``)."""
    begin = head
    modifiers = 0
    lower = 0
    while modifiers < 5:
        word = _TOKEN.search(text, max(floor, begin - 40), max(floor, begin - 1))
        if word is None or word.end() != begin - 1 or text[begin - 1] != " ":
            break
        token = word.group()
        if token[-1] in ",;:)(":
            break  # "In Berlin, reports": another phrase
        bare = token.lower()
        if token in _SENTENCE_WORDS:
            break  # "In response to", "I note that"
        if bare in _ARTICLES:
            determined = True
            break
        if bare in _OWNERS:
            determined = True
            begin = word.start()
            break
        if bare in _DEMONSTRATIVES:
            if in_note:
                determined = True
                begin = word.start()
                break
            return None
        if bare == "no":
            return None  # "no record of the conversation"
        if bare in _NOT_WRITTEN:
            return None
        if _POSSESSIVE.match(token) or token.endswith(("’s", "'s")):
            determined = True
        elif token[0].isupper() or token[0] in "“”" or token[0].isdigit():
            pass  # "British", "U.K.", "Five Power", "“C”", "15-page", "1959"
        elif (token[0].isalpha() and token.isalpha()) or "-" in token:
            if (
                bare in _NOT_MODIFIERS
                or bare.endswith("ly")
                or (bare.endswith(("ed", "ing")) and bare not in _PARTICIPLE_MODIFIERS)
                or lower == 2
            ):
                break
            lower += 1
        else:
            break
        begin = word.start()
        modifiers += 1
    if not (determined or begin < head):
        return None
    return begin, determined


def _one_record(text: str, head: re.Match[str], begin: int, determined: bool, end: int) -> bool:
    """Whether the phrase ``text[begin:end]`` around the record noun ``head`` names one
    written record (not "political reports", "Consul reports", "Kissinger's poor record")."""
    noun = head.group().lower()
    span = text[begin:end]
    if noun in _VERB_NOUNS and not determined:
        return False
    plural = noun.endswith("s") or noun in ("memoranda", "addenda")
    if plural and noun not in _ONE_RECORD_PLURALS and not _DATED.search(span):
        return False  # a group of papers
    if noun in _REPLIES and NUMBERED_AFTER.match(text, head.end()):
        return False  # "the Department's reply No. 473": a telegram or a despatch by number
    if noun == "record" and not text.startswith(" of ", head.end()):
        return False
    # "their study of the Office": work, not a paper
    return noun != "study" or bool(_TITLED.match(text, head.end()) or "’s" in span or "'s" in span)


def _closing_tail(tail: str) -> bool:
    """Whether the words between a record noun and its marker still belong to its phrase."""
    if len(tail) > _MAX_TAIL:
        return False
    if _PARENTHESIS_TAIL.fullmatch(tail) or _SYMBOL_TAIL.fullmatch(tail):
        return True
    if not _QUALIFIER.match(tail):
        return False
    if _CLAUSE_IN_TAIL.search(tail) and not _RELATIVE.search(tail):
        return False
    verb = _VERB.search(tail)
    relative = _RELATIVE.search(tail)
    return verb is None or (relative is not None and relative.start() < verb.start())
