"""mwparserfromhell's tree, built faster, for the expander.

mwparserfromhell's tokenizer is C, but its builder is Python whose node constructors run
property setters (``parse_anything`` with its imports) for every child: on an article the
builder takes 85 % of the parse. :func:`parse` builds the same tree (same node classes, same
attributes; a test compares it with mwparserfromhell's) by setting the attributes directly.

The expander asks a node for its source text at every level (``str(node)``), which
mwparserfromhell computes anew each time from the whole subtree. These trees are read-only
(the expander never changes them), so their container nodes remember their text once asked.
"""

from __future__ import annotations

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.parser import ParserError, tokens
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

try:
    from mwparserfromhell.parser._tokenizer import CTokenizer as _Tokenizer
except ImportError:  # pragma: no cover (the wheels carry the C tokenizer)
    from mwparserfromhell.parser.tokenizer import Tokenizer as _Tokenizer

__all__ = ["parse"]


def _remembered(cls):
    """A subclass of a node class whose text is computed once (the tree is never changed)."""

    def __str__(self, _compute=cls.__str__):
        try:
            return self._wv_text
        except AttributeError:
            text = self._wv_text = _compute(self)
            return text

    return type(cls.__name__, (cls,), {"__str__": __str__, "__module__": __name__})


_Code = _remembered(Wikicode)
_Template = _remembered(Template)
_Parameter = _remembered(Parameter)
_Wikilink = _remembered(Wikilink)
_Argument = _remembered(Argument)
_ExternalLink = _remembered(ExternalLink)
_Heading = _remembered(Heading)
_Tag = _remembered(Tag)
_new = object.__new__

_T = tokens
_TEXT = _T.Text


def _code(nodes: list) -> Wikicode:
    code = _new(_Code)
    code._nodes = SmartList(nodes)
    return code


class _Builder:
    """mwparserfromhell's Builder, handler for handler, with direct construction."""

    def __init__(self, tokenlist: list) -> None:
        tokenlist.reverse()
        self.tokens = tokenlist
        self.pop = tokenlist.pop
        self.handlers = {
            _T.TemplateOpen: self._template,
            _T.ArgumentOpen: self._argument,
            _T.WikilinkOpen: self._wikilink,
            _T.ExternalLinkOpen: self._external_link,
            _T.HTMLEntityStart: self._entity,
            _T.HeadingStart: self._heading,
            _T.CommentStart: self._comment,
            _T.TagOpenOpen: self._tag,
        }

    def build(self) -> Wikicode:
        nodes, _end = self._until(())
        return _code(nodes)

    def _until(self, stops: tuple) -> tuple[list, object]:
        """Nodes up to the next token of a type in ``stops`` and that token (taken); with no
        stops, all the nodes left."""
        nodes = []
        append, pop, tokenlist, handlers = nodes.append, self.pop, self.tokens, self.handlers
        while tokenlist:
            token = pop()
            kind = type(token)
            if kind is _TEXT:  # most nodes: inline
                text = _new(Text)
                text._value = token["text"]
                append(text)
            elif kind in stops:
                return nodes, token
            else:
                handler = handlers.get(kind)
                if handler is None:
                    raise ParserError(f"_handle_token() got unexpected {kind.__name__}")
                append(handler(token))
        if stops:
            raise ParserError("the builder missed a close token")
        return nodes, None

    # -- templates, arguments, links ---------------------------------------------------------

    _PARAM_STOPS = (_T.TemplateParamEquals, _T.TemplateParamSeparator, _T.TemplateClose)
    _TEMPLATE_STOPS = (_T.TemplateParamSeparator, _T.TemplateClose)

    def _parameter(self, default: int):
        name = None
        nodes, token = self._until(self._PARAM_STOPS)
        while type(token) is _T.TemplateParamEquals:
            name = _code(nodes)
            nodes, token = self._until(self._PARAM_STOPS)
        self.tokens.append(token)
        param = _new(_Parameter)
        if name is None:
            key = _new(Text)
            key._value = str(default)
            name = _code([key])
            param._showkey = False
        else:
            param._showkey = True
        param._name = name
        param._value = _code(nodes)
        return param

    def _template(self, token):
        nodes, token = self._until(self._TEMPLATE_STOPS)
        template = _new(_Template)
        template._name = _code(nodes)
        params = []
        default = 1
        while type(token) is _T.TemplateParamSeparator:
            param = self._parameter(default)
            params.append(param)
            if not param._showkey:
                default += 1
            token = self.pop()
        template._params = params
        return template

    _ARGUMENT_STOPS = (_T.ArgumentSeparator, _T.ArgumentClose)

    def _argument(self, token):
        name = None
        nodes, token = self._until(self._ARGUMENT_STOPS)
        while type(token) is _T.ArgumentSeparator:
            name = _code(nodes)
            nodes, token = self._until(self._ARGUMENT_STOPS)
        argument = _new(_Argument)
        if name is None:
            argument._name, argument._default = _code(nodes), None
        else:
            argument._name, argument._default = name, _code(nodes)
        return argument

    _WIKILINK_STOPS = (_T.WikilinkSeparator, _T.WikilinkClose)

    def _wikilink(self, token):
        title = None
        nodes, token = self._until(self._WIKILINK_STOPS)
        while type(token) is _T.WikilinkSeparator:
            title = _code(nodes)
            nodes, token = self._until(self._WIKILINK_STOPS)
        link = _new(_Wikilink)
        if title is None:
            link._title, link._text = _code(nodes), None
        else:
            link._title, link._text = title, _code(nodes)
        return link

    # -- the rarer nodes: their own constructors, as the original builder calls them ---------

    _EXTERNAL_STOPS = (_T.ExternalLinkSeparator, _T.ExternalLinkClose)

    def _external_link(self, token):
        brackets, url, suppress_space = token.get("brackets"), None, None
        nodes, token = self._until(self._EXTERNAL_STOPS)
        while type(token) is _T.ExternalLinkSeparator:
            url = _code(nodes)
            suppress_space = token.get("suppress_space")
            nodes, token = self._until(self._EXTERNAL_STOPS)
        if url is not None:
            return _ExternalLink(url, _code(nodes), brackets=brackets, suppress_space=suppress_space is True)
        return _ExternalLink(_code(nodes), brackets=brackets, suppress_space=suppress_space is True)

    def _entity(self, token):
        pop = self.pop
        token = pop()
        if type(token) is _T.HTMLEntityNumeric:
            token = pop()
            if type(token) is _T.HTMLEntityHex:
                text = pop()
                pop()  # HTMLEntityEnd
                return HTMLEntity(text.get("text"), named=False, hexadecimal=True, hex_char=token.get("char"))
            pop()
            return HTMLEntity(token.get("text"), named=False, hexadecimal=False)
        pop()
        return HTMLEntity(token.get("text"), named=True, hexadecimal=False)

    def _heading(self, token):
        nodes, _end = self._until((_T.HeadingEnd,))
        return _Heading(_code(nodes), token.get("level"))

    def _comment(self, token):
        nodes, _end = self._until((_T.CommentEnd,))
        return Comment(_code(nodes))

    _ATTRIBUTE_STOPS = (_T.TagAttrEquals, _T.TagAttrQuote, _T.TagAttrStart, _T.TagCloseOpen, _T.TagCloseSelfclose)

    def _attribute(self, start):
        name = quotes = None
        nodes: list = []
        while True:
            more, token = self._until(self._ATTRIBUTE_STOPS)
            nodes += more
            kind = type(token)
            if kind is _T.TagAttrEquals:
                name, nodes = _code(nodes), []
            elif kind is _T.TagAttrQuote:
                quotes = token.get("char")
            else:
                self.tokens.append(token)
                if name:
                    value = _code(nodes)
                else:
                    name, value = _code(nodes), None
                return Attribute(name, value, quotes, start.get("pad_first"), start.get("pad_before_eq"),
                                 start.get("pad_after_eq"))

    _TAG_STOPS = (_T.TagAttrStart, _T.TagCloseOpen, _T.TagOpenClose, _T.TagCloseSelfclose, _T.TagCloseClose)

    def _tag(self, token):
        tag = padding = None
        implicit, attrs, contents, closing_tag = False, [], None, None
        wiki_markup, invalid = token.get("wiki_markup"), token.get("invalid") or False
        wiki_style_separator, closing_wiki_markup = None, wiki_markup
        nodes: list = []
        while True:
            more, token = self._until(self._TAG_STOPS)
            nodes += more
            kind = type(token)
            if kind is _T.TagAttrStart:
                attrs.append(self._attribute(token))
            elif kind is _T.TagCloseOpen:
                wiki_style_separator = token.get("wiki_markup")
                padding = token.get("padding") or ""
                tag, nodes = _code(nodes), []
            elif kind is _T.TagOpenClose:
                closing_wiki_markup = token.get("wiki_markup")
                contents, nodes = _code(nodes), []
            else:
                if kind is _T.TagCloseSelfclose:
                    closing_wiki_markup = token.get("wiki_markup")
                    tag = _code(nodes)
                    self_closing = True
                    padding = token.get("padding") or ""
                    implicit = token.get("implicit") or False
                else:
                    self_closing = False
                    closing_tag = _code(nodes)
                if tag is None or padding is None:
                    raise ParserError("_handle_tag() missed its name")
                if padding and not padding.isspace():  # the constructor says why it refuses
                    return _Tag(tag, contents, attrs, wiki_markup, self_closing, invalid, implicit, padding,
                                closing_tag, wiki_style_separator, closing_wiki_markup)
                # Tag.__init__'s setters, in order, for Wikicode arguments
                node = _new(_Tag)
                node._tag = tag
                node._closing_tag = tag if closing_tag is None else closing_tag
                node._contents = _code([]) if contents is None else contents
                node._attrs = attrs
                node._wiki_markup = node._closing_wiki_markup = str(wiki_markup) if wiki_markup else None
                node._self_closing = bool(self_closing)
                node._invalid = bool(invalid)
                node._implicit = bool(implicit)
                node._padding = str(padding) if padding else ""
                node._wiki_style_separator = str(wiki_style_separator) if wiki_style_separator else None
                if closing_wiki_markup is not None:
                    node._closing_wiki_markup = str(closing_wiki_markup) if closing_wiki_markup else None
                return node


def parse(text: str, skip_style_tags: bool = False) -> Wikicode:
    """What ``mwparserfromhell.parse(text, skip_style_tags=...)`` gives, built faster; its
    containers remember their text, so the tree must not be changed."""
    return _Builder(_Tokenizer().tokenize(text, 0, skip_style_tags)).build()
