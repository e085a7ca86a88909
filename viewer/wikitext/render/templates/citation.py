"""Citation Style 1: ``{{cite web}}``, ``{{cite book}}``... (any ``Cite …``) and ``{{citation}}`` (CS2).

The output follows Module:Citation/CS1 as each wiki shows it. In a zh article it is the
localized zh.wikipedia form (its Module:Citation/CS1/Configuration: ``quoted-title`` and
``italic-title`` are plain ``$1``, ``retrieved`` is ``&#91;$1&#93;``, ``archived-dead`` is
``（$1存档于$2）``), which differs from en in more than words: titles are neither quoted nor
italic, the date comes after the publisher, pages follow the date (``2001: 67``, journals
``2003, 422 (6928): 198–207``), the access date is ``[2013-07-25]`` and the archive note
``（原始内容存档于2014-11-03）``; dates are shown as written (zh pages show
``[11 September 2015]`` and ``存档于5 August 2020``). In an en article it is en.wikipedia's
(``"Title"``, *Work*, ``Archived from the original on …``, ``Retrieved …``).

The ``CITEREF…`` anchor (:func:`citeref_id`) is what ``{{sfn}}``/``{{harv}}`` link to.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from viewer.wikitext.citations import anchor_encode, citation_anchor
from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import esc, ext_link, language_name, safe_url, wikilink

__all__ = ["cite", "citeref_id"]

# Template names -> CS1 class (the word in ``cite.citation <class>``); others get their own
# name lower-cased without spaces, as Module:Citation/CS1 names its CitationClass.
_CLASSES = {
    "cite av media": "audio-visual",
    "cite press release": "pressrelease",
    "cite encyclopedia": "encyclopaedia",
    "cite mailing list": "mailinglist",
    "cite tech report": "techreport",
    "cite techreport": "techreport",
    "cite av media notes": "AV-media-notes",
}
# titles CS1 italicizes (others are quoted: an article in a periodical, an encyclopaedia or a conference)
_BOOKISH = {"book", "thesis", "report", "techreport", "map", "audio-visual"}

# Parameter aliases, first match wins (Module:Citation/CS1/Configuration ``aliases``, zh copy).
_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "script-title": ("script-title",),
    "trans-title": ("trans-title", "trans_title", "title_zh"),
    "url": ("url", "URL"),
    "title-link": ("title-link", "titlelink", "episode-link", "episodelink"),
    "chapter": ("chapter", "contribution", "entry", "article", "section"),
    "trans-chapter": ("trans-chapter", "trans_chapter"),
    "chapter-url": ("chapter-url", "chapterurl", "contribution-url", "section-url", "sectionurl"),
    "work": ("work", "journal", "newspaper", "magazine", "website", "periodical", "encyclopedia",
             "encyclopaedia", "dictionary"),
    "publisher": ("publisher", "distributor", "institution"),
    "place": ("location", "place", "publication-place", "publicationplace"),
    "date": ("date", "air-date", "airdate"),
    "year": ("year",),
    "orig-year": ("orig-year", "origyear"),
    "access-date": ("access-date", "accessdate"),
    "archive-url": ("archive-url", "archiveurl"),
    "archive-date": ("archive-date", "archivedate"),
    "url-status": ("url-status", "urlstatus", "dead-url", "deadurl"),
    "format": ("format",),
    "type": ("type", "medium"),
    "language": ("language", "in"),
    "edition": ("edition",),
    "series": ("series", "version"),
    "volume": ("volume",),
    "issue": ("issue", "number"),
    "page": ("page", "p"),
    "pages": ("pages", "pp"),
    "at": ("at",),
    "quote": ("quote", "quotation"),
    "via": ("via",),
    "agency": ("agency",),
    "conference": ("conference", "event"),
    "department": ("department",),
    "others": ("others",),
    "ref": ("ref",),
    "postscript": ("postscript",),
    "authors": ("authors", "people", "host", "credits"),
    "coauthors": ("coauthors", "coauthor"),
    "vauthors": ("vauthors",),
    "display-authors": ("display-authors", "displayauthors"),
}

# Parameters zh's CS1 still renders (as deprecated) that en's no longer supports: on en they are
# ignored with a visible "Unknown parameter" error that suggests the current name.
_EN_UNSUPPORTED = {"coauthors": "author", "coauthor": "author", "deadurl": "url-status", "dead-url": "url-status",
                   "trans_title": "trans-title", "trans_chapter": "trans-chapter", "title_zh": "trans-title"}

# Identifiers: parameter names, label, the article the label links to (zh, en), URL prefix
# (None: an internal link), separator after the label.
@dataclass(frozen=True)
class _Id:
    params: tuple[str, ...]
    label: str
    zh_article: str
    en_article: str
    prefix: str | None
    sep: str = "&nbsp;"


_IDS = (
    _Id(("arxiv", "eprint"), "arXiv", "arXiv", "ArXiv (identifier)", "https://arxiv.org/abs/", ":"),
    _Id(("bibcode",), "Bibcode", "Bibcode", "Bibcode (identifier)", "https://ui.adsabs.harvard.edu/abs/", ":"),
    _Id(("doi", "DOI"), "doi", "數位物件識別號", "Doi (identifier)", "https://doi.org/", ":"),
    _Id(("hdl", "HDL"), "hdl", "Handle System", "Hdl (identifier)", "https://hdl.handle.net/", ":"),
    _Id(("isbn", "ISBN", "isbn13", "ISBN13"), "ISBN", "国际标准书号", "ISBN (identifier)", None),
    _Id(("issn", "ISSN"), "ISSN", "国际标准连续出版物号", "ISSN (identifier)", "https://www.worldcat.org/issn/"),
    _Id(("eissn", "EISSN"), "eISSN", "国际标准连续出版物号", "ISSN (identifier)", "https://www.worldcat.org/issn/"),
    _Id(("jstor", "JSTOR"), "JSTOR", "JSTOR", "JSTOR (identifier)", "https://www.jstor.org/stable/"),
    _Id(("lccn", "LCCN"), "LCCN", "美国国会图书馆控制码", "LCCN (identifier)", "https://lccn.loc.gov/"),
    _Id(("mr", "MR"), "MR", "數學評論", "MR (identifier)", "https://mathscinet.ams.org/mathscinet-getitem?mr="),
    _Id(("oclc", "OCLC"), "OCLC", "OCLC", "OCLC (identifier)", "https://www.worldcat.org/oclc/"),
    _Id(("ol", "OL"), "OL", "开放图书馆", "OL (identifier)", "https://openlibrary.org/"),
    _Id(("pmc", "PMC"), "PMC", "公共医学中心", "PMC (identifier)", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC"),
    _Id(("pmid", "PMID"), "PMID", "公共医学识别码", "PMID (identifier)", "https://pubmed.ncbi.nlm.nih.gov/"),
    _Id(("ssrn", "SSRN"), "SSRN", "社会科学研究网络", "SSRN (identifier)", "https://papers.ssrn.com/sol3/papers.cfm?abstract_id="),
    _Id(("s2cid", "S2CID"), "S2CID", "Semantic Scholar", "S2CID (identifier)", "https://api.semanticscholar.org/CorpusID:"),
    _Id(("zbl", "ZBL"), "Zbl", "Zentralblatt MATH", "Zbl (identifier)", "https://zbmath.org/?format=complete&q=an:"),
    _Id(("csbn", "CSBN", "unified"), "CSBN", "统一书号", "", "https://book.douban.com/subject_search?search_text=SH"),
)
_IDS_ZH = tuple(sorted(_IDS, key=lambda ident: ident.label))
_ID_PARAMS = frozenset(name for ident in _IDS for name in ident.params)
_NOT_ISBN_DIGIT = re.compile(r"[^0-9Xx]")

# Words, per language (zh: Module:Citation/CS1/Configuration as localized on zh.wikipedia).
_WORDS = {
    "zh": {
        "et al": "等", "editors": "编", "archived-word": "存档", "original": "原始内容",
        "vol": "Vol.&nbsp;", "issue": "No.&nbsp;", "via": " &ndash;通过{}",
    },
    "en": {
        "et al": "et al.", "editors": "ed.", "editors-plural": "eds.", "archived-word": "Archived",
        "original": "the original", "vol": "Vol.&nbsp;", "issue": "No.&nbsp;", "via": " &ndash; via {}",
    },
}

_TAG = re.compile(r"<[^>]*>")
_EXT_LINK_IN_PARAM = re.compile(r"\[(?:https?:|ftp:)?//[^\s\]]+", re.I)


def citeref_id(names: list[str], year: str) -> str:
    """``CITEREF`` + the last names of the first four people + the year (references.md §5.1),
    encoded as the reference checks encode it, so the preview and the checks agree."""
    return "CITEREF" + "".join(anchor_encode(n) for n in names[:4]) + anchor_encode(year)


class _Fields:
    """A citation's parameters as :func:`viewer.wikitext.citations.citation_anchor` reads them:
    stripped, templates in names expanded, and en's old ``|ref=harv`` meaning the default anchor."""

    def __init__(self, call: TemplateCall, ctx: TemplateContext) -> None:
        self.call = call
        self.ctx = ctx

    def get(self, name: str) -> str | None:
        value = self.call.args.get(name)
        if value is None:
            return None
        value = str(value).strip()
        if name == "ref":
            return None if value.lower() == "harv" else value
        return self.ctx.expand(value).strip() if "{{" in value else value


def _plain(html_text: str) -> str:
    return html.unescape(_TAG.sub("", html_text)).strip()


def _join(parts: list[str], sep: str = ".") -> str:
    """Parts joined as CS1's ``safe_join`` does: ``sep`` and a space between them, without
    doubling a part's own closing punctuation."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out:
            end = _plain(out)[-1:]
            out += (" " if end in {".", "?", "!", sep} else sep + " ") + part
        else:
            out = part
    return out


_DIGITS = re.compile(r"\d+")
_PERSON_KEYS = {
    "author": (("last{n}", "author{n}", "surname{n}", "author-last{n}", "author{n}-last", "subject{n}"),
               ("first{n}", "given{n}", "author-first{n}", "author{n}-first"),
               ("author-link{n}", "authorlink{n}", "author{n}-link", "author{n}link")),
    "editor": (("editor{n}-last", "editor-last{n}", "editor{n}", "editor-surname{n}", "editor{n}-surname"),
               ("editor{n}-first", "editor-first{n}", "editor{n}-given", "editor-given{n}"),
               ("editor{n}-link", "editor-link{n}", "editorlink{n}", "editor{n}link")),
}


@functools.lru_cache(maxsize=512)
def _person_keys(role: str, n: int) -> tuple[tuple[str, ...], ...]:
    """The parameter names of person ``n``'s last name, first name and link, in the order they
    are looked up (``last1`` and ``last`` both name the first person)."""
    suffixes = ("", "1") if n == 1 else (str(n),)
    return tuple(tuple(k.format(n=s) for k in keys for s in suffixes)
                 for keys in _PERSON_KEYS["author" if role == "author" else "editor"])


@dataclass(frozen=True)
class _Person:
    last: str  # wikitext
    first: str
    link: str


class _Cite:
    """One citation being formatted: its parameters, language and CS1 class."""

    def __init__(self, call: TemplateCall, ctx: TemplateContext) -> None:
        self.call = call
        self.ctx = ctx
        self.lang = "en" if ctx.lang == "en" else "zh"
        self.words = _WORDS[self.lang]
        lowered = " ".join(call.name.lower().split())
        self.cs2 = lowered == "citation"
        if self.cs2:
            self.kind = "citation"
        else:
            self.kind = _CLASSES.get(lowered) or lowered.removeprefix("cite ").replace(" ", "")
        self.sep = "," if self.cs2 else "."
        self.errors: list[str] = []
        # zh's CS1 defaults |deadurl= to yes, en's |url-status= to dead: the title links the archive
        self.dead = self.get("url-status").strip().lower() not in {"no", "live"}
        if self.lang == "en":
            self.report_unsupported()

    # ---- parameters ----
    def get(self, key: str) -> str:
        names = _ALIASES.get(key, (key,))
        if self.lang == "en":
            names = tuple(n for n in names if n not in _EN_UNSUPPORTED)
        return self.call.get(*names)

    def report_unsupported(self) -> None:
        for name, suggestion in _EN_UNSUPPORTED.items():
            if str(self.call.args.get(name, "")).strip():
                self.error("cs1/unknown-param", f"Unknown parameter |{name}= ignored (|{suggestion}= suggested)")

    def inline(self, key: str) -> str:
        value = self.get(key)
        return self.ctx.inline(value) if value else ""

    def error(self, code: str, message: str) -> None:
        self.errors.append(self.ctx.error(code, message))

    # ---- people ----
    @functools.cached_property
    def _numbers(self) -> list[int]:
        """The numbers in parameter names (``last2``, ``editor3-first``), sorted, with 1."""
        return sorted({1} | {int(m) for key in self.call.args for m in _DIGITS.findall(key)})

    def people(self, role: str) -> list[_Person]:
        """The numbered list of ``role`` ("author" or "editor"), in number order."""
        get = self.call.get
        found: dict[int, _Person] = {}
        for n in self._numbers:
            last_keys, first_keys, link_keys = _person_keys(role, n)
            last = get(*last_keys)
            if last:
                found[n] = _Person(last, get(*first_keys), get(*link_keys))
        return [found[n] for n in sorted(found)]

    def vauthors(self) -> list[_Person]:
        value = self.get("vauthors")
        return [_Person(name.strip(), "", "") for name in value.split(",") if name.strip()] if value else []

    def format_names(self, people: list[_Person], *, etal: bool = False) -> str:
        shown = []
        for person in people:
            text = person.last if not person.first else f"{person.last}, {person.first}"
            if person.link:
                text = wikilink(person.link, text)
            shown.append(self.ctx.inline(text))
        out = "; ".join(shown)
        if etal:
            out += ("; " if out else "") + self.words["et al"]
        return out

    def author_text(self) -> str:
        """The author list's HTML: numbered authors or ``vauthors``, ``authors``, ``coauthors``."""
        people = self.people("author") or self.vauthors()
        display = self.get("display-authors")
        etal = display.strip().lower() == "etal"
        if display.strip().isdigit():
            etal = int(display) < len(people)
            people = people[: int(display)]
        text = self.format_names(people, etal=etal)
        free = self.get("authors")
        if free:
            text = text + ("; " if text else "") + self.ctx.inline(free)
        coauthors = self.get("coauthors")
        if coauthors:
            if not text:
                self.error("cs1/coauthors-missing-author",
                           "使用|coauthors=需要含有|author=" if self.lang == "zh" else "|coauthors= requires |author=")
            else:
                text += "; " + self.ctx.inline(coauthors)
        return text

    def editor_text(self) -> str:
        people = self.people("editor")
        if not people:
            single = self.call.get("editors")
            return self.ctx.inline(single) if single else ""
        text = self.format_names(people)
        if self.lang == "zh":
            text += f" ({self.words['editors']})"
        else:
            text += f" ({self.words['editors-plural'] if len(people) > 1 else self.words['editors']})"
        return text

    # ---- pieces ----
    def linked(self, text_html: str, url: str) -> str:
        if not url:
            return text_html
        if safe_url(url) is None:
            self.error("cs1/bad-url", "请检查|url=值" if self.lang == "zh" else "Check |url= value")
            return text_html
        return ext_link(url, text_html)

    def script_title(self) -> str:
        """``|script-title=ja:東京タワー``: the title in its original script, in ``<bdi>``."""
        script = self.get("script-title")
        if not script:
            return ""
        code, sep, text = str(script).partition(":")
        code = code.strip().lower()
        if sep and re.fullmatch(r"[a-z]{2,3}(?:-[a-z]+)?", code):
            return f'<bdi lang="{esc(code)}">{self.ctx.inline(text.strip())}</bdi>'
        return f"<bdi>{self.ctx.inline(script)}</bdi>"

    def title(self, archive_url: str, dead: bool) -> str:
        raw = self.get("title")
        script = self.script_title()
        if not raw and not script:
            return ""
        if _EXT_LINK_IN_PARAM.search(raw):
            self.error("cs1/ext-link-in-param",
                       "外部链接存在于|title=" if self.lang == "zh" else "External link in |title=")
        title_link = self.get("title-link")
        url = self.get("url")
        italic = self.lang == "en" and (self.kind in _BOOKISH or self.kind == "citation" and not self.get("work"))
        quoted = self.lang == "en" and not italic
        if title_link and not url and raw:
            text = self.ctx.inline(wikilink(title_link, raw))
        else:
            text = " ".join(part for part in (self.ctx.inline(raw) if raw else "", script) if part)
            if quoted:  # en quotes the title inside its link: <a>"Title"</a>
                text = f"&quot;{text}&quot;"
            if url or archive_url:
                text = self.linked(text, archive_url if (archive_url and dead) else url)
        if italic:
            text = f"<i>{text}</i>"
        elif quoted and title_link and not url:
            text = f"&quot;{text}&quot;"
        text = self.translated(text, "trans-title")
        text += self.format_note()
        kind = self.get("type")
        if kind:
            text += f" ({self.ctx.inline(kind)})"
        return text

    def chapter(self) -> str:
        raw = self.get("chapter")
        if not raw:
            return ""
        text = self.ctx.inline(raw)
        if self.lang == "en":  # quoted inside its link, like a title
            text = f"&quot;{text}&quot;"
        text = self.linked(text, self.get("chapter-url"))
        return self.translated(text, "trans-chapter")

    def translated(self, text: str, param: str) -> str:
        """``text`` followed by its translation in brackets, as CS1 writes trans-title/trans-chapter."""
        trans = self.get(param)
        return f"{text} &#91;{self.ctx.inline(trans)}&#93;" if trans else text

    def work(self) -> str:
        text = self.inline("work")
        if text and self.lang == "en":
            text = f"<i>{text}</i>"
        return text

    def place_publisher(self) -> str:
        place, publisher = self.inline("place"), self.inline("publisher")
        if place and publisher:
            return f"{place}: {publisher}"
        return place or publisher

    def pages(self) -> str:
        """Pages as zh shows them after the date (``: 67``), or en's ``p. 67``."""
        page, pages, at = self.get("page"), self.get("pages"), self.get("at")
        value = page or pages or at
        if not value:
            return ""
        if self.lang == "zh" or self.kind == "journal":
            return self.ctx.inline(value)
        if at and not (page or pages):
            return self.ctx.inline(at)
        prefix = "p." if page else ("pp." if re.search(r"[-–,]", pages) else "p.")
        return f"{prefix}&nbsp;{self.ctx.inline(value)}"

    def identifiers(self) -> list[str]:
        """The identifiers, linked. zh lists them in the code-point order of their labels
        (upper case first: zh pages show ``2790. ISSN 2076-3417. doi:10.3390/…``); en in _IDS's
        alphabetical order (``Bibcode… doi… PMID…``)."""
        out: list[str] = []
        given = _ID_PARAMS.intersection(self.call.args)  # most citations have one identifier or none
        if not given:
            return out
        for ident in _IDS_ZH if self.lang == "zh" else _IDS:
            if given.isdisjoint(ident.params):
                continue
            value = self.call.get(*ident.params)
            if not value:
                continue
            value = str(value).strip()
            article = ident.zh_article if self.lang == "zh" else ident.en_article
            label = self.ctx.inline(wikilink(article, ident.label)) if article else esc(ident.label)
            if ident.prefix is None:  # ISBN: Special:BookSources
                digits = _NOT_ISBN_DIGIT.sub("", value)
                shown = self.ctx.inline(wikilink(f"Special:BookSources/{digits}", value))
                out.append(f"{label}{ident.sep}{shown}")
                if not _isbn_ok(digits):
                    self.error("cs1/bad-isbn", "请检查|isbn=值" if self.lang == "zh" else "Check |isbn= value")
            else:
                out.append(f"{label}{ident.sep}{ext_link(ident.prefix + value, esc(value))}")
        return out

    def archive(self, url: str, archive_url: str, archive_date: str, dead: bool) -> str:
        if not archive_url:
            return ""
        date = self.inline("archive-date")
        if not archive_date:
            self.error("cs1/archive-missing-date",
                       "使用|archiveurl=需要含有|archivedate=" if self.lang == "zh" else "|archive-url= requires |archive-date=")
        if not url:
            self.error("cs1/archive-missing-url",
                       "使用|archiveurl=需要含有|url=" if self.lang == "zh" else "|archive-url= requires |url=")
        # the format follows whichever link the note has: zh pages show
        # "（原始内容 (PDF)存档于2008年12月30日）" and "（原始内容存档 (PDF)于2021-04-17）"
        fmt = self.format_note()
        if self.lang == "zh":
            if dead and url:  # （原始内容存档于…） with 原始内容 linking to the original
                return f"（{ext_link(url, self.words['original'])}{fmt}存档于{date}）"
            return f"（原始内容{ext_link(archive_url, self.words['archived-word'])}{fmt}于{date}）"
        if dead and url:
            return f"Archived from {ext_link(url, 'the original')}{fmt} on {date}"
        return f"{ext_link(archive_url, 'Archived')}{fmt} from the original on {date}"

    def format_note(self) -> str:
        """`` (PDF)`` for |format=, as CS1 writes it after a link."""
        fmt = self.get("format")
        return f' <span class="cs1-format">({self.ctx.inline(fmt)})</span>' if fmt else ""

    def language(self) -> str:
        value = self.get("language")
        if not value:
            return ""
        names = []
        for item in re.split(r"\s*[,、]\s*", str(value).strip()):
            names.append(language_name(item, self.lang) or item)
        if self.lang == "zh":
            shown = "、".join(esc(n) for n in names)
            return f'<span class="cs1-lang" title="连接到{shown}网页">（{shown}）</span>'
        if names == ["English"]:
            return ""
        return f"(in {esc(' and '.join(names))})"

    # ---- whole ----
    def render(self) -> str:
        url = self.get("url")
        archive_url = self.get("archive-url")
        authors = self.author_text()
        editors = self.editor_text()
        date = self.get("date") or self.get("year")
        title = self.title(archive_url, self.dead)
        if not title and not self.get("chapter"):
            self.error("cs1/missing-title", "缺少或|title=为空" if self.lang == "zh" else "Missing or empty |title=")
        body = self.render_zh(authors, editors, date, title) if self.lang == "zh" else self.render_en(authors, editors, date, title)
        body += "".join(self.errors)
        classes = f"citation {esc(self.kind)} {'cs2' if self.cs2 else 'cs1'}"
        anchor = citation_anchor(_Fields(self.call, self.ctx))
        id_attr = f' id="{esc(anchor)}"' if anchor else ""
        return f'<cite class="{classes}"{id_attr}>{body}</cite>'

    def tail(self, parts: list[str], suffix: str = "") -> str:
        """The citation's end: ``suffix`` (zh's language note) after a space, the quote joined
        like any part, then the terminal period, which CS1 leaves out after a quote (and
        replaces by ``|postscript=``)."""
        text = _join(parts, self.sep)
        if suffix:
            text = f"{text} {suffix}" if text else suffix
        quote = self.get("quote")
        if quote:
            text = _join([text, f"<q>{self.ctx.inline(quote)}</q>"], self.sep)
        postscript = self.call.args.get("postscript")
        if text and not self.cs2 and not quote:
            if postscript is not None:
                text += self.ctx.inline(postscript) if postscript.strip().lower() not in {"none", ""} else ""
            elif _plain(text)[-1:] not in {".", "?", "!"}:
                text += "."
        return text


    def with_via(self, parts: list[str]) -> list[str]:
        """``|via=`` as CS1's 'via' message (zh `` &ndash;通过X``, en `` &ndash; via X``), attached
        to the last part without a separator: it follows the identifiers, archive and access date."""
        via = self.inline("via")
        if not via:
            return parts
        parts = [p for p in parts if p] or [""]
        parts[-1] += self.words["via"].format(via)
        return parts

    def render_zh(self, authors: str, editors: str, date: str, title: str) -> str:
        when = self.ctx.inline(date) if date else ""
        if self.kind == "journal" or self.cs2 and self.get("work"):
            volume, issue = self.inline("volume"), self.inline("issue")
            extra = ""
            if volume:
                extra += f" <b>{volume}</b>"
            if issue:
                extra += f" ({issue})"
            pages = self.pages()
            if pages:
                extra += f": {pages}"
            if extra:
                when = (when + "," if when else "") + extra
        else:
            volume = self.inline("volume")
            pages = self.pages()
            if pages:
                when = f"{when}: {pages}" if when else pages
            if volume:
                title = _join([title, self.words["vol"] + volume], self.sep)
        access = self.inline("access-date")
        if access:  # after the pages, as zh pages show "2024: 1223‒1243 [2024-12-08]"
            space = " " if when else ""
            when += f'<span class="reference-accessdate">{space}&#91;<span class="nowrap">{access}</span>&#93;</span>'
        if not authors and editors:
            authors, editors = editors, ""
        parts = [
            authors,
            self.chapter(),
            editors,
            title,
            self.inline("conference"),
            self.work(),
            self.inline("series"),
            self.inline("edition"),
            self.inline("others"),
            self.place_publisher(),
            self.inline("agency"),
            when.strip(),
            *self.identifiers(),
        ]
        archive = self.archive(self.get("url"), self.get("archive-url"), self.get("archive-date"), self.dead)
        language = self.language()
        # zh puts the language note last, after a space: "（原始内容存档于…） （英语）."
        return self.tail(self.with_via(parts + [archive]), suffix=language)

    def render_en(self, authors: str, editors: str, date: str, title: str) -> str:
        when = self.ctx.inline(date) if date else ""
        head = authors
        if authors and when:
            head = f"{authors} ({when})"
        elif not authors and editors and when:
            head, editors = f"{editors} ({when})", ""
        elif not authors and editors:
            head, editors = editors, ""
        chapter = self.chapter()
        if chapter and editors:
            editors = f"In {editors}"
        work = self.work()
        journal_bits = ""
        if self.kind == "journal" or self.kind == "magazine":
            volume, issue, pages = self.inline("volume"), self.inline("issue"), self.pages()
            if volume:
                journal_bits += f"<b>{volume}</b>"
            if issue:
                journal_bits += f" ({issue})"
            if pages:
                journal_bits += f": {pages}"
            work = f"{work} {journal_bits}".strip() if journal_bits else work
            pages_part = ""
        else:
            pages_part = self.pages()
        volume_part = "" if self.kind in {"journal", "magazine"} or not self.get("volume") else f"Vol.&nbsp;{self.inline('volume')}"
        edition = self.inline("edition")
        language = self.language()
        if language:
            title = f"{title} {language}" if title else language
        parts = [
            head,
            chapter,
            editors,
            title,
            self.inline("conference"),
            work,
            self.inline("series"),
            f"{edition} ed." if edition else "",
            volume_part,
            self.inline("others"),
            self.place_publisher(),
            self.inline("agency"),
            when if not (authors or (not authors and self.people("editor"))) and when else "",
            pages_part,
            *self.identifiers(),
        ]
        archive = self.archive(self.get("url"), self.get("archive-url"), self.get("archive-date"), self.dead)
        parts.append(archive)
        access = self.get("access-date")
        if access:
            parts.append(f'<span class="reference-accessdate">Retrieved <span class="nowrap">{self.ctx.inline(access)}</span></span>')
        return self.tail(self.with_via(parts))


def _isbn_ok(digits: str) -> bool:
    from stdnum import isbn

    return isbn.is_valid(digits)


_NAMED = (
    "Citation", "Cite web", "Cite news", "Cite book", "Cite journal", "Cite magazine", "Cite encyclopedia",
    "Cite conference", "Cite report", "Cite thesis", "Cite press release", "Cite AV media", "Cite episode",
    "Cite map", "Cite interview", "Cite tweet", "Cite arXiv", "Cite podcast", "Cite speech", "Cite mailing list",
    "Cite newsgroup", "Cite serial", "Cite sign", "Cite techreport", "Cite tech report", "Cite document",
)


@template(*_NAMED)
def cite(call: TemplateCall, ctx: TemplateContext) -> str:
    """Any CS1/CS2 citation."""
    return _Cite(call, ctx).render()


@template_family(lambda name: name.lower().startswith("cite "))
def cite_any(call: TemplateCall, ctx: TemplateContext) -> str:
    """``Cite …`` in any capitalisation (``Cite Web``, ``Cite Book``): a CS1 citation too."""
    return _Cite(call, ctx).render()
