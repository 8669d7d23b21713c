"""The growth benchmark's corpus generator (bench/variants.py): deterministic, parseable, the real lines kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.variants import grown_corpus, write_grown_corpus
from bot.config import DEFAULT_CORPUS
from bot.document.parser import parse_document
from bot.document.profile import build_profile

REAL = DEFAULT_CORPUS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real_records():
    return parse_document(REAL)


def test_the_same_size_and_seed_give_the_same_text() -> None:
    assert grown_corpus(REAL, 3) == grown_corpus(REAL, 3)
    assert grown_corpus(REAL, 3, seed=1) != grown_corpus(REAL, 3)
    assert grown_corpus(REAL, 1) == REAL.rstrip("\n") + "\n"


def test_a_larger_size_extends_a_smaller_one() -> None:
    """Size 10 holds size 3's variants unchanged, so a shared embedding cache serves both."""
    assert grown_corpus(REAL, 10).startswith(grown_corpus(REAL, 3).rstrip("\n"))


def test_the_real_records_keep_their_ids_and_lines(real_records) -> None:
    grown = parse_document(grown_corpus(REAL, 5))
    n = len(real_records)
    assert [(r.id, r.line_start, r.line_end) for r in grown[:n]] == [
        (r.id, r.line_start, r.line_end) for r in real_records
    ]
    assert grown_corpus(REAL, 5).split("\n")[: len(REAL.split("\n")) - 1] == REAL.split("\n")[:-1]


def test_each_variant_adds_a_copy_of_the_body_with_unique_ids(real_records) -> None:
    grown = parse_document(grown_corpus(REAL, 5))
    per_variant = len(real_records) - 1  # the title block is the real document's only
    assert len(grown) == len(real_records) + 4 * per_variant
    assert len({r.id for r in grown}) == len(grown)
    assert [r.kind for r in grown[len(real_records) : len(real_records) + per_variant]] == [
        r.kind for r in real_records[1:]
    ]


def test_variants_rename_items_move_years_back_and_change_figures(real_records) -> None:
    n = len(real_records)
    grown = parse_document(grown_corpus(REAL, 6))
    real_titles = {r.title for r in real_records if r.kind != "headline"}
    variant_titles = {r.title for r in grown[n:] if r.kind != "headline"}
    assert not real_titles & variant_titles
    fiscal_year = build_profile(real_records).years[0]
    text = grown_corpus(REAL, 6)[len(REAL) :]
    years = {int(y) for y in re.findall(r"令和\s*(\d+)\s*年度", text)}
    assert years and max(years) <= fiscal_year  # earlier editions only: a later one does not exist yet
    real_amounts = [r.amount_oku for r in real_records[1:]]
    assert all([r.amount_oku for r in grown[n + k * (n - 1) : n + (k + 1) * (n - 1)]] != real_amounts for k in range(5))
    assert build_profile(grown).years == build_profile(real_records).years  # the profile is still the real document's


def test_the_corpus_is_written_where_asked(tmp_path: Path) -> None:
    path = write_grown_corpus(DEFAULT_CORPUS, 2, tmp_path)
    assert path.parent == tmp_path
    assert path.read_text(encoding="utf-8") == grown_corpus(REAL, 2)
