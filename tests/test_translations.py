"""Every user-facing string is in Simplified (zh) and Traditional (zh-TW) Chinese, each in its
own script and wording, keeping the placeholders of its English source.

Frappe loads `translations/zh.csv` for zh, and for zh-TW that file overlaid with `zh-TW.csv`, so
a string missing from zh-TW would show in Simplified: both files must be complete.
"""

import re
from collections import Counter
from pathlib import Path

import opencc
import pytest
from translatable import LANGUAGES, Catalogue, catalogue, read_translations

DICTIONARY = Path(opencc.__file__).parent / "dictionary"
CJK = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"\{\w*\}|%[sd]")
# Sources that stay as they are in Chinese (no words to translate).
AS_IS = re.compile(r"^[\W\d_]*$|^[A-Z]{2,5}$")
# Wording: mainland terms that Taiwan says otherwise (信息→訊息, 默認→預設, 打印→列印, 保存→儲存,
# 文檔→文件, 軟件→軟體, 用戶→使用者, 字段→欄位, 鏈接→連結, 數據→資料, 登錄→登入, 質量→品質,
# 渠道→管道, 添加→新增, 聯繫→聯絡), and the Taiwan terms the other way.
MAINLAND = "信息 默認 打印 保存 文檔 軟件 用戶 字段 鏈接 數據 登錄 質量 渠道 添加 聯繫".split()
TAIWAN = "讯息 预设 列印 储存 软体 使用者 栏位 连结 资料库 登入 透过 保固".split()


def _table(name: str) -> dict[str, list[str]]:
	lines = (DICTIONARY / name).read_text(encoding="utf-8").splitlines()
	return {key: value.split() for key, value in (line.split("\t") for line in lines if line)}


NOT_TAIWAN = {variant: forms[0] for variant, forms in _table("TWVariants.txt").items()}  # 裏 → 裡, 羣 → 群


def _changed_always(name: str, variants: dict[str, str]) -> set[str]:
	"""Characters a conversion table always changes: they belong to the other script only."""
	return {
		char
		for char, forms in _table(name).items()
		if len(char) == 1 and char not in {variants.get(form, form) for form in forms}
	}


SIMPLIFIED_ONLY = _changed_always("STCharacters.txt", NOT_TAIWAN)  # 设 (設); not 台 (臺 or 台), 干, 群
TRADITIONAL_ONLY = _changed_always("TSCharacters.txt", {})  # 設, 後; not 乾 (干 or 乾)
TO_SIMPLIFIED = opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def strings():
	return catalogue()


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request):
	return request.param


def _translations(language: str) -> dict[str, str]:
	"""Frappe's keys: the source, or `source:context` for a row that names a DocType as context."""
	return {":".join([row[0], *row[2:]]): row[1] for row in read_translations(language)}


def _rows(language: str) -> list[tuple[str, str]]:
	return [(row[0], row[1]) for row in read_translations(language)]


def test_the_extractor_reads_every_kind_of_source(strings):
	for text in (
		"Service Work Order",  # a DocType
		"Arrived On Site",  # a field label, and a constant translated through a variable
		"Settle at Finance",  # __() in JS
		"My Household Services",  # _() in a page and the portal menu
		"Fee for {0}: {1}",  # a notification's subject
		"Record Customer Confirmation",  # a workflow action
		"Service Leadership",  # a role
		"Special Services",  # the workspace
		"Cash Receipt",  # a print format
		"Cash Hand-over",  # a report
	):
		assert text in strings.strings, text


def test_the_extractor_tells_literals_from_variables():
	found = Catalogue()
	found.template("""<b>{{ _("Bar") }}</b> {{ _(row.status) }} {{ foo_("No") }}""", "page.html")
	found.template("""__("A", [x]); __('B'); __(`C ${x}`); __(label); x.__("No")""", "form.js", script=True)
	assert set(found.strings) == {"Bar", "A", "B"}
	assert found.dynamic == [("page.html", "row.status"), ("form.js", "label")]


def test_the_script_tables_tell_the_scripts_apart():
	assert "设" in SIMPLIFIED_ONLY and not {"设", "后"} & TRADITIONAL_ONLY
	assert {"設", "後"} <= TRADITIONAL_ONLY and not {"設", "後"} & SIMPLIFIED_ONLY
	# Shared by both scripts: 台 (臺), 干 (乾, 幹), 后 (皇后), 乾 (乾隆), 群 (羣 is not Taiwan's).
	assert not {"台", "干", "后", "群"} & SIMPLIFIED_ONLY and "乾" not in TRADITIONAL_ONLY
	assert "裏" in NOT_TAIWAN


def test_every_translated_variable_says_where_its_values_come_from(strings):
	"""`_(x)` finds no string by itself: tests/translatable.py DYNAMIC names x's values."""
	assert not strings.unexplained, strings.unexplained


def test_every_string_is_translated(strings, language):
	translations = _translations(language)
	missing = sorted(text for text in strings.strings if not translations.get(text, "").strip())
	assert not missing, (
		f"{len(missing)} untranslated in {language} (python3 tests/translatable.py): {missing}"
	)


def test_translations_are_chinese_and_keep_the_placeholders(language):
	for source, translation in _rows(language):
		assert Counter(PLACEHOLDER.findall(source)) == Counter(PLACEHOLDER.findall(translation)), source
		assert CJK.search(translation) or AS_IS.match(source), (source, translation)


def test_rows_are_well_formed(language):
	"""A comma in an unquoted translation silently splits the row; a repeated source hides one.
	A third column is Frappe's context: the DocType whose label or option reads otherwise there."""
	rows = read_translations(language)
	assert rows, language
	assert not [row for row in rows if len(row) not in (2, 3)], language
	repeated = [
		key for key, count in Counter(":".join([row[0], *row[2:]]) for row in rows).items() if count > 1
	]
	assert not repeated, repeated


def test_simplified_has_no_traditional_characters_or_taiwan_wording():
	for source, translation in _rows("zh"):
		traditional = set(translation) & TRADITIONAL_ONLY
		assert not traditional, (source, translation, traditional)
		assert TO_SIMPLIFIED.convert(translation) == translation, (source, translation)
		assert not [word for word in TAIWAN if word in translation], (source, translation)


def test_traditional_has_no_simplified_characters_or_mainland_wording():
	for source, translation in _rows("zh-TW"):
		simplified = set(translation) & (SIMPLIFIED_ONLY | set(NOT_TAIWAN))
		assert not simplified, (source, translation, simplified)
		assert not [word for word in MAINLAND if word in translation], (source, translation)
