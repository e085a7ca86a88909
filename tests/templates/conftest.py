"""Fixtures of the template tests; the fake renderer context is in template_harness."""

from __future__ import annotations

import pytest
from template_harness import FakeContext


@pytest.fixture
def ctx() -> FakeContext:
    return FakeContext()
