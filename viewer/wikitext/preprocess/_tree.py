"""mwparserfromhell's tree, built faster, for the expander.

mwparserfromhell's tokenizer is C, but its builder is Python whose node constructors run
property setters (``parse_anything`` with its imports) for every child: on an article the
builder takes 85 % of the parse. :func:`parse` builds the same tree (same node classes, same
attributes; a test compares it with mwparserfromhell's) by setting the attributes directly.

The expander asks a node for its source text at every level (``str(node)``), which
mwparserfromhell computes anew each time from the whole subtree. These trees are read-only
(the expander never changes them), so their containers keep their text, computed as they are
built.
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


_list_new, _list_extend = list.__new__, list.extend


def _code(nodes: list, texts: list) -> Wikicode:
    code = _new(_Code)
    # SmartList(nodes) as its __new__ and list's __init__ leave it, without the Python-level
    # __new__ (0.85 -> 0.29 us; 2,600 lists per render of the sample)
    code._nodes = smart = _list_new(SmartList)
    smart._children = {}
    _list_extend(smart, nodes)
    code._wv_text = "".join(texts)
    return code


def _text_of(node) -> str:
    """A node's text, computed now (its children's are known): what its class's __str__ gives."""
    text = node._wv_text = type(node).__mro__[1].__str__(node)
    return text


def _attribute(name, value, quotes, pad_first, pad_before_eq, pad_after_eq) -> Attribute:
    """Attribute(...) as its setters leave it; the constructor itself when one of them would
    refuse (it says why)."""
    quotes = str(quotes) if quotes else None
    pads = ("" if not pad_first else str(pad_first), "" if not pad_before_eq else str(pad_before_eq),
            "" if not pad_after_eq else str(pad_after_eq))
    if (quotes not in (None, '"', "'") or any(pad and not pad.isspace() for pad in pads)
            or (quotes is None and Attribute._value_needs_quotes(value))):
        return Attribute(name, value, quotes, pad_first, pad_before_eq, pad_after_eq)
    attribute = _new(Attribute)
    attribute._name = name
    attribute._value = value
    attribute._quotes = quotes
    attribute._pad_first, attribute._pad_before_eq, attribute._pad_after_eq = pads
    return attribute


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
        nodes, texts, _end = self._until(())
        return _code(nodes, texts)

    def _until(self, stops: tuple) -> tuple[list, list, object]:
        """Nodes up to the next token of a type in ``stops``, their texts, and that token
        (taken); with no stops, all the nodes left. Every node's text is computed as it is
        built (each from its children's), so a tree's text costs one pass."""
        nodes: list = []
        texts: list = []
        append, add, pop, tokenlist, handlers = nodes.append, texts.append, self.pop, self.tokens, self.handlers
        while tokenlist:
            token = pop()
            kind = type(token)
            if kind is _TEXT:  # most nodes: inline
                text = _new(Text)
                text._value = value = token["text"]
                append(text)
                add(value)
            elif kind in stops:
                return nodes, texts, token
            else:
                handler = handlers.get(kind)
                if handler is None:
                    raise ParserError(f"_handle_token() got unexpected {kind.__name__}")
                node, value = handler(token)
                append(node)
                add(value)
        if stops:
            raise ParserError("the builder missed a close token")
        return nodes, texts, None

    # -- templates, arguments, links ---------------------------------------------------------

    _PARAM_STOPS = (_T.TemplateParamEquals, _T.TemplateParamSeparator, _T.TemplateClose)
    _TEMPLATE_STOPS = (_T.TemplateParamSeparator, _T.TemplateClose)

    def _parameter(self, default: int):
        name = None
        nodes, texts, token = self._until(self._PARAM_STOPS)
        while type(token) is _T.TemplateParamEquals:
            name = _code(nodes, texts)
            nodes, texts, token = self._until(self._PARAM_STOPS)
        self.tokens.append(token)
        param = _new(_Parameter)
        param._value = value = _code(nodes, texts)
        if name is None:
            key = _new(Text)
            key._value = number = str(default)
            param._name = _code([key], [number])
            param._showkey = False
            param._wv_text = value._wv_text
        else:
            param._name = name
            param._showkey = True
            param._wv_text = name._wv_text + "=" + value._wv_text
        return param

    def _template(self, token):
        nodes, texts, token = self._until(self._TEMPLATE_STOPS)
        template = _new(_Template)
        template._name = name = _code(nodes, texts)
        params = []
        default = 1
        while type(token) is _T.TemplateParamSeparator:
            param = self._parameter(default)
            params.append(param)
            if not param._showkey:
                default += 1
            token = self.pop()
        template._params = params
        if params:
            text = "{{" + name._wv_text + "|" + "|".join([p._wv_text for p in params]) + "}}"
        else:
            text = "{{" + name._wv_text + "}}"
        template._wv_text = text
        return template, text

    _ARGUMENT_STOPS = (_T.ArgumentSeparator, _T.ArgumentClose)

    def _argument(self, token):
        name = None
        nodes, texts, token = self._until(self._ARGUMENT_STOPS)
        while type(token) is _T.ArgumentSeparator:
            name = _code(nodes, texts)
            nodes, texts, token = self._until(self._ARGUMENT_STOPS)
        argument = _new(_Argument)
        if name is None:
            argument._name = _code(nodes, texts)
            argument._default = None
            text = "{{{" + argument._name._wv_text + "}}}"
        else:
            argument._name = name
            argument._default = _code(nodes, texts)
            text = "{{{" + name._wv_text + "|" + argument._default._wv_text + "}}}"
        argument._wv_text = text
        return argument, text

    _WIKILINK_STOPS = (_T.WikilinkSeparator, _T.WikilinkClose)

    def _wikilink(self, token):
        title = None
        nodes, texts, token = self._until(self._WIKILINK_STOPS)
        while type(token) is _T.WikilinkSeparator:
            title = _code(nodes, texts)
            nodes, texts, token = self._until(self._WIKILINK_STOPS)
        link = _new(_Wikilink)
        if title is None:
            link._title = _code(nodes, texts)
            link._text = None
            text = "[[" + link._title._wv_text + "]]"
        else:
            link._title = title
            link._text = _code(nodes, texts)
            text = "[[" + title._wv_text + "|" + link._text._wv_text + "]]"
        link._wv_text = text
        return link, text

    # -- the rarer nodes: their own constructors, as the original builder calls them ---------

    _EXTERNAL_STOPS = (_T.ExternalLinkSeparator, _T.ExternalLinkClose)

    def _external_link(self, token):
        brackets, url, suppress_space = token.get("brackets"), None, None
        nodes, texts, token = self._until(self._EXTERNAL_STOPS)
        while type(token) is _T.ExternalLinkSeparator:
            url = _code(nodes, texts)
            suppress_space = token.get("suppress_space")
            nodes, texts, token = self._until(self._EXTERNAL_STOPS)
        if url is not None:
            link = _ExternalLink(url, _code(nodes, texts), brackets=brackets, suppress_space=suppress_space is True)
        else:
            link = _ExternalLink(_code(nodes, texts), brackets=brackets, suppress_space=suppress_space is True)
        return link, _text_of(link)

    def _entity(self, token):
        pop = self.pop
        token = pop()
        if type(token) is _T.HTMLEntityNumeric:
            token = pop()
            if type(token) is _T.HTMLEntityHex:
                text = pop()
                pop()  # HTMLEntityEnd
                entity = HTMLEntity(text.get("text"), named=False, hexadecimal=True, hex_char=token.get("char"))
            else:
                pop()
                entity = HTMLEntity(token.get("text"), named=False, hexadecimal=False)
        else:
            pop()
            entity = HTMLEntity(token.get("text"), named=True, hexadecimal=False)
        return entity, str(entity)

    def _heading(self, token):
        nodes, texts, _end = self._until((_T.HeadingEnd,))
        heading = _Heading(_code(nodes, texts), token.get("level"))
        return heading, _text_of(heading)

    def _comment(self, token):
        nodes, texts, _end = self._until((_T.CommentEnd,))
        comment = Comment(_code(nodes, texts))
        return comment, str(comment)

    _ATTRIBUTE_STOPS = (_T.TagAttrEquals, _T.TagAttrQuote, _T.TagAttrStart, _T.TagCloseOpen, _T.TagCloseSelfclose)

    def _attribute(self, start):
        name = quotes = None
        nodes: list = []
        texts: list = []
        while True:
            more, more_texts, token = self._until(self._ATTRIBUTE_STOPS)
            nodes += more
            texts += more_texts
            kind = type(token)
            if kind is _T.TagAttrEquals:
                name, nodes, texts = _code(nodes, texts), [], []
            elif kind is _T.TagAttrQuote:
                quotes = token.get("char")
            else:
                self.tokens.append(token)
                if name:
                    value = _code(nodes, texts)
                else:
                    name, value = _code(nodes, texts), None
                return _attribute(name, value, quotes, start.get("pad_first"), start.get("pad_before_eq"),
                                  start.get("pad_after_eq"))

    _TAG_STOPS = (_T.TagAttrStart, _T.TagCloseOpen, _T.TagOpenClose, _T.TagCloseSelfclose, _T.TagCloseClose)

    def _tag(self, token):
        tag = padding = None
        implicit, attrs, contents, closing_tag = False, [], None, None
        wiki_markup, invalid = token.get("wiki_markup"), token.get("invalid") or False
        wiki_style_separator, closing_wiki_markup = None, wiki_markup
        nodes: list = []
        texts: list = []
        while True:
            more, more_texts, token = self._until(self._TAG_STOPS)
            nodes += more
            texts += more_texts
            kind = type(token)
            if kind is _T.TagAttrStart:
                attrs.append(self._attribute(token))
            elif kind is _T.TagCloseOpen:
                wiki_style_separator = token.get("wiki_markup")
                padding = token.get("padding") or ""
                tag, nodes, texts = _code(nodes, texts), [], []
            elif kind is _T.TagOpenClose:
                closing_wiki_markup = token.get("wiki_markup")
                contents, nodes, texts = _code(nodes, texts), [], []
            else:
                if kind is _T.TagCloseSelfclose:
                    closing_wiki_markup = token.get("wiki_markup")
                    tag = _code(nodes, texts)
                    self_closing = True
                    padding = token.get("padding") or ""
                    implicit = token.get("implicit") or False
                else:
                    self_closing = False
                    closing_tag = _code(nodes, texts)
                if tag is None or padding is None:
                    raise ParserError("_handle_tag() missed its name")
                if padding and not padding.isspace():  # the constructor says why it refuses
                    node = _Tag(tag, contents, attrs, wiki_markup, self_closing, invalid, implicit, padding,
                                closing_tag, wiki_style_separator, closing_wiki_markup)
                    return node, _text_of(node)
                # Tag.__init__'s setters, in order, for Wikicode arguments
                node = _new(_Tag)
                node._tag = tag
                node._closing_tag = tag if closing_tag is None else closing_tag
                node._contents = _code([], []) if contents is None else contents
                node._attrs = attrs
                node._wiki_markup = node._closing_wiki_markup = str(wiki_markup) if wiki_markup else None
                node._self_closing = bool(self_closing)
                node._invalid = bool(invalid)
                node._implicit = bool(implicit)
                node._padding = str(padding) if padding else ""
                node._wiki_style_separator = str(wiki_style_separator) if wiki_style_separator else None
                if closing_wiki_markup is not None:
                    node._closing_wiki_markup = str(closing_wiki_markup) if closing_wiki_markup else None
                return node, _text_of(node)


def parse(text: str, skip_style_tags: bool = False) -> Wikicode:
    """What ``mwparserfromhell.parse(text, skip_style_tags=...)`` gives, built faster; its
    containers remember their text, so the tree must not be changed."""
    return _Builder(_Tokenizer().tokenize(text, 0, skip_style_tags)).build()
