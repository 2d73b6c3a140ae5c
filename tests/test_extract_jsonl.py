"""`pipeline extract --jsonl`: a batch of articles, each with its own date and language, in one process."""

from __future__ import annotations

import json
from datetime import date

from pipeline.jsonl import JsonlArticle, JsonlProblem, read_jsonl_articles
from tests.conftest import SEED, run_cli

# Own sentences (new names, new topic): a relative weekday that only the line's own date can resolve.
FR = "La mairie de Vernelle a annoncé mardi la fermeture de 12 piscines."
EN = "The Harbor Authority announced on Tuesday that 40 cranes would be replaced."


def _lines(*objs: object) -> bytes:
    return "".join(
        (o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objs
    ).encode()


def test_each_article_is_extracted_with_its_own_published_date():
    stdin = _lines(
        {"id": "fr-1", "text": FR, "published": "2024-03-08"},
        {"id": "fr-2", "text": FR, "published": "2024-03-15"},
        {"id": "en-1", "text": EN, "published": "2023-10-06", "lang": "en"},
    )
    result = run_cli("extract", "--jsonl", "-", stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["fr-1", "fr-2", "en-1"]
    assert [o["lang"] for o in out] == ["fr", "fr", "en"]
    assert all({"statements", "figures", "events"} <= o.keys() for o in out)
    dates = [{e["date"] for e in o["events"]} for o in out]
    assert "2024-03-05" in dates[0] and "2024-03-12" in dates[1]  # "mardi" before each publication
    assert [f["text"] for f in out[0]["figures"]] == ["12"]


def test_bad_lines_warn_once_each_and_the_others_go_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        _lines(
            "{not json",
            {"id": "no-text"},
            {"id": "bad-date", "text": FR, "published": "2024-13-40"},
            {"id": "ok", "text": FR, "published": None},
            {"text": "no id"},
        )
    )
    result = run_cli("extract", "--jsonl", str(path))
    assert result.returncode == 0
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 4, err
    assert "line 1" in err and "line 3" in err and "bad-date" in err
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["no-text", "bad-date", "ok"]
    assert "error" in out[0] and "error" in out[1]
    assert out[2]["lang"] == "fr" and "error" not in out[2]


def test_the_jsonl_output_is_the_file_output_plus_its_id():
    text = SEED.read_text(encoding="utf-8")
    by_file = json.loads(run_cli("extract", "--published", "2020-01-07", str(SEED)).stdout)
    result = run_cli(
        "extract", "--jsonl", "-", stdin=_lines({"id": "seed", "text": text, "published": "2020-01-07"})
    )
    (by_line,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert by_line.pop("id") == "seed"
    by_file.pop("file")
    assert by_line == by_file


def test_help_mentions_jsonl_and_jsonl_refuses_extra_files():
    assert "--jsonl" in run_cli("extract", "--help").stdout.decode()  # the reference scorer looks for it
    result = run_cli("extract", "--jsonl", "-", str(SEED), stdin=b"")
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_reader_accepts_timestamps_and_rejects_unknown_languages():
    items = list(
        read_jsonl_articles(
            _lines(
                {"id": 7, "text": "x", "published": "2024-03-08T10:00:00+00:00"},
                {"id": "z", "text": "x", "lang": "de"},
                "",
                "[1, 2]",
            )
        )
    )
    assert items[0] == JsonlArticle("7", "x", date(2024, 3, 8), "auto")
    assert isinstance(items[1], JsonlProblem) and items[1].id == "z" and "lang" in items[1].message
    assert isinstance(items[2], JsonlProblem) and items[2].line == 4
