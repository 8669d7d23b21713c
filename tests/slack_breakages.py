"""Mutation check for the Slack tests: apply each deliberate breakage, run the tests that must catch it, restore.

Not collected by pytest. Run from a clean checkout: `python tests/slack_breakages.py [index ...]`; it prints
CAUGHT or MISSED per breakage and always restores the file it changed.
"""
import pathlib
import subprocess
import sys

WT = pathlib.Path(__file__).resolve().parents[1]
PY = sys.executable
T, B, L = "tests/test_slack.py", "tests/test_slack_busy.py", "tests/test_slack_limits.py"
BREAKAGES = [
 ("thumbs-up stored as thumbs-down", "bot/slack/listeners.py", 'rating = "up" if action.get("action_id") == ACTION_UP else "down"', 'rating = "down"', [T + "::test_feedback_is_one_vote_per_user_and_the_thanks_updates_the_answer"]),
 ("50-block cap removed", "bot/slack/blocks.py", "return blocks[: MAX_BLOCKS - len(tail)] + tail", "return blocks + tail", [L + "::test_huge_answers_stay_within_every_block_kit_limit"]),
 ("10-element context cap removed", "bot/slack/blocks.py", "CONTEXT_MAX_ELEMENTS = 10", "CONTEXT_MAX_ELEMENTS = 1000", [L + "::test_huge_answers_stay_within_every_block_kit_limit"]),
 ("unescaped titles", "bot/slack/blocks.py", 'parts = [f"[{c.n}] *{escape(c.title[:300])}*"]', 'parts = [f"[{c.n}] *{c.title[:300]}*"]', [L + "::test_titles_amounts_and_the_top_level_text_are_escaped_exactly"]),
 ("question in the button value, no cap", "bot/slack/blocks.py", 'buttons += [_button(ACTION_UP, "👍 役に立った", key), _button(ACTION_DOWN, "👎 役に立たなかった", key)]', 'import json; value = json.dumps({"k": key, "q": question}, ensure_ascii=False); buttons += [_button(ACTION_UP, "👍 役に立った", value), _button(ACTION_DOWN, "👎 役に立たなかった", value)]', [L + "::test_a_long_quoted_question_gets_its_answer_and_a_short_button_value"]),
 ("slash commands exempt from the rate limit", "bot/slack/chat.py", "if not self.state.allow(", "if msg.thread_id and not self.state.allow(", [L + "::test_slash_commands_count_against_the_rate_limit"]),
 ("assistant turns dropped from history", "bot/slack/listeners.py", 'return Turn(role="assistant", content=unescape(text)) if text and not is_notice(text) else None', "return None", [B + "::test_a_long_thread_is_read_page_by_page_and_the_latest_turns_kept"]),
 ("private channels treated as DMs", "bot/slack/listeners.py", 'direct = channel_type == "im" or', 'direct = channel_type in ("im", "group") or', [T + "::test_which_events_are_answered"]),
 ("no feedback buttons on refusals", "bot/slack/blocks.py", "if key and not answer.error:", "if key and not answer.error and not answer.refused:", [L + "::test_refusals_keep_their_feedback_buttons_and_errors_have_none"]),
 ("apology posted into strangers' threads (ownership read from Slack)", "bot/slack/chat.py", "            if msg.user not in self.state.askers(msg.workspace, msg.conversation, msg.thread_id):\n                return False  # someone else's thread, or side talk in ours\n", "", [B + "::test_strangers_threads_get_nothing_even_when_the_api_fails"]),
 ("conversations.replies for every threaded message", "bot/slack/chat.py", "            if msg.user not in self.state.askers(msg.workspace, msg.conversation, msg.thread_id):\n                return False  # someone else's thread, or side talk in ours\n", "", [T + "::test_threads_without_the_bot_are_left_alone"]),
 ("side talk answered in an owned thread", "bot/slack/chat.py", "if msg.user not in self.state.askers(msg.workspace, msg.conversation, msg.thread_id):", "if not self.state.askers(msg.workspace, msg.conversation, msg.thread_id):", [B + "::test_side_talk_is_left_alone_and_small_talk_gets_a_reaction_not_a_turn"]),
 ("small talk answered", "bot/slack/chat.py", "        if is_small_talk(msg.text):\n            replier.acknowledge()\n            return\n", "", [B + "::test_side_talk_is_left_alone_and_small_talk_gets_a_reaction_not_a_turn"]),
 ("small talk taken as the earlier question", "bot/slack/listeners.py", "if question and not is_small_talk(question) else None", "if question else None", [B + "::test_side_talk_is_left_alone_and_small_talk_gets_a_reaction_not_a_turn"]),
 ("long threads read without pagination", "bot/slack/listeners.py", "            if not page.get(\"has_more\") or not cursor:\n                break\n", "            break\n", [B + "::test_a_long_thread_is_read_page_by_page_and_the_latest_turns_kept"]),
 ("top-level DMs without context", "bot/slack/chat.py", "        elif msg.direct:", "        elif False:", [B + "::test_a_top_level_dm_follows_up_on_the_previous_answer"]),
 ("token not checked at start", "bot/slack/runner.py", "token_verification_enabled=True,", "token_verification_enabled=False,", [L + "::test_a_refused_bot_token_stops_start_up_in_one_line", L + "::test_the_token_is_checked_at_start_and_never_inside_an_ack"]),
 ("Retry-After uncapped", "bot/slack/runner.py", "            and self._retry_after(response) <= self.max_wait_s", "", [L + "::test_retry_after_is_honoured_once_and_capped"]),
 ("top-level text not escaped", "bot/slack/blocks.py", "    return escape(answer.answer)", "    return answer.answer", [L + "::test_titles_amounts_and_the_top_level_text_are_escaped_exactly"]),
 ("split cuts an entity", "bot/slack/blocks.py", "    if amp > 0 and text.find(\";\", amp, size) < 0:", "    if False:", [L + "::test_splitting_at_3000_characters_never_cuts_an_entity"]),
 ("slash-command replay answered twice", "bot/slack/listeners.py", "        if not first:", "        if False:", [L + "::test_a_replayed_slash_command_is_answered_once"]),
 ("thanks as a separate ephemeral", "bot/slack/listeners.py", "        if record is None:\n            respond(text=FEEDBACK_STORED", "        if True:\n            respond(text=FEEDBACK_STORED", [T + "::test_feedback_is_one_vote_per_user_and_the_thanks_updates_the_answer"]),
 ("feedback without the voter (no per-user dedup)", "bot/slack/chat.py", "answer_key=key, voter=voter)\n        log.info", "answer_key=None, voter=voter)\n        log.info", [T + "::test_feedback_is_one_vote_per_user_and_the_thanks_updates_the_answer"]),
 ("dedup in one process's memory (replicas)", "bot/state/slack_state.py", "        now = self._clock()\n        stmt = self._insert(SLACK_CLAIMS)", "        now = self._clock()\n        seen = self.__dict__.setdefault('_seen', set())\n        if key in seen:\n            return False\n        seen.add(key)\n        return True\n        stmt = self._insert(SLACK_CLAIMS)", [B + "::test_two_replicas_on_one_store_answer_once_and_count_a_vote_once"]),
 ("serve with half the settings silent", "bot/web/server.py", "    if not (secret and token):\n        have,", "    if not (secret and token):\n        return\n        have,", [L + "::test_serve_with_half_the_slack_settings_says_so_in_one_line"]),
]
only = sys.argv[1:]
for i, (name, path, old, new, tests) in enumerate(BREAKAGES):
    if only and str(i) not in only:
        continue
    f = WT / path
    original = f.read_text(encoding="utf-8")
    assert original.count(old) >= 1, f"{name}: pattern not found"
    f.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        r = subprocess.run([PY, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], cwd=WT,
                           env={"PYTHONPATH": str(WT), "PATH": "/usr/bin:/bin", "HOME": "/root"},
                           capture_output=True, text=True, timeout=600)
        last = (r.stdout.strip().splitlines() or ["?"])[-1]
        caught = "CAUGHT" if r.returncode != 0 else "MISSED"
        print(f"{i:2d} {caught}: {name} -> {last}", flush=True)
    finally:
        f.write_text(original, encoding="utf-8")
