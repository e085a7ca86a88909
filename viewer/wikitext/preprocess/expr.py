"""``{{#expr:}}`` as ParserFunctions' ExprParser evaluates it (operators, precedence, messages)."""

from __future__ import annotations

import math
import re

__all__ = ["ExprError", "evaluate", "format_number"]


class ExprError(Exception):
    """Shown as ``<strong class="error">Expression error: ...</strong>``."""


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)|(?P<word>[a-z]+)|(?P<op><>|!=|<=|>=|[-+*/^()=<>]))",
    re.I,
)
_WORD_OPS = {"mod", "div", "round", "and", "or", "not", "e", "pi", "abs", "floor", "ceil", "trunc",
             "ln", "sin", "cos", "tan", "asin", "acos", "atan", "exp", "sqrt", "fmod"}
_UNARY_WORDS = {"not", "abs", "floor", "ceil", "trunc", "ln", "sin", "cos", "tan", "asin", "acos",
                "atan", "exp", "sqrt"}
# binary precedence, higher binds tighter (ExprParser's table)
_BINARY = {"or": 1, "and": 2, "=": 4, "<>": 4, "!=": 4, "<": 4, ">": 4, "<=": 4, ">=": 4,
           "round": 5, "+": 6, "-": 6, "*": 8, "/": 8, "div": 8, "mod": 8, "fmod": 8, "^": 10,
           "e": 11}
_UNARY_PREC = 9  # unary minus/plus and the function words
_MAX_STACK = 100


def _tokens(text: str) -> list[tuple[str, object]]:
    text = text.replace("\u2212", "-")
    out: list[tuple[str, object]] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            ch = text[pos]
            raise ExprError(f'Unrecognized punctuation character "{ch}".')
        pos = m.end()
        if m.group("num") is not None:
            out.append(("num", float(m.group("num"))))
        elif m.group("word") is not None:
            word = m.group("word").lower()
            if word not in _WORD_OPS:
                raise ExprError(f'Unrecognized word "{word}".')
            out.append(("op", word))
        else:
            out.append(("op", m.group("op")))
    return out


class _Parser:
    def __init__(self, tokens):
        self.t = tokens
        self.i = 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def parse(self) -> float | None:
        if not self.t:
            return None
        v = self.expr(0)
        if self.i < len(self.t):
            kind, val = self.t[self.i]
            if val == ")":
                raise ExprError("Unexpected closing bracket.")
            raise ExprError("Unexpected number." if kind == "num" else f'Unexpected operator {val}.')
        return v

    def operand(self) -> float:
        tok = self.peek()
        if tok is None:
            raise ExprError("Missing operand for .")
        kind, val = tok
        self.i += 1
        if kind == "num":
            nxt = self.peek()
            if nxt is not None and nxt[0] == "num":
                raise ExprError("Unexpected number.")
            return val  # type: ignore[return-value]
        if val == "(":
            v = self.expr(0)
            nxt = self.peek()
            if nxt is None or nxt[1] != ")":
                raise ExprError("Unclosed bracket.")
            self.i += 1
            return v
        if val == "e":
            return math.e
        if val == "pi":
            return math.pi
        if val in ("-", "+"):
            v = self.expr(_UNARY_PREC)
            return -v if val == "-" else v
        if val in _UNARY_WORDS:
            v = self.expr(_UNARY_PREC)
            return _unary(val, v)
        if val == ")":
            raise ExprError("Unexpected closing bracket.")
        raise ExprError(f"Missing operand for {val}.")

    def expr(self, min_prec: int) -> float:
        left = self.operand()
        while True:
            tok = self.peek()
            if tok is None:
                return left
            kind, op = tok
            if kind == "num":
                raise ExprError("Unexpected number.")
            if op in ("(",) or op in _UNARY_WORDS:
                raise ExprError(f"Unexpected operator {op}.")
            if op == ")":
                return left
            prec = _BINARY.get(op)  # type: ignore[arg-type]
            if prec is None or prec <= min_prec and not (op == "^" and prec == min_prec):
                if prec is None:
                    raise ExprError(f"Unexpected operator {op}.")
                return left
            self.i += 1
            if self.peek() is None:
                raise ExprError(f"Missing operand for {op}.")
            right = self.expr(prec if op != "^" else prec - 1)
            left = _binary(op, left, right)  # type: ignore[arg-type]


def _unary(op: str, v: float) -> float:
    try:
        if op == "not":
            return float(v == 0)
        if op == "abs":
            return abs(v)
        if op == "floor":
            return float(math.floor(v))
        if op == "ceil":
            return float(math.ceil(v))
        if op == "trunc":
            return float(math.trunc(v))
        if op == "ln":
            if v <= 0:
                raise ExprError("Invalid argument for ln: <= 0")
            return math.log(v)
        if op in ("asin", "acos"):
            if v < -1 or v > 1:
                raise ExprError(f"Invalid argument for {op}: < -1 or > 1")
        if op == "sqrt" and v < 0:
            return math.nan
        return float(getattr(math, op)(v))
    except OverflowError:
        return math.inf


def _binary(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op in ("/", "div"):
        if b == 0:
            raise ExprError("Division by zero.")
        return a / b
    if op == "mod":
        a_i, b_i = int(a), int(b)
        if b_i == 0:
            raise ExprError("Division by zero.")
        return float(math.fmod(a_i, b_i))
    if op == "fmod":
        if b == 0:
            raise ExprError("Division by zero.")
        return math.fmod(a, b)
    if op == "^":
        try:
            r = a ** b
        except ZeroDivisionError:
            raise ExprError("Division by zero.") from None
        except OverflowError:
            return math.inf
        if isinstance(r, complex):
            return math.nan
        return float(r)
    if op == "e":
        try:
            return a * 10 ** b
        except OverflowError:
            return math.inf
    if op == "round":
        digits = int(b)
        m = 10.0 ** digits
        x = a * m
        r = math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)
        return r / m
    if op == "=":
        return float(a == b)
    if op in ("<>", "!="):
        return float(a != b)
    if op == "<":
        return float(a < b)
    if op == ">":
        return float(a > b)
    if op == "<=":
        return float(a <= b)
    if op == ">=":
        return float(a >= b)
    if op == "and":
        return float(a != 0 and b != 0)
    if op == "or":
        return float(a != 0 or b != 0)
    raise ExprError(f"Unexpected operator {op}.")


def format_number(v: float) -> str:
    """PHP's float-to-string as ExprParser prints results (precision 14, INF, NAN)."""
    if math.isnan(v):
        return "NAN"
    if math.isinf(v):
        return "INF" if v > 0 else "-INF"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    s = f"{v:.14G}"
    if "E" in s:
        mant, exp = s.split("E")
        if "." in mant:
            mant = mant.rstrip("0").rstrip(".")
        sign = exp[0]
        return f"{mant}E{sign}{int(exp[1:])}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def evaluate(text: str) -> str:
    """The value of ``text`` as printed, "" for an empty expression; raises :class:`ExprError`."""
    if not text.strip():
        return ""
    value = _Parser(_tokens(text)).parse()
    return "" if value is None else format_number(value)
