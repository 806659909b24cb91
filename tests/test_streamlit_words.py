"""No English word of Streamlit's own in the German or Russian view (#19):
the uploader's "Browse files", "Drag and drop", "Limit 5MB per file • CSV…",
the multiselect's "Select all", "No results", "Clear all" — hidden where the
widget cannot say them in the view's language, and said in ours. Checked on
the page's visible text in headless Chromium with every non-local request
blocked, the sidebar open and a multiselect's list opened."""
from __future__ import annotations

import pytest

from browser import ARTIFACTS, map_frame, offline_page, require_chromium, streamlit_server
from dashboard.i18n import Translator

# Streamlit's own words that our texts never use
STREAMLIT_WORDS = ["Select all", "Upload", "Browse files", "per file", "Drag and drop", "No results", "Clear all",
                   "Press Enter"]


def visible_text(page) -> str:
    """What a reader sees: the rendered text of the page and of every open popover (not hidden by CSS)."""
    return page.evaluate("() => document.body.innerText")


def english_words(text: str) -> list[str]:
    # as Streamlit writes them (capitalised): the lower-case name of a Material icon ("upload") is a glyph, not a word
    return [w for w in STREAMLIT_WORDS if w in text]


@pytest.mark.parametrize("lang", ["de", "ru"])
def test_no_english_word_of_streamlits_own(lang):
    require_chromium()
    t = Translator(lang)
    with streamlit_server() as url, offline_page(1400, 1000) as page:
        page.goto(f"{url}/?lang={lang}")
        map_frame(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.wait_for(timeout=30000)
        if sidebar.get_attribute("aria-expanded") == "false":
            page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button').first.click()
        sidebar.get_by_text(t("upload.title"), exact=True).first.scroll_into_view_if_needed()
        uploader = sidebar.locator('[data-testid="stFileUploader"]')
        uploader.wait_for(timeout=30000)
        # our words for what the widget says in English: the limits and the button
        assert t("upload.limits", limit=5, types="CSV, TSV, TXT, XLSX") in sidebar.inner_text()
        assert uploader.get_by_role("button", name=t("upload.browse")).count() == 1
        # a multiselect's list, opened: its "Select all" is hidden
        box = sidebar.locator('[data-testid="stMultiSelect"]').first
        box.scroll_into_view_if_needed()
        box.locator('input[role="combobox"]').click()
        page.locator('[data-testid="stMultiSelectDropdown"] [role="option"]').first.wait_for(timeout=10000)
        page.screenshot(path=str(ARTIFACTS / f"streamlit-words-{lang}.png"))
        assert english_words(visible_text(page)) == []
        # a search in the list that finds nothing: Streamlit's "No results" is not shown either
        page.keyboard.type("zzzz")
        page.locator('[data-testid="stMultiSelectDropdown"] [role="listbox"][data-empty="true"]').wait_for(timeout=10000)
        assert english_words(visible_text(page)) == []
        # ours instead (generated text: the accessible name of the empty list's one entry)
        assert page.evaluate("""() => getComputedStyle(document.querySelector(
            '[data-testid="stMultiSelectDropdown"] [data-empty="true"] > [role="option"]'), '::after').content""") == \
            '"' + t("filters.no_match") + '"'
        page.keyboard.press("Escape")
        # the sidebar's other texts: no English word of Streamlit's own there either
        assert english_words(sidebar.inner_text()) == []
        assert page.failed_local == []
