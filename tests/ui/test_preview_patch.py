"""Splitting a rendered body into blocks and diffing two bodies into an in-place patch."""

from __future__ import annotations

from viewer.ui.preview_patch import diff_bodies, split_body


def body(*blocks: str) -> str:
    return '<div class="mw-parser-output" data-wv-src="0-99">' + "\n".join(blocks) + "</div>"


def test_split_keeps_each_top_level_element_whole():
    b = split_body(body('<p data-wv-src="0-5">a<br>b <a href="x>y">l</a></p>', '<h2 id="s" data-wv-src="6-12">S</h2>', "<hr/>"))
    assert [blk.html[:3] for blk in b.blocks] == ["<p ", "<h2", "<hr"]
    assert b.blocks[0].spans == (0, 5) and b.blocks[1].key == split_body(body('<h2 id="s" data-wv-src="1-2">S</h2>')).blocks[0].key


def test_loose_text_is_not_splittable():
    assert split_body(body("<p>a</p>", "loose")).blocks is None


def test_edit_in_the_middle_replaces_one_block_and_shifts_the_rest():
    old = split_body(body('<p data-wv-src="0-5">aaaa</p>', '<p data-wv-src="6-10">bbb</p>', '<p data-wv-src="11-15">ccc</p>'))
    new = split_body(body('<p data-wv-src="0-5">aaaa</p>', '<p data-wv-src="6-12">bbbXY</p>', '<p data-wv-src="13-17">ccc</p>'))
    patch = diff_bodies(old, new, shift=2)
    assert (patch.start, patch.remove, patch.shift, patch.tail) == (1, 1, 2, 1)
    assert patch.html == '<p data-wv-src="6-12">bbbXY</p>'


def test_inserted_block_and_unchanged_body():
    old = split_body(body('<p data-wv-src="0-1">a</p>', '<p data-wv-src="2-3">c</p>'))
    new = split_body(body('<p data-wv-src="0-1">a</p>', '<p data-wv-src="2-3">b</p>', '<p data-wv-src="4-5">c</p>'))
    patch = diff_bodies(old, new, shift=2)
    assert (patch.start, patch.remove, patch.tail) == (1, 0, 1)
    assert diff_bodies(new, new, 0) is None


def test_unsplittable_bodies_are_replaced_whole():
    old = split_body("<p>no wrapper</p>")
    new = split_body("<p>still none</p>")
    assert diff_bodies(old, new, 0).remove == -1


def test_a_block_with_uneven_offsets_is_respanned_not_resent():
    # a reference list whose first backlink points before the edit and the second after it
    old = split_body(body('<p data-wv-src="0-5">aaaa</p>', '<p data-wv-src="6-10">bbb</p>',
                          '<ol data-wv-src="20-30"><li data-wv-src="2-3">x</li><li data-wv-src="8-9">y</li></ol>'))
    new = split_body(body('<p data-wv-src="0-5">aaaa</p>', '<p data-wv-src="6-11">bbbZ</p>',
                          '<ol data-wv-src="21-31"><li data-wv-src="2-3">x</li><li data-wv-src="9-10">y</li></ol>'))
    patch = diff_bodies(old, new, shift=1)
    assert (patch.start, patch.remove, patch.tail) == (1, 1, 1)
    assert patch.html == '<p data-wv-src="6-11">bbbZ</p>'
    assert patch.respans == ((2, (21, 31, 2, 3, 9, 10)),)


def test_a_block_before_the_edit_pointing_past_it_is_respanned_not_resent():
    # a paragraph reusing a named ref whose definition comes after the edit
    old = split_body(body('<p data-wv-src="0-5">a<sup data-wv-src="40-50">1</sup></p>', '<p data-wv-src="6-10">bbb</p>',
                          '<p data-wv-src="40-50">def</p>'))
    new = split_body(body('<p data-wv-src="0-5">a<sup data-wv-src="41-51">1</sup></p>', '<p data-wv-src="6-11">bbbZ</p>',
                          '<p data-wv-src="41-51">def</p>'))
    patch = diff_bodies(old, new, shift=1)
    assert (patch.start, patch.remove, patch.tail) == (1, 1, 1)
    assert patch.html == '<p data-wv-src="6-11">bbbZ</p>'
    assert patch.respans == ((0, (0, 5, 41, 51)),)
    # an edit that changes no block's HTML but moves offsets still patches them
    moved = split_body(body('<p data-wv-src="0-5">a<sup data-wv-src="42-52">1</sup></p>', '<p data-wv-src="6-11">bbbZ</p>',
                            '<p data-wv-src="42-52">def</p>'))
    again = diff_bodies(new, moved, shift=1)
    assert (again.start, again.remove, again.html, again.shift, again.tail) == (2, 0, "", 1, 1)  # the last block shifts
    assert again.respans == ((0, (0, 5, 42, 52)),)


def test_splitting_after_an_earlier_version_gives_what_splitting_from_scratch_gives(sample_text):
    import random

    from viewer.ui.preview_patch import split_after
    from viewer.wikitext.render.html import render_page
    from viewer.wikitext.render.result import RenderOptions

    rng = random.Random(8)
    text = sample_text
    previous = split_after(render_page(text, RenderOptions()).html)
    assert previous.body == split_body(render_page(text, RenderOptions()).html) and previous.bounds
    edits = ["x", "", "\n", "<ref name=q/>", "\n== H ==\n", "'''b'''", "{{cite web|title=T}}"]
    for n in range(14):
        start = rng.randrange(len(text))
        end = start + (rng.randrange(1, 60) if n % 3 == 1 else 0)
        text = text[:start] + edits[n % len(edits)] + text[end:]
        html = render_page(text, RenderOptions()).html
        split = split_after(html, previous)
        assert split.body == split_body(html), (n, start)
        previous = split
    # an unrelated earlier split, or none that can be split, falls back to the whole scan
    other = body('<p data-wv-src="0-1">a</p>')
    assert split_after(other, previous).body == split_body(other)
    unsplittable = body("<p>a</p>", "loose")
    assert split_after(unsplittable, previous).body == split_body(unsplittable)
    assert split_after(other, split_after(unsplittable)).body == split_body(other)
